package io.rigshare.agent.link;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: exponential backoff with full jitter (docs/protocol.md §2). The n-th consecutive failure waits a
 * uniformly random time in {@code [0, min(cap, base × 2^n)]}; {@link #reset()} after a connection that authenticated.
 * Full jitter spreads a fleet of agents that lost the server at the same moment, so they do not return in lockstep.
 *
 * <p>Pure apart from the injected {@link Random}: it computes delays and never sleeps.
 */
public final class Backoff {
  public static final Duration BASE = Duration.ofSeconds(1);
  public static final Duration CAP = Duration.ofSeconds(60);

  private final long baseMillis;
  private final long capMillis;
  private final Random random;
  private int attempt;

  public Backoff(Duration base, Duration cap, Random random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
    }
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = random;
  }

  /** 1 s base, 60 s cap, as the protocol asks. */
  public static Backoff standard() {
    return new Backoff(BASE, CAP, new Random());
  }

  /** The longest delay the given attempt (0 for the first) can draw: {@code min(cap, base × 2^attempt)}. */
  public Duration ceiling(int attempt) {
    long ceiling = baseMillis;
    for (int i = 0; i < attempt && ceiling < capMillis; i++) {
      ceiling *= 2;
    }
    return Duration.ofMillis(Math.min(ceiling, capMillis));
  }

  /** The delay before the next try; counts the attempt. */
  public synchronized Duration next() {
    long ceiling = ceiling(attempt).toMillis();
    if (attempt < Integer.MAX_VALUE) {
      attempt++;
    }
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }

  /** Back to the first attempt's range, after a connection that authenticated. */
  public synchronized void reset() {
    attempt = 0;
  }

  /** How many delays were drawn since the last reset. */
  public synchronized int attempt() {
    return attempt;
  }
}
