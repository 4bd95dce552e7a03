package io.rigshare.protocol.verify;

import java.util.Collection;
import java.util.Objects;

/**
 * The benchmark score, formula version {@value #FORMULA_VERSION} (docs/protocol.md section 10).
 *
 * <pre>
 *   points(device) = round(700 * sgemmGflops / 10,000 + 300 * bandwidthGBps / 1,000)
 *                  = round(0.07 * sgemmGflops + 0.3 * bandwidthGBps)
 * </pre>
 *
 * A device measuring 10 TFLOPS in FP32 SGEMM and 1,000 GB/s of device memory bandwidth earns 1,000 points: 70% for
 * compute, 30% for bandwidth, both from measured medians, never from spec sheets. A device has a {@code score} only
 * if it is a GPU (OpenCL type GPU), its SGEMM result verified, and at least {@link #MIN_VRAM_BYTES} could really be
 * allocated on it: VRAM is a gate, not a term. A node's score is the sum of its GPUs' scores, null when it has none.
 * CPU devices get the same points as {@code cpuScore}, for information only: a CPU is never priced as a GPU.
 */
public final class BenchmarkScore {
  public static final int FORMULA_VERSION = 1;
  public static final long MIN_VRAM_BYTES = 4L << 30;
  static final double GFLOPS_WEIGHT = 700.0 / 10_000;
  static final double BANDWIDTH_WEIGHT = 300.0 / 1_000;

  /** OpenCL device types as benchmark results name them. */
  public static final String GPU = "GPU";
  public static final String CPU = "CPU";
  public static final String ACCELERATOR = "ACCELERATOR";
  public static final String OTHER = "OTHER";

  private BenchmarkScore() {}

  public static int points(double sgemmGflops, double bandwidthGBps) {
    return (int) Math.round(GFLOPS_WEIGHT * sgemmGflops + BANDWIDTH_WEIGHT * bandwidthGBps);
  }

  /** Why a device gets no GPU score, or null when it gets one. */
  public static String unscoredReason(String kind, boolean sgemmVerified, Long allocatableVramBytes) {
    if (!GPU.equals(kind)) {
      return kind + " device: not a GPU, never priced as one";
    }
    if (!sgemmVerified) {
      return "the SGEMM result did not match the CPU reference";
    }
    if (allocatableVramBytes == null || allocatableVramBytes < MIN_VRAM_BYTES) {
      return String.format("%.1f GiB of VRAM could be allocated; the score needs %d GiB",
          allocatableVramBytes == null ? 0.0 : allocatableVramBytes / (double) (1L << 30), MIN_VRAM_BYTES >> 30);
    }
    return null;
  }

  /** A device's GPU score: its points when {@link #unscoredReason} is null, else null. */
  public static Integer gpuScore(
      String kind, boolean sgemmVerified, Long allocatableVramBytes, double sgemmGflops, double bandwidthGBps) {
    return unscoredReason(kind, sgemmVerified, allocatableVramBytes) == null
        ? points(sgemmGflops, bandwidthGBps)
        : null;
  }

  /** The sum of the non-null scores; null when there are none. */
  public static Integer total(Collection<Integer> scores) {
    return scores.stream().filter(Objects::nonNull).reduce(Integer::sum).orElse(null);
  }
}
