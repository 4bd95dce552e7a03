package io.rigshare.protocol.hardware;

import java.util.Objects;

/**
 * The host's processors, all packages together.
 *
 * @param model brand string, e.g. "AMD EPYC 7763 64-Core Processor"
 * @param physicalCores 0 when unknown
 * @param logicalThreads 0 when unknown
 * @param maxFreqMhz 0 when unknown (common in virtual machines)
 */
public record CpuInfo(String model, int physicalCores, int logicalThreads, long maxFreqMhz) {

  public CpuInfo {
    Objects.requireNonNull(model, "model");
    requireNotNegative(physicalCores, "physicalCores");
    requireNotNegative(logicalThreads, "logicalThreads");
    requireNotNegative(maxFreqMhz, "maxFreqMhz");
  }

  static void requireNotNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }
}
