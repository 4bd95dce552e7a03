package io.rigshare.bench;

import java.util.SplittableRandom;

/**
 * Reconnect delays as the real agent draws them (docs/protocol.md §2, host-agent's {@code Backoff}): the n-th
 * consecutive failure waits a uniformly random time in [0, min(60 s, 1 s × 2^n)]; reset after a connection that
 * authenticated.
 */
final class Backoff {
  static final long BASE_MS = 1_000;
  static final long CAP_MS = 60_000;

  private final SplittableRandom random;
  private int attempt;

  Backoff(SplittableRandom random) {
    this.random = random;
  }

  /** The largest delay attempt {@code n} (0 for the first) can draw. */
  static long ceilingMs(int n) {
    long ceiling = BASE_MS;
    for (int i = 0; i < n && ceiling < CAP_MS; i++) {
      ceiling *= 2;
    }
    return Math.min(ceiling, CAP_MS);
  }

  synchronized long nextMs() {
    long ceiling = ceilingMs(attempt);
    if (attempt < Integer.MAX_VALUE) {
      attempt++;
    }
    return random.nextLong(ceiling + 1);
  }

  synchronized void reset() {
    attempt = 0;
  }

  synchronized int attempt() {
    return attempt;
  }
}
