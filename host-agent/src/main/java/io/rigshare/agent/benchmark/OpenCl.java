package io.rigshare.agent.benchmark;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_CLOCK_FREQUENCY;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds the OpenCL devices through JOCL. JOCL reports failures as {@link CLException}s once exceptions are enabled
 * (they are, here); a machine with a loader but no platform answers {@code CL_PLATFORM_NOT_FOUND_KHR}, one without
 * a loader fails to link. Both become an {@link OpenClUnavailableException} that says what to install.
 */
final class OpenCl {
  static final String INSTALL_HINT = "install the GPU vendor's OpenCL driver (NVIDIA's ships with the driver), or"
      + " for CPU-only OpenCL: apt-get install ocl-icd-libopencl1 pocl-opencl-icd";

  // Vendor extensions (cl_nv_device_attribute_query, cl_amd_device_attribute_query).
  private static final int CL_DEVICE_PCI_BUS_ID_NV = 0x4008;
  private static final int CL_DEVICE_PCI_SLOT_ID_NV = 0x4009;
  private static final int CL_DEVICE_PCI_DOMAIN_ID_NV = 0x400A;
  private static final int CL_DEVICE_TOPOLOGY_AMD = 0x4037;
  private static final int CL_DEVICE_BOARD_NAME_AMD = 0x4038;
  private static final int CL_DEVICE_TOPOLOGY_TYPE_PCIE_AMD = 1;

  // The ICD loader reads its platforms once per process, and enumerating from two threads at once can come back
  // empty: the first answer, devices or the exception, is kept for the life of the process.
  private static List<ClDevice> found;
  private static OpenClUnavailableException missing;

  private OpenCl() {}

  /** Every device of every platform; throws {@link OpenClUnavailableException} when there is none. */
  static synchronized List<ClDevice> devices() {
    if (found == null && missing == null) {
      try {
        found = List.copyOf(enumerate());
      } catch (OpenClUnavailableException e) {
        missing = e;
      }
    }
    if (missing != null) {
      throw new OpenClUnavailableException(missing.getMessage(), missing);
    }
    return found;
  }

  private static List<ClDevice> enumerate() {
    List<ClDevice> devices = new ArrayList<>();
    try {
      CL.setExceptionsEnabled(true);
      int[] count = new int[1];
      clGetPlatformIDs(0, null, count);
      cl_platform_id[] platforms = new cl_platform_id[count[0]];
      clGetPlatformIDs(platforms.length, platforms, null);
      for (cl_platform_id platform : platforms) {
        devices.addAll(devices(platform));
      }
    } catch (CLException e) {
      throw new OpenClUnavailableException("no OpenCL platform (" + CL.stringFor_errorCode(e.getStatus()) + ")", e);
    } catch (LinkageError e) {
      throw new OpenClUnavailableException("the OpenCL library cannot be loaded (" + e.getMessage() + ")", e);
    }
    if (devices.isEmpty()) {
      throw new OpenClUnavailableException("OpenCL platforms without devices");
    }
    return devices;
  }

  private static List<ClDevice> devices(cl_platform_id platform) {
    int[] count = new int[1];
    try {
      clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
    } catch (CLException e) {
      if (e.getStatus() == CL_DEVICE_NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
    cl_device_id[] ids = new cl_device_id[count[0]];
    clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
    String platformName = platformString(platform, CL_PLATFORM_NAME);
    List<ClDevice> devices = new ArrayList<>();
    for (cl_device_id id : ids) {
      String extensions = string(id, CL_DEVICE_EXTENSIONS);
      devices.add(new ClDevice(platform, id, string(id, CL_DEVICE_NAME), string(id, CL_DEVICE_VENDOR), platformName,
          string(id, CL_DRIVER_VERSION), kind(longValue(id, CL_DEVICE_TYPE)), intValue(id, CL_DEVICE_MAX_COMPUTE_UNITS),
          intValue(id, CL_DEVICE_MAX_CLOCK_FREQUENCY), longValue(id, CL_DEVICE_GLOBAL_MEM_SIZE),
          longValue(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE), longValue(id, CL_DEVICE_LOCAL_MEM_SIZE),
          sizeValue(id, CL_DEVICE_MAX_WORK_GROUP_SIZE), pciBusId(id, extensions),
          extensions.contains("cl_amd_device_attribute_query") ? optionalString(id, CL_DEVICE_BOARD_NAME_AMD) : null));
    }
    return devices;
  }

  static String kind(long type) {
    if ((type & CL_DEVICE_TYPE_GPU) != 0) {
      return "GPU";
    }
    if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
      return "ACCELERATOR";
    }
    if ((type & CL_DEVICE_TYPE_CPU) != 0) {
      return "CPU";
    }
    return "OTHER";
  }

  /** "dddd:bb:dd" (domain, bus, device; hex), as {@link PciBusIds#normalize} writes nvidia-smi's ids. */
  static String formatPci(int domain, int bus, int device) {
    return String.format("%04x:%02x:%02x", domain, bus, device);
  }

  private static String pciBusId(cl_device_id id, String extensions) {
    try {
      if (extensions.contains("cl_nv_device_attribute_query")) {
        int domain = 0;
        try {
          domain = intValue(id, CL_DEVICE_PCI_DOMAIN_ID_NV);
        } catch (CLException olderDriver) {
          // The domain query came later than bus and slot; most machines have one domain, 0.
        }
        return formatPci(domain, intValue(id, CL_DEVICE_PCI_BUS_ID_NV), intValue(id, CL_DEVICE_PCI_SLOT_ID_NV));
      }
      if (extensions.contains("cl_amd_device_attribute_query")) {
        byte[] topology = new byte[24];
        clGetDeviceInfo(id, CL_DEVICE_TOPOLOGY_AMD, topology.length, Pointer.to(topology), null);
        ByteBuffer bytes = ByteBuffer.wrap(topology).order(ByteOrder.nativeOrder());
        if (bytes.getInt(0) == CL_DEVICE_TOPOLOGY_TYPE_PCIE_AMD) {
          return formatPci(0, topology[21] & 0xff, topology[22] & 0xff);
        }
      }
    } catch (CLException e) {
      // An extension that does not answer: the device is matched by name instead.
    }
    return null;
  }

  static String string(cl_device_id id, int param) {
    long[] size = new long[1];
    clGetDeviceInfo(id, param, 0, null, size);
    byte[] bytes = new byte[(int) size[0]];
    clGetDeviceInfo(id, param, bytes.length, Pointer.to(bytes), null);
    return text(bytes);
  }

  private static String optionalString(cl_device_id id, int param) {
    try {
      return string(id, param);
    } catch (CLException e) {
      return null;
    }
  }

  private static String platformString(cl_platform_id platform, int param) {
    long[] size = new long[1];
    clGetPlatformInfo(platform, param, 0, null, size);
    byte[] bytes = new byte[(int) size[0]];
    clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null);
    return text(bytes);
  }

  private static String text(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
  }

  static long longValue(cl_device_id id, int param) {
    long[] value = new long[1];
    clGetDeviceInfo(id, param, Long.BYTES, Pointer.to(value), null);
    return value[0];
  }

  static int intValue(cl_device_id id, int param) {
    int[] value = new int[1];
    clGetDeviceInfo(id, param, Integer.BYTES, Pointer.to(value), null);
    return value[0];
  }

  /** A size_t value (8 bytes on the 64-bit platforms JOCL ships for). */
  static long sizeValue(cl_device_id id, int param) {
    return longValue(id, param);
  }
}
