package io.rigshare.protocol.hardware;

import static io.rigshare.protocol.hardware.CpuInfo.requireNotNegative;

/** Physical RAM in bytes; 0 when unknown. */
public record MemoryInfo(long totalBytes, long availableBytes) {

  public MemoryInfo {
    requireNotNegative(totalBytes, "totalBytes");
    requireNotNegative(availableBytes, "availableBytes");
  }
}
