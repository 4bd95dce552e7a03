package io.rigshare.protocol.hardware;

import static io.rigshare.protocol.hardware.CpuInfo.requireNotNegative;

import java.util.Objects;
import java.util.Set;

/**
 * One GPU as its vendor tool (or, failing that, the OS) describes it.
 *
 * @param index the tool's device index (nvidia-smi index, rocm-smi card number), not a position
 * @param vendor one of {@link #VENDORS}
 * @param uuid nvidia-smi's "GPU-..." UUID or rocm-smi's unique id; null when not reported
 * @param memoryTotalMib framebuffer size; 0 when not reported (e.g. unified-memory GB10)
 * @param memoryFreeMib null when not reported
 * @param utilizationPercent null when not reported (e.g. MIG mode)
 * @param powerLimitW null when not reported
 * @param driverVersion null when not reported
 * @param cudaVersion highest CUDA version the driver supports; null for non-NVIDIA or unknown
 * @param source one of {@link #SOURCES}: which tool produced this record
 */
public record GpuInfo(
    int index,
    String vendor,
    String name,
    String uuid,
    long memoryTotalMib,
    Long memoryFreeMib,
    Integer utilizationPercent,
    Integer temperatureC,
    Double powerDrawW,
    Double powerLimitW,
    String driverVersion,
    String cudaVersion,
    String source) {

  public static final String VENDOR_NVIDIA = "nvidia";
  public static final String VENDOR_AMD = "amd";
  public static final String VENDOR_INTEL = "intel";
  public static final String VENDOR_OTHER = "other";
  public static final Set<String> VENDORS =
      Set.of(VENDOR_NVIDIA, VENDOR_AMD, VENDOR_INTEL, VENDOR_OTHER);

  public static final String SOURCE_NVIDIA_SMI = "nvidia-smi";
  public static final String SOURCE_ROCM_SMI = "rocm-smi";
  public static final String SOURCE_OSHI = "oshi";
  public static final Set<String> SOURCES = Set.of(SOURCE_NVIDIA_SMI, SOURCE_ROCM_SMI, SOURCE_OSHI);

  public GpuInfo {
    requireNotNegative(index, "index");
    requireOneOf(vendor, VENDORS, "vendor");
    Objects.requireNonNull(name, "name");
    requireNotNegative(memoryTotalMib, "memoryTotalMib");
    requireOneOf(source, SOURCES, "source");
  }

  private static void requireOneOf(String value, Set<String> allowed, String name) {
    if (value == null || !allowed.contains(value)) {
      throw new IllegalArgumentException(name + " must be one of " + allowed + ": " + value);
    }
  }
}
