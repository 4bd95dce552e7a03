package io.rigshare.marketplace.verify;

import io.rigshare.marketplace.config.VerificationConfig;
import io.rigshare.protocol.verify.ChallengeRules;
import io.rigshare.protocol.verify.GpuCatalog.KnownGpu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The arithmetic of a challenge: its size, its deadline, the rows it opens and when an honest node is asked again
 * (docs/protocol.md section 10, "What the server checks").
 *
 * <pre>
 *   n        = 8192 for a model with 3 GiB of VRAM or more (A, B and C take 768 MiB), else 4096; 1024 on a node
 *              without a GPU (config may fix it)
 *   deadline = allowance + 2n³ / (efficiency x reference) + 4n² bytes / hash rate
 *            = 5 s + 2n³ / (0.25 x reference) + 4n² / (100 MB/s)       with the defaults
 *   reference = the claimed model's FP32 peak; on a node without a GPU, the slowest SGEMM median it measured
 *   next     = now + uniform(0.5, 1.5) x mean interval                 (4 h by default)
 * </pre>
 *
 * The compute term gives an honest device four times what the product takes at its spec-sheet peak (twice the time at
 * 50% efficiency); the last term covers reading C back and hashing it on a slow host (2.7 s at n = 8192, where about
 * 1 s was measured); the allowance covers the kernel build and the network. An RTX 4090 at n = 8192 gets 5 + 0.05 +
 * 2.7 = 7.8 s, which a CPU computing the product at 50 GFLOPS (22 s) cannot meet. A node without a GPU computes
 * 2.1 GFLOP at n = 1024: a fraction of a second on any CPU, so its deadline is mostly the allowance; that challenge
 * checks that the node computes correctly, and its figures price nothing.
 *
 * <p>Cost: a challenge occupies an honest node for at most its deadline (otherwise it fails), about 8 s at n = 8192
 * and about 1 s in practice. Re-challenges come at least half the mean interval apart, so they take at most
 * 8 s / 2 h = 0.11% of a node's time with the defaults (0.06% on average), far under 1%; a mean as short as
 * 100 x 8 s x 2 = 27 minutes would still keep the worst case under 1%.
 */
final class ChallengePlan {
  static final int LARGE_N = 8192;
  static final int SMALL_N = 4096;
  static final double LARGE_N_MIN_VRAM_GIB = 3;
  static final int DEVICE_N = 1024;

  private final VerificationConfig config;

  ChallengePlan(VerificationConfig config) {
    this.config = config;
  }

  int n(KnownGpu model) {
    if (config.getChallengeN() > 0) {
      return config.getChallengeN();
    }
    return model.vramGib() >= LARGE_N_MIN_VRAM_GIB ? LARGE_N : SMALL_N;
  }

  /** The size for a node without a GPU. */
  int deviceN() {
    return config.getChallengeN() > 0 ? config.getChallengeN() : DEVICE_N;
  }

  Duration deadline(KnownGpu model, int n) {
    return deadline(model.fp32Tflops() * 1000, n);
  }

  /** The deadline of a product of size n on a device whose reference rate is {@code referenceGflops}. */
  Duration deadline(double referenceGflops, int n) {
    double cube = 2.0 * n * n * (double) n;
    double computeMs = cube / (config.getDeadlineEfficiency() * referenceGflops * 1e9) * 1000;
    double hashMs = 4.0 * n * n / config.getHashBytesPerSecond() * 1000;
    return config.getDeadlineAllowance().plusMillis((long) Math.ceil(computeMs + hashMs));
  }

  /** {@code count} distinct rows of 0..n-1, uniformly at random (all of them when n is smaller). */
  static List<Integer> rows(int n, int count, RandomGenerator random) {
    List<Integer> rows = new ArrayList<>();
    while (rows.size() < Math.min(count, n)) {
      int row = random.nextInt(n);
      if (!rows.contains(row)) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** The rows split into verify-open frames of at most {@link ChallengeRules#maxRowsPerFrame} each. */
  static List<List<Integer>> frames(int n, List<Integer> rows) {
    int per = ChallengeRules.maxRowsPerFrame(n);
    List<List<Integer>> frames = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += per) {
      frames.add(List.copyOf(rows.subList(i, Math.min(rows.size(), i + per))));
    }
    return frames;
  }

  Duration nextDelay(RandomGenerator random) {
    long mean = config.getRechallengeMean().toMillis();
    return Duration.ofMillis(mean / 2 + (long) (random.nextDouble() * mean));
  }

  Duration rowsTimeout() {
    return config.getRowsTimeout();
  }

  Duration busyRetry() {
    return config.getBusyRetry();
  }

  int rowsOpened() {
    return config.getRowsOpened();
  }
}
