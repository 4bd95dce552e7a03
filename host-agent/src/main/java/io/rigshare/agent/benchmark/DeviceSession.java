package io.rigshare.agent.benchmark;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;
import static org.jocl.CL.clWaitForEvents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * A context and a profiling queue on one device, the kernels of {@code kernels.cl} built for it, and the buffers made
 * through it (all released on {@link #close}). Timed operations return the device's own start-to-end time of the
 * command, from the queue's profiling events. Not thread-safe: one thread uses a session.
 */
final class DeviceSession implements AutoCloseable {
  private static final String SOURCE = loadSource();

  private final ClDevice device;
  private final cl_context context;
  private final cl_command_queue queue;
  private final Map<SgemmConfig, cl_program> programs = new HashMap<>();
  private final Map<String, cl_kernel> kernels = new HashMap<>();
  private final List<cl_mem> buffers = new ArrayList<>();

  @SuppressWarnings("deprecation") // clCreateCommandQueue: OpenCL 1.2 devices have nothing newer
  DeviceSession(ClDevice device) {
    this.device = device;
    this.context = clCreateContext(null, 1, new cl_device_id[] {device.id()}, null, null, null);
    try {
      this.queue = org.jocl.CL.clCreateCommandQueue(context, device.id(), CL_QUEUE_PROFILING_ENABLE, null);
    } catch (CLException e) {
      clReleaseContext(context);
      throw e;
    }
  }

  ClDevice device() {
    return device;
  }

  cl_mem buffer(long bytes) {
    cl_mem buffer = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
    buffers.add(buffer);
    return buffer;
  }

  void release(cl_mem buffer) {
    if (buffers.remove(buffer)) {
      clReleaseMemObject(buffer);
    }
  }

  /** Fills the first {@code bytes} of {@code buffer} with zeros on the device: commits its memory. */
  void zero(cl_mem buffer, long bytes) {
    clEnqueueFillBuffer(queue, buffer, Pointer.to(new float[] {0f}), Sizeof.cl_float, 0, bytes, 0, null, null);
    clFinish(queue);
  }

  /** Writes the challenge matrix with {@code domain} for {@code seed}: {@code count} floats. Device seconds. */
  double generate(cl_mem out, long seed, long domain, int count) {
    cl_kernel kernel = kernel(null, "generate");
    clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(out));
    clSetKernelArg(kernel, 1, Sizeof.cl_ulong, Pointer.to(new long[] {seed ^ domain}));
    clSetKernelArg(kernel, 2, Sizeof.cl_uint, Pointer.to(new int[] {count}));
    return timed(kernel, new long[] {count}, null);
  }

  /** C = A x B for n x n matrices. Device seconds. */
  double sgemm(SgemmConfig config, int n, cl_mem a, cl_mem b, cl_mem c) {
    if (n % config.ts() != 0) {
      throw new IllegalArgumentException("n = " + n + " is not a multiple of the tile " + config.ts());
    }
    cl_kernel kernel = kernel(config, config.kernel());
    clSetKernelArg(kernel, 0, Sizeof.cl_int, Pointer.to(new int[] {n}));
    clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(a));
    clSetKernelArg(kernel, 2, Sizeof.cl_mem, Pointer.to(b));
    clSetKernelArg(kernel, 3, Sizeof.cl_mem, Pointer.to(c));
    long global = n / config.wpt();
    long local = config.localSize();
    return timed(kernel, new long[] {global, global}, new long[] {local, local});
  }

  /** a = b + s * c over {@code float4s} four-float elements. Device seconds. */
  double triad(cl_mem a, cl_mem b, cl_mem c, long float4s) {
    cl_kernel kernel = kernel(null, "triad");
    clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(a));
    clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(b));
    clSetKernelArg(kernel, 2, Sizeof.cl_mem, Pointer.to(c));
    clSetKernelArg(kernel, 3, Sizeof.cl_float, Pointer.to(new float[] {3.0f}));
    return timed(kernel, new long[] {float4s}, null);
  }

  /** Copies {@code bytes} from host memory to the device, blocking. Device seconds of the copy. */
  double write(cl_mem target, ByteBuffer source, long bytes) {
    cl_event event = new cl_event();
    clEnqueueWriteBuffer(queue, target, CL_TRUE, 0, bytes, Pointer.to(source), 0, null, event);
    return seconds(event);
  }

  void read(cl_mem source, long offsetBytes, float[] target) {
    clEnqueueReadBuffer(queue, source, CL_TRUE, offsetBytes, (long) target.length * Sizeof.cl_float,
        Pointer.to(target), 0, null, null);
  }

  private double timed(cl_kernel kernel, long[] global, long[] local) {
    cl_event event = new cl_event();
    clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, event);
    return seconds(event);
  }

  private static double seconds(cl_event event) {
    try {
      clWaitForEvents(1, new cl_event[] {event});
      long[] start = new long[1];
      long[] end = new long[1];
      clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
      clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
      return (end[0] - start[0]) / 1e9;
    } finally {
      clReleaseEvent(event);
    }
  }

  /** A kernel of the program built for {@code config} (null: any program, for the kernels that take no sizes). */
  private cl_kernel kernel(SgemmConfig config, String name) {
    SgemmConfig key = config != null ? config : programs.keySet().stream().findFirst()
        .orElse(SgemmConfig.forDevice(device, 128));
    return kernels.computeIfAbsent(name + "@" + key, k -> clCreateKernel(program(key), name, null));
  }

  private cl_program program(SgemmConfig config) {
    return programs.computeIfAbsent(config, c -> {
      cl_program program = clCreateProgramWithSource(context, 1, new String[] {SOURCE}, null, null);
      try {
        clBuildProgram(program, 1, new cl_device_id[] {device.id()}, c.buildOptions(), null, null);
      } catch (CLException e) {
        String log = buildLog(program);
        clReleaseProgram(program);
        throw new IllegalStateException("the benchmark kernels do not build on " + device.name() + ": " + log, e);
      }
      return program;
    });
  }

  private String buildLog(cl_program program) {
    try {
      long[] size = new long[1];
      clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, 0, null, size);
      byte[] log = new byte[(int) size[0]];
      clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
      return new String(log, StandardCharsets.UTF_8).strip();
    } catch (CLException e) {
      return "(no build log)";
    }
  }

  @Override
  public void close() {
    kernels.values().forEach(k -> quietly(() -> clReleaseKernel(k)));
    programs.values().forEach(p -> quietly(() -> clReleaseProgram(p)));
    new ArrayList<>(buffers).forEach(b -> quietly(() -> release(b)));
    quietly(() -> clReleaseCommandQueue(queue));
    quietly(() -> clReleaseContext(context));
  }

  private static void quietly(Runnable release) {
    try {
      release.run();
    } catch (CLException e) {
      // Releasing after a device error can fail too; nothing more can be done with the object.
    }
  }

  private static String loadSource() {
    try (InputStream in = DeviceSession.class.getResourceAsStream("kernels.cl")) {
      if (in == null) {
        throw new IllegalStateException("kernels.cl is missing from the agent's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
