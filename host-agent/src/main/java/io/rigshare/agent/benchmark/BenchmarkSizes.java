package io.rigshare.agent.benchmark;

import java.time.Duration;

/**
 * How big each measurement is on a device. GPUs get full sizes: SGEMM at n = 8192 (1.1 TFLOP a run; 4096 on devices
 * with under 3 GiB), 256 MiB buffers for bandwidth and transfer, VRAM probed in 1 GiB steps refined down to 256 MiB.
 * CPU devices (PoCL) get small ones, so a run takes seconds, and no VRAM probe (their memory is the host's). The quick
 * sizes are for tests and {@code benchmark --quick}.
 */
record BenchmarkSizes(
    int sgemmN, long bandwidthBytes, long transferBytes, long vramStepBytes, long vramMinStepBytes, Repeat repeat) {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  static BenchmarkSizes forDevice(ClDevice device, boolean quick) {
    long maxAlloc = Math.max(MIB, device.maxAllocBytes());
    if (device.isCpu()) {
      return quick
          ? new BenchmarkSizes(256, cap(16 * MIB, maxAlloc), cap(16 * MIB, maxAlloc), 0, 0,
              new Repeat(5, 30, 0.03, Duration.ofSeconds(2)))
          : new BenchmarkSizes(512, cap(64 * MIB, maxAlloc), cap(64 * MIB, maxAlloc), 0, 0,
              Repeat.STANDARD.withBudget(Duration.ofSeconds(5)));
    }
    if (quick) {
      return new BenchmarkSizes(1024, cap(64 * MIB, maxAlloc), cap(64 * MIB, maxAlloc), cap(GIB, maxAlloc),
          256 * MIB, new Repeat(5, 30, 0.03, Duration.ofSeconds(3)));
    }
    int n = device.globalMemBytes() >= 3 * GIB && maxAlloc >= 256 * MIB ? 8192 : 4096;
    return new BenchmarkSizes(n, cap(256 * MIB, maxAlloc), cap(256 * MIB, maxAlloc), cap(GIB, maxAlloc), 256 * MIB,
        Repeat.STANDARD);
  }

  boolean probesVram() {
    return vramStepBytes > 0;
  }

  /** At most {@code limit}, rounded down to whole 16-byte float4s. */
  private static long cap(long wanted, long limit) {
    return Math.min(wanted, limit) / 16 * 16;
  }
}
