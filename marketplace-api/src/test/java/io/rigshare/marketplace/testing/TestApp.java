package io.rigshare.marketplace.testing;

import io.rigshare.marketplace.RigshareApplication;
import java.time.Clock;
import java.time.Instant;

/** The real application with its clock replaced by {@link #CLOCK}, which tests move. */
public class TestApp extends RigshareApplication {
  public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  @Override
  protected Clock clock() {
    return CLOCK;
  }
}
