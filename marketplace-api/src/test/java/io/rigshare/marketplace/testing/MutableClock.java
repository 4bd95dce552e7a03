package io.rigshare.marketplace.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, so expiry is tested without sleeping. {@link #followSystemTime()} makes it run with the
 * real clock, for tests that share time with other processes (a real agent signs with its own clock).
 */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void set(Instant instant) {
    now = instant;
  }

  public void advance(Duration duration) {
    now = instant().plus(duration);
  }

  /** Runs with the system clock until {@link #set} or {@link #advance} fixes it again. */
  public void followSystemTime() {
    now = null;
  }

  @Override
  public Instant instant() {
    Instant fixed = now;
    return fixed == null ? Instant.now() : fixed;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
