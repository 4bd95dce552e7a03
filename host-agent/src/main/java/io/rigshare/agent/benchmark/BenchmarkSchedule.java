package io.rigshare.agent.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When the agent benchmarks by itself: when it has no report yet (at registration, or the first start of an agent
 * that never benchmarked), when the GPU set or driver changed since the last report, and when the last report is
 * older than the interval ({@code benchmark.interval.hours}; zero turns this schedule off).
 */
final class BenchmarkSchedule {
  static final String REGISTRATION = "registration";
  static final String HARDWARE_CHANGE = "hardware-change";
  static final String SCHEDULE = "schedule";
  static final String MANUAL = "manual";

  private BenchmarkSchedule() {}

  /** The trigger of the run that is due, if one is. */
  static Optional<String> due(Optional<StoredBenchmark> last, List<String> gpus, Instant now, Duration interval) {
    if (last.isEmpty() || last.get().report() == null) {
      return Optional.of(REGISTRATION);
    }
    if (!last.get().gpus().equals(gpus)) {
      return Optional.of(HARDWARE_CHANGE);
    }
    Instant ranAt = last.get().report().ranAt();
    if (!interval.isZero() && (ranAt == null || !now.isBefore(ranAt.plus(interval)))) {
      return Optional.of(SCHEDULE);
    }
    return Optional.empty();
  }
}
