package io.rigshare.agent.link;

import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.agent.jobs.JobSupervisor;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.wire.Message;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an authenticated node sends unasked: {@code metrics} once per connection and again when the hardware changes
 * (judged by {@link HardwareFingerprint}), and numbered {@code heartbeat}s listing the jobs the node holds. One per
 * connection; the heartbeat counter is the link's, so {@code seq} keeps rising across reconnects.
 */
final class NodeReports {
  private final HardwareProbe probe;
  private final TelemetrySource telemetry;
  private final AtomicLong heartbeatSeq;
  private final JobSupervisor jobs;
  private HardwareReport sentFingerprint;

  NodeReports(HardwareProbe probe, TelemetrySource telemetry, AtomicLong heartbeatSeq, JobSupervisor jobs) {
    this.probe = probe;
    this.telemetry = telemetry;
    this.heartbeatSeq = heartbeatSeq;
    this.jobs = jobs;
  }

  Message.Metrics metrics() {
    HardwareReport report = probe.report();
    sentFingerprint = HardwareFingerprint.of(report);
    return new Message.Metrics(report);
  }

  /** Metrics when the hardware differs from what was last sent on this connection. */
  Optional<Message.Metrics> metricsIfChanged() {
    HardwareReport report = probe.report();
    if (HardwareFingerprint.of(report).equals(sentFingerprint)) {
      return Optional.empty();
    }
    sentFingerprint = HardwareFingerprint.of(report);
    return Optional.of(new Message.Metrics(report));
  }

  /** The next heartbeat: telemetry with the running job count, and the attempts whose leases it extends. */
  Message.Heartbeat heartbeat() {
    Message.Telemetry sample = telemetry.sample();
    Message.Telemetry withJobs = new Message.Telemetry(sample.gpus(), sample.cpuLoadPercent(),
        sample.memoryUsedBytes(), sample.memoryTotalBytes(), sample.diskFreeBytes(), jobs.runningCount());
    return new Message.Heartbeat(heartbeatSeq.incrementAndGet(), withJobs, jobs.heartbeatJobs());
  }

  /** The host's override, else the interval in the server's answer, else discovery's, else 15 s. */
  static long intervalSeconds(LinkSettings settings, int fromAnswer, ServerInfo server) {
    if (settings.heartbeatOverrideSeconds() != null) {
      return settings.heartbeatOverrideSeconds();
    }
    if (fromAnswer > 0) {
      return fromAnswer;
    }
    Integer discovered = server.heartbeatIntervalSeconds();
    return discovered != null && discovered > 0 ? discovered : LinkSettings.DEFAULT_HEARTBEAT_SECONDS;
  }
}
