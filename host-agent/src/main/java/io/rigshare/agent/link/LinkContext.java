package io.rigshare.agent.link;

import io.rigshare.agent.benchmark.BenchmarkService;
import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.agent.jobs.JobSupervisor;
import io.rigshare.protocol.crypto.Keypair;
import java.time.Clock;

/**
 * What every connection of the link works with: the node's key, this machine, the limits, who to tell, the clock
 * (proofs carry its time, so tests pin it), and the jobs and benchmarks, which outlive any one connection.
 */
public record LinkContext(
    Keypair key,
    HardwareProbe probe,
    TelemetrySource telemetry,
    LimitsHandler limits,
    LinkListener listener,
    Clock clock,
    JobSupervisor jobs,
    BenchmarkService benchmarks) {

  /** A link that does not benchmark: it sends no report and refuses challenges. */
  public LinkContext(
      Keypair key, HardwareProbe probe, TelemetrySource telemetry, LimitsHandler limits, LinkListener listener,
      Clock clock, JobSupervisor jobs) {
    this(key, probe, telemetry, limits, listener, clock, jobs, BenchmarkService.none());
  }

  /** A link that runs no jobs: it offers no runner, and any assignment is rejected. */
  public LinkContext(
      Keypair key, HardwareProbe probe, TelemetrySource telemetry, LimitsHandler limits, LinkListener listener,
      Clock clock) {
    this(key, probe, telemetry, limits, listener, clock, JobSupervisor.none(key, clock));
  }
}
