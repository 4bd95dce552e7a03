package io.rigshare.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link DispatchLoad}. Parsing is strict: an unknown flag or a bad value stops the tool. */
final class DispatchOptions extends ApiOptions {
  static final String USAGE =
      """
      usage: java -cp bench/target/bench-0.1.0-SNAPSHOT-all.jar io.rigshare.bench.DispatchLoad [options]

      End-to-end dispatch benchmark (docs/benchmarks.md): no-op jobs from queued to succeeded through simulated agents
      on real WebSockets, then pgbench on the same PostgreSQL. Without --api it starts the API itself (embedded
      PostgreSQL in a fresh data dir, local chain off) and stops it at the end.

      """ + ApiOptions.usage("dispatch") + """
        --cpu-jobs-per-node N     jobs.cpuJobsPerNode of the started API                                    [4]
        --poll-interval D         jobs.pollInterval of the started API (LISTEN/NOTIFY wakes it sooner)     [1s]

      the load
        --agents N                simulated agents, each offering the process runner, no GPUs             [200]
        --hosts-per-wallet N      agents registered per host wallet (node tokens per wallet)              [500]
        --warmup D                flat-out submissions before measuring (the API's JIT), not reported     [30s]
        --idle-rate R             phase 1: jobs per second, one at a time, nodes idle                       [20]
        --idle-seconds D          phase 1: how long                                                        [10s]
        --seconds D               phase 2 (throughput) and phase 3 (each pgbench run): how long            [30s]
        --submitters K            phase 2: concurrent submitters (keep-alive HTTP); pgbench clients       [16]
        --max-in-flight N         submitters wait while N jobs are submitted but not finished, so the queue
                                  stays short and latency under load means something (0: no bound; the
                                  queue then grows as long as submitting outpaces dispatch)
                                                                  [agents x cpu-jobs-per-node: every slot]
        --drain-timeout D         after a phase, how long to wait for its jobs to finish                   [60s]

      phase 3 and diagnosis
        --pgbench FILE            the pgbench binary                                             [pgbench on PATH]
        --pgbench-variants LIST   comma-separated: plain (UPDATE + INSERT), notify (plus pg_notify)  [plain,notify]
        --pgbench-rows N          rows in the pgbench table                                            [100000]
        --skip-pgbench            no phase 3
        --jstack-samples N        jstack samples of the API during phase 2 (0: none)                         [5]
        --no-jfr                  no Java Flight Recorder profile of the API during phase 2 (jcmd JFR.start)
        --out FILE                JSON result; a .md summary is written next to it
                                                                  [bench/target/dispatch-load-<time>.json]
      """;

  int cpuJobsPerNode = 4;
  Duration pollInterval = Duration.ofSeconds(1);

  int agents = 200;
  int hostsPerWallet = 500;
  Duration warmup = Duration.ofSeconds(30);
  double idleRate = 20;
  Duration idleSeconds = Duration.ofSeconds(10);
  Duration seconds = Duration.ofSeconds(30);
  int submitters = 16;
  Integer maxInFlight;
  Duration drainTimeout = Duration.ofSeconds(60);

  String pgbench = "pgbench";
  List<String> pgbenchVariants = List.of("plain", "notify");
  int pgbenchRows = 100_000;
  boolean skipPgbench;
  int jstackSamples = 5;
  boolean jfr = true;
  Path out;

  private DispatchOptions() {
    super("dispatch");
  }

  static DispatchOptions parse(String... args) {
    return Flags.parse(args, new DispatchOptions());
  }

  /** The API's job settings, for an API this tool starts. */
  List<String> apiProperties() {
    return List.of("-Ddw.jobs.cpuJobsPerNode=" + cpuJobsPerNode,
        "-Ddw.jobs.pollInterval=" + pollInterval.toMillis() + "ms");
  }

  @Override
  public boolean turnOn(String flag) {
    switch (flag) {
      case "--skip-pgbench" -> skipPgbench = true;
      case "--no-jfr" -> jfr = false;
      default -> {
        return super.turnOn(flag);
      }
    }
    return true;
  }

  @Override
  public void set(String flag, String value) {
    switch (flag) {
      case "--cpu-jobs-per-node" -> cpuJobsPerNode = Flags.intIn(flag, value, 1, 1024);
      case "--poll-interval" -> pollInterval = Flags.duration(flag, value);
      case "--agents" -> agents = Flags.intIn(flag, value, 1, 10_000);
      case "--hosts-per-wallet" -> hostsPerWallet = Flags.intIn(flag, value, 1, 1000);
      case "--warmup" -> warmup = Flags.duration(flag, value);
      case "--idle-rate" -> idleRate = Flags.numberIn(flag, value, 0.1, 1000);
      case "--idle-seconds" -> idleSeconds = Flags.duration(flag, value);
      case "--seconds" -> seconds = Flags.duration(flag, value);
      case "--submitters" -> submitters = Flags.intIn(flag, value, 1, 512);
      case "--max-in-flight" -> maxInFlight = Flags.intIn(flag, value, 0, 10_000_000);
      case "--drain-timeout" -> drainTimeout = Flags.duration(flag, value);
      case "--pgbench" -> pgbench = value;
      case "--pgbench-variants" -> pgbenchVariants = variants(flag, value);
      case "--pgbench-rows" -> pgbenchRows = Flags.intIn(flag, value, 1, 100_000_000);
      case "--jstack-samples" -> jstackSamples = Flags.intIn(flag, value, 0, 100);
      case "--out" -> out = Path.of(value);
      default -> super.set(flag, value);
    }
  }

  @Override
  public void validate() {
    super.validate();
    for (Duration d : List.of(idleSeconds, seconds)) {
      if (d.toMillis() < 1000 || d.toHours() >= 1) {
        throw new IllegalArgumentException("--idle-seconds and --seconds must be between 1s and 1h");
      }
    }
    if (warmup.isNegative() || warmup.toMinutes() > 10) {
      throw new IllegalArgumentException("--warmup must be between 0s and 10m");
    }
    if (maxInFlight == null) {
      maxInFlight = agents * cpuJobsPerNode;
    }
    if (drainTimeout.toMillis() < 1000) {
      throw new IllegalArgumentException("--drain-timeout must be at least 1s");
    }
  }

  private static List<String> variants(String flag, String value) {
    List<String> out = new ArrayList<>();
    for (String v : value.split(",")) {
      String name = v.strip();
      if (!PgBench.VARIANTS.contains(name)) {
        throw new IllegalArgumentException(flag + ": unknown variant '" + name + "' (known: " + PgBench.VARIANTS + ")");
      }
      out.add(name);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(flag + " needs at least one variant");
    }
    return List.copyOf(out);
  }
}
