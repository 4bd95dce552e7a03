package io.rigshare.marketplace.core;

import io.rigshare.marketplace.api.NodeApi;
import io.rigshare.marketplace.db.TelemetryDao;
import io.rigshare.marketplace.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Telemetry series for charts: raw samples for short ranges, averages per bucket for long ones, so a response stays
 * around {@value #TARGET_POINTS} time steps whatever the range. Raw samples older than the retention are deleted.
 */
public class TelemetryService {
  static final int TARGET_POINTS = 720;
  private static final Duration DEFAULT_RANGE = Duration.ofHours(1);
  private static final Duration MAX_RANGE = Duration.ofDays(31);

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration heartbeatInterval;
  private final Duration retention;

  public TelemetryService(Jdbi jdbi, Clock clock, Duration heartbeatInterval, Duration retention) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.heartbeatInterval = heartbeatInterval;
    this.retention = retention;
  }

  public NodeApi.Telemetry series(UUID nodeId, Instant fromOrNull, Instant toOrNull) {
    Instant to = toOrNull == null ? clock.instant() : toOrNull;
    Instant from = fromOrNull == null ? to.minus(DEFAULT_RANGE) : fromOrNull;
    if (!from.isBefore(to)) {
      throw ApiException.validation("from must be before to");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw ApiException.validation("the range may span at most 31 days");
    }
    long rangeSeconds = Duration.between(from, to).toSeconds();
    long rawPoints = rangeSeconds / Math.max(1, heartbeatInterval.toSeconds());
    List<TelemetryDao.Sample> samples;
    long resolution;
    if (rawPoints <= TARGET_POINTS) {
      resolution = heartbeatInterval.toSeconds();
      samples = jdbi.withExtension(TelemetryDao.class, dao -> dao.raw(nodeId, from, to, 100_000));
    } else {
      resolution = Math.max(1, (rangeSeconds + TARGET_POINTS - 1) / TARGET_POINTS);
      long bucket = resolution;
      samples = jdbi.withExtension(TelemetryDao.class, dao -> dao.downsampled(nodeId, from, to, bucket));
    }
    List<NodeApi.TelemetryPoint> points = samples.stream()
        .map(s -> new NodeApi.TelemetryPoint(s.at(), s.gpuIndex(), s.utilization(), s.temperature(),
            s.memoryUsedMib(), s.memoryTotalMib(), s.powerW(), s.cpuLoad(), s.memoryUsed()))
        .toList();
    return new NodeApi.Telemetry(nodeId, from, to, resolution, points);
  }

  public int deleteExpired() {
    Instant before = clock.instant().minus(retention);
    return jdbi.withExtension(TelemetryDao.class, dao -> dao.deleteBefore(before));
  }
}
