package io.rigshare.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link DispatchLoad}. Parsing is strict: an unknown flag or a bad value stops the tool. */
final class DispatchOptions {
  static final String USAGE =
      """
      usage: java -cp bench/target/bench-0.1.0-SNAPSHOT-all.jar io.rigshare.bench.DispatchLoad [options]

      End-to-end dispatch benchmark (docs/benchmarks.md): no-op jobs from queued to succeeded through simulated agents
      on real WebSockets, then pgbench on the same PostgreSQL. Without --api it starts the API itself (embedded
      PostgreSQL in a fresh data dir, local chain off) and stops it at the end.

      the API
        --api URL                 attach to a running API (loopback only) instead of starting one
        --api-pid PID             with --api: its process id, for CPU, per-thread profile and jstack samples
        --db-dir DIR              with --api: its embedded PostgreSQL data dir (DATA_DIR/pg), for psql and pgbench
        --db-url URL              with --api: postgres://user@host:port/db instead of --db-dir
        --api-jar FILE            the API to start
                                              [marketplace-api/target/marketplace-api-0.1.0-SNAPSHOT-all.jar]
        --config FILE             its configuration                                         [bench/bench-config.yml]
        --data-dir DIR            its data dir (must not exist, or be empty)  [/tmp/rigshare-dispatch/data-<time>]
        --keep-data               leave the data dir behind (default: deleted after a run that started the API)
        --port P                  API port; admin P+1, agents P+10                                        [18080]
        --api-java-opts "OPTS"    JVM options of the started API                                    ["-Xmx1g"]
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

  private static final java.util.Set<String> VALUED = java.util.Set.of("--api", "--api-pid", "--db-dir", "--db-url",
      "--api-jar", "--config", "--data-dir", "--port", "--api-java-opts", "--cpu-jobs-per-node", "--poll-interval",
      "--agents", "--hosts-per-wallet", "--warmup", "--idle-rate", "--idle-seconds", "--seconds", "--submitters",
      "--max-in-flight", "--drain-timeout", "--pgbench", "--pgbench-variants", "--pgbench-rows", "--jstack-samples",
      "--out");

  URI api;
  Long apiPid;
  Path dbDir;
  String dbUrl;
  Path apiJar = Path.of("marketplace-api", "target", "marketplace-api-0.1.0-SNAPSHOT-all.jar");
  Path config = Path.of("bench", "bench-config.yml");
  Path dataDir;
  boolean keepData;
  int port = 18080;
  String apiJavaOpts = "-Xmx1g";
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

  boolean attach() {
    return api != null;
  }

  static DispatchOptions parse(String... args) {
    DispatchOptions o = new DispatchOptions();
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String flag = list.get(i);
      String value = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      switch (flag) {
        case "--keep-data" -> o.keepData = true;
        case "--skip-pgbench" -> o.skipPgbench = true;
        case "--no-jfr" -> o.jfr = false;
        case "--help", "-h" -> throw new IllegalArgumentException("");
        default -> {
          if (!VALUED.contains(flag)) {
            throw new IllegalArgumentException("unknown option " + flag);
          }
          if (value == null) {
            if (i + 1 >= list.size()) {
              throw new IllegalArgumentException(flag + " needs a value");
            }
            value = list.get(++i);
          }
          o.set(flag, value);
        }
      }
    }
    o.validate();
    return o;
  }

  private void set(String flag, String value) {
    switch (flag) {
      case "--api" -> api = URI.create(value);
      case "--api-pid" -> apiPid = Long.parseLong(value);
      case "--db-dir" -> dbDir = Path.of(value);
      case "--db-url" -> dbUrl = value;
      case "--api-jar" -> apiJar = Path.of(value);
      case "--config" -> config = Path.of(value);
      case "--data-dir" -> dataDir = Path.of(value);
      case "--port" -> port = intIn(flag, value, 1024, 65_000);
      case "--api-java-opts" -> apiJavaOpts = value;
      case "--cpu-jobs-per-node" -> cpuJobsPerNode = intIn(flag, value, 1, 1024);
      case "--poll-interval" -> pollInterval = LoadOptions.duration(flag, value);
      case "--agents" -> agents = intIn(flag, value, 1, 10_000);
      case "--hosts-per-wallet" -> hostsPerWallet = intIn(flag, value, 1, 1000);
      case "--warmup" -> warmup = LoadOptions.duration(flag, value);
      case "--idle-rate" -> idleRate = rate(flag, value);
      case "--idle-seconds" -> idleSeconds = LoadOptions.duration(flag, value);
      case "--seconds" -> seconds = LoadOptions.duration(flag, value);
      case "--submitters" -> submitters = intIn(flag, value, 1, 512);
      case "--max-in-flight" -> maxInFlight = intIn(flag, value, 0, 10_000_000);
      case "--drain-timeout" -> drainTimeout = LoadOptions.duration(flag, value);
      case "--pgbench" -> pgbench = value;
      case "--pgbench-variants" -> pgbenchVariants = variants(flag, value);
      case "--pgbench-rows" -> pgbenchRows = intIn(flag, value, 1, 100_000_000);
      case "--jstack-samples" -> jstackSamples = intIn(flag, value, 0, 100);
      case "--out" -> out = Path.of(value);
      default -> throw new IllegalArgumentException("unknown option " + flag);
    }
  }

  private void validate() {
    if (attach()) {
      if (api.getScheme() == null || !api.getScheme().startsWith("http") || api.getHost() == null) {
        throw new IllegalArgumentException("--api must be an http URL, e.g. http://localhost:18080");
      }
      if (dataDir != null || keepData) {
        throw new IllegalArgumentException("--data-dir and --keep-data are for an API this tool starts, not --api");
      }
    } else if (apiPid != null || dbDir != null || dbUrl != null) {
      throw new IllegalArgumentException("--api-pid, --db-dir and --db-url go with --api (an API started by this "
          + "tool is known already)");
    }
    if (dbDir != null && dbUrl != null) {
      throw new IllegalArgumentException("give --db-dir or --db-url, not both");
    }
    if (dbUrl != null && !dbUrl.startsWith("postgres://") && !dbUrl.startsWith("postgresql://")) {
      throw new IllegalArgumentException("--db-url must look like postgres://user@127.0.0.1:5432/rigshare");
    }
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

  private static double rate(String flag, String value) {
    double r;
    try {
      r = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got " + value);
    }
    if (!(r > 0 && r <= 1000)) {
      throw new IllegalArgumentException(flag + " must be in (0, 1000]");
    }
    return r;
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

  private static int intIn(String flag, String value, int min, int max) {
    int v;
    try {
      v = Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, got " + value);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(flag + " must be in " + min + ".." + max + ", got " + v);
    }
    return v;
  }
}
