package io.rigshare.agent.cli;

import io.rigshare.agent.AgentMain;
import io.rigshare.agent.benchmark.AgentBenchmarks;
import io.rigshare.agent.benchmark.BenchmarkService;
import io.rigshare.agent.config.AgentConfig;
import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.agent.hardware.OshiHardwareProbe;
import io.rigshare.agent.jobs.JobSupervisor;
import io.rigshare.agent.link.AgentLink;
import io.rigshare.agent.link.Backoff;
import io.rigshare.agent.link.Credentials;
import io.rigshare.agent.link.HttpDiscovery;
import io.rigshare.agent.link.LimitsHandler;
import io.rigshare.agent.link.LimitsValidator;
import io.rigshare.agent.link.LinkContext;
import io.rigshare.agent.link.LinkOutcome;
import io.rigshare.agent.link.LinkSettings;
import io.rigshare.agent.link.OshiTelemetrySource;
import io.rigshare.protocol.crypto.Keypair;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the link for {@code register} and {@code run}: wires the real hardware, files, clock and job runners, stops
 * gracefully on SIGTERM (running jobs are stopped and reported, then the socket closes with 1000), and turns how the
 * link ended into output and an exit code.
 */
final class AgentRunner {
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
  /** How long stopped jobs get to end and report before the agent exits (they are killed after it). */
  private static final Duration JOBS_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private AgentRunner() {}

  static int run(
      DataDir dir, AgentConfig config, Keypair key, String apiUrl, Credentials credentials, boolean stopAfterRegister,
      PrintWriter out, PrintWriter err) {
    Clock clock = Clock.systemUTC();
    HardwareProbe probe = OshiHardwareProbe.create();
    if (credentials instanceof Credentials.Register register && register.name() == null) {
      credentials = new Credentials.Register(register.token(), probe.report().hostname());
    }
    LimitsHandler limits =
        new LimitsHandler(new LimitsValidator(config.maxCpuCores(), config.maxMemoryBytes()), probe, dir.limits(), clock);
    // `register --no-run` only registers: it offers no runners.
    JobSupervisor jobs =
        stopAfterRegister ? JobSupervisor.none(key, clock) : JobSupervisor.forHost(config, dir, key, clock);
    // `register --no-run` does not benchmark either; a running node benchmarks at once when it has no report yet.
    BenchmarkService benchmarks = stopAfterRegister
        ? BenchmarkService.none()
        : AgentBenchmarks.forHost(dir.benchmarkFile(), probe, jobs::runningCount, config.benchmarkIntervalHours(), clock);
    LinkContext context = new LinkContext(
        key, probe, new OshiTelemetrySource(probe, dir.root()), limits, new FileLinkListener(dir, apiUrl, clock, out),
        clock, jobs, benchmarks);
    LinkSettings settings = LinkSettings.defaults(AgentMain.version())
        .withHeartbeatOverride(config.heartbeatOverrideSeconds())
        .withStopAfterRegister(stopAfterRegister);
    AgentLink link = new AgentLink(context, credentials, new HttpDiscovery(apiUrl, clock), settings, Backoff.standard());

    Thread hook = new Thread(() -> {
      jobs.shutdown(JOBS_SHUTDOWN_GRACE); // first, so that their reports can still go out
      stopAndWait(link);
    }, "rigshare-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LinkOutcome outcome = link.start().join();
    jobs.shutdown(JOBS_SHUTDOWN_GRACE); // the link ended for good (refused): nobody is left to report to
    benchmarks.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // SIGTERM: the hook is running and ends the process.
    }
    return report(outcome, dir, out, err);
  }

  private static void stopAndWait(AgentLink link) {
    link.stop();
    try {
      link.awaitStopped(SHUTDOWN_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int report(LinkOutcome outcome, DataDir dir, PrintWriter out, PrintWriter err) {
    switch (outcome.kind()) {
      case REGISTERED -> {
        out.println("Start the agent with: rigshare-agent run --data-dir " + dir.root());
        return ExitCodes.OK;
      }
      case REFUSED -> {
        err.println("Refused by the server: " + outcome.code());
        err.println("  " + Explanations.of(outcome.code(), dir.root()));
        if (outcome.message() != null) {
          err.println("  (server said: " + outcome.message() + ")");
        }
        return ExitCodes.forRefusal(outcome.code());
      }
      case GAVE_UP -> {
        err.println("Could not register: " + outcome.message());
        err.println("  check the API URL and the network with: rigshare-agent doctor --api URL");
        return ExitCodes.UNREACHABLE;
      }
      default -> {
        return ExitCodes.OK;
      }
    }
  }
}
