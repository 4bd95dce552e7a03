package io.rigshare.agent.hardware;

import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * {@link SystemReader} backed by OSHI. Each reading is guarded on its own: OSHI reaches the OS
 * through JNA and external commands, and on an odd platform one of them may throw (even a {@link
 * LinkageError}) while the rest work.
 */
public final class OshiSystemReader implements SystemReader {

  private static final long BYTES_PER_MIB = 1024L * 1024L;
  private static final long HZ_PER_MHZ = 1_000_000L;

  private final LogOnce log = new LogOnce(LoggerFactory.getLogger(OshiSystemReader.class));
  private SystemInfo systemInfo;

  @Override
  public String hostname() {
    String fromOshi = guarded("hostname", () -> operatingSystem().getNetworkParams().getHostName(), null);
    if (fromOshi != null && !fromOshi.isBlank()) {
      return fromOshi.trim();
    }
    String fromJdk = guarded("hostname (JDK)", () -> InetAddress.getLocalHost().getHostName(), null);
    return fromJdk != null && !fromJdk.isBlank() ? fromJdk.trim() : UNKNOWN;
  }

  @Override
  public OsInfo os() {
    String arch = System.getProperty("os.arch", UNKNOWN);
    return guarded(
        "operating system",
        () -> {
          OperatingSystem os = operatingSystem();
          return new OsInfo(
              orUnknown(os.getFamily()), orUnknown(os.getVersionInfo().getVersion()), arch);
        },
        new OsInfo(UNKNOWN, UNKNOWN, arch));
  }

  @Override
  public CpuInfo cpu() {
    return guarded(
        "CPU",
        () -> {
          CentralProcessor cpu = hardware().getProcessor();
          // Many virtual machines report no maximum frequency (-1); the advertised one is next best.
          long hz = cpu.getMaxFreq() > 0 ? cpu.getMaxFreq() : cpu.getProcessorIdentifier().getVendorFreq();
          return new CpuInfo(
              orUnknown(cpu.getProcessorIdentifier().getName()),
              Math.max(0, cpu.getPhysicalProcessorCount()),
              Math.max(0, cpu.getLogicalProcessorCount()),
              Math.max(0, hz / HZ_PER_MHZ));
        },
        new CpuInfo(UNKNOWN, 0, 0, 0));
  }

  @Override
  public MemoryInfo memory() {
    return guarded(
        "memory",
        () -> {
          GlobalMemory memory = hardware().getMemory();
          return new MemoryInfo(Math.max(0, memory.getTotal()), Math.max(0, memory.getAvailable()));
        },
        new MemoryInfo(0, 0));
  }

  @Override
  public List<DiskInfo> disks() {
    return guarded(
        "file stores",
        () -> {
          // Keyed by mount: bind mounts list the same mount point more than once.
          Map<String, DiskInfo> byMount = new LinkedHashMap<>();
          for (OSFileStore store : operatingSystem().getFileSystem().getFileStores(true)) {
            String mount = store.getMount();
            if (DiskFilter.keep(mount, store.getType(), store.getTotalSpace())) {
              byMount.putIfAbsent(
                  mount,
                  new DiskInfo(
                      mount,
                      orUnknown(store.getType()),
                      store.getTotalSpace(),
                      Math.max(0, store.getUsableSpace())));
            }
          }
          return List.copyOf(byMount.values());
        },
        List.of());
  }

  @Override
  public List<GpuInfo> graphicsCards() {
    return guarded(
        "graphics cards",
        () -> {
          List<GpuInfo> cards = new ArrayList<>();
          for (GraphicsCard card : hardware().getGraphicsCards()) {
            cards.add(
                new GpuInfo(
                    cards.size(),
                    GpuVendor.of(card.getVendor(), card.getDeviceId(), card.getName()),
                    orUnknown(card.getName()),
                    null,
                    Math.max(0, card.getVRam()) / BYTES_PER_MIB,
                    null, null, null, null, null, null, null,
                    GpuInfo.SOURCE_OSHI));
          }
          return List.copyOf(cards);
        },
        List.of());
  }

  private synchronized SystemInfo systemInfo() {
    if (systemInfo == null) {
      systemInfo = new SystemInfo();
    }
    return systemInfo;
  }

  private HardwareAbstractionLayer hardware() {
    return systemInfo().getHardware();
  }

  private OperatingSystem operatingSystem() {
    return systemInfo().getOperatingSystem();
  }

  /** A reading from the OS; may throw anything, which {@link #guarded} turns into its fallback. */
  @FunctionalInterface
  private interface Reading<T> {
    T get() throws Exception;
  }

  private <T> T guarded(String what, Reading<T> reading, T fallback) {
    try {
      T value = reading.get();
      log.clear(what);
      return value == null ? fallback : value;
    } catch (Exception | LinkageError e) {
      log.warn(what, "Could not read " + what + " from the OS: " + e, e);
      return fallback;
    }
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value.trim();
  }
}
