package io.rigshare.payments.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PaymentsScheduler} runs. Every instance of one cluster uses the same {@code schedulerName} and a
 * distinct {@code instanceId} ({@code "AUTO"}: host name plus start time, fine for one instance per JVM).
 * {@code idleWait} is how long an idle scheduler thread sleeps before looking for due triggers (at least 1 s, Quartz's
 * floor; its default of 30 s would delay a {@link PaymentsScheduler#runNow} picked up by another instance); {@code clusterCheckinInterval} is how
 * often an instance reports itself alive, and how soon the others recover what a dead one held.
 */
public record SchedulerSettings(
    String schedulerName,
    String instanceId,
    int threadCount,
    Duration earningsEvery,
    Duration payoutsEvery,
    Duration depositsEvery,
    Duration idleWait,
    Duration clusterCheckinInterval) {
  public SchedulerSettings {
    Objects.requireNonNull(schedulerName, "schedulerName");
    Objects.requireNonNull(instanceId, "instanceId");
    if (threadCount < 1) {
      throw new IllegalArgumentException("threadCount must be >= 1: " + threadCount);
    }
    if (idleWait == null || idleWait.toMillis() < 1_000) {
      throw new IllegalArgumentException("idleWait must be at least 1 s: " + idleWait);
    }
    for (Duration d : new Duration[] {earningsEvery, payoutsEvery, depositsEvery, clusterCheckinInterval}) {
      if (d == null || d.toMillis() <= 0) {
        throw new IllegalArgumentException("durations must be at least 1 ms: " + d);
      }
    }
  }

  /** Production defaults: earnings every minute, payouts every minute, deposits every 15 s, 3 threads. */
  public static SchedulerSettings defaults() {
    return new SchedulerSettings("rigshare-payments", "AUTO", 3, Duration.ofMinutes(1), Duration.ofMinutes(1),
        Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(15));
  }
}
