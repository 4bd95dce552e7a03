package io.rigshare.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The command line of {@link OffersLoad}. Parsing is strict: an unknown flag or a bad value stops the tool. */
final class OffersOptions {
  static final String USAGE =
      """
      usage: java -cp bench/target/bench-0.1.0-SNAPSHOT-all.jar io.rigshare.bench.OffersLoad [options]

      The offers benchmark (docs/benchmarks.md, "Offers query"): seeds N nodes with seeded-random offers straight
      into PostgreSQL, then times GET /api/offers (every sort, filters, first and deeper pages) and
      GET /api/offers/summary over HTTP from a few clients, and EXPLAIN (ANALYZE, BUFFERS)es each query kind. Without
      --api it starts the API itself (embedded PostgreSQL in a fresh data dir) and stops it at the end.

      the API
        --api URL                 attach to a running API (loopback only) instead of starting one
        --api-pid PID             with --api: its process id, for its CPU figures
        --db-dir DIR              with --api: its embedded PostgreSQL data dir (DATA_DIR/pg)
        --db-url URL              with --api: postgres://user@host:port/db instead of --db-dir
        --api-jar FILE            the API to start
                                              [marketplace-api/target/marketplace-api-0.1.0-SNAPSHOT-all.jar]
        --config FILE             its configuration                                         [bench/bench-config.yml]
        --data-dir DIR            its data dir (must not exist, or be empty)    [/tmp/rigshare-offers/data-<time>]
        --keep-data               leave the data dir behind (default: deleted after a run that started the API)
        --port P                  API port; admin P+1, agents P+10                                        [18080]
        --api-java-opts "OPTS"    JVM options of the started API                                    ["-Xmx1g"]

      the data
        --nodes N                 nodes to seed (about 85% listed)                                      [100000]
        --busy-percent P          per cent of listed nodes running a job on some or all of their GPUs      [15]
        --history-jobs N          finished jobs in the jobs table besides                               [50000]
        --seed S                  seed of the attributes (the same seed writes the same rows)              [42]
                                  With --api, nodes seeded by an earlier run (same --nodes) are reused.

      the load
        --clients K               concurrent HTTP clients, each on its own keep-alive connection            [4]
        --warmup D                flat-out requests before measuring (the API's JIT), not reported        [30s]
        --seconds D               the measurement                                                         [60s]
        --rate R                  requests per second of all clients together, open loop (latency counts
                                  from each request's scheduled start); 0: every client flat out          [20]
        --saturate-seconds D      then every client flat out this long, for the throughput (0: skip)     [15s]
        --kinds LIST              comma-separated query kinds to send (see bench/README.md)                [all]
        --explain-runs N          EXPLAIN ANALYZE runs per query kind (median reported, last plan shown)    [3]
        --sql lateral|current     the listing SQL to EXPLAIN: OfferService's as in the tree (per-node probe of
                                  busy GPUs), or the older aggregate of all active jobs                  [lateral]
        --out FILE                JSON result; a .md report is written next to it
                                                                    [bench/target/offers-load-<time>.json]
      """;

  private static final Set<String> VALUED = Set.of("--api", "--api-pid", "--db-dir", "--db-url", "--api-jar",
      "--config", "--data-dir", "--port", "--api-java-opts", "--nodes", "--busy-percent", "--history-jobs", "--seed",
      "--clients", "--warmup", "--seconds", "--rate", "--saturate-seconds", "--explain-runs", "--sql", "--kinds",
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

  int nodes = 100_000;
  int busyPercent = 15;
  int historyJobs = 50_000;
  long seed = 42;

  int clients = 4;
  Duration warmup = Duration.ofSeconds(30);
  Duration seconds = Duration.ofSeconds(60);
  double rate = 20;
  Duration saturateSeconds = Duration.ofSeconds(15);
  int explainRuns = 3;
  boolean lateralSql = true;
  List<String> kinds;
  Path out;

  boolean attach() {
    return api != null;
  }

  static OffersOptions parse(String... args) {
    OffersOptions o = new OffersOptions();
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

  /** The options {@link ApiLauncher} reads, for an API this tool starts. */
  DispatchOptions launch() {
    DispatchOptions d = new DispatchOptions();
    d.apiJar = apiJar;
    d.config = config;
    d.port = port;
    d.apiJavaOpts = apiJavaOpts;
    d.keepData = keepData;
    d.dataDir = dataDir != null ? dataDir : Path.of("/tmp", "rigshare-offers", "data-" + DispatchLoad.stamp());
    return d;
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
      case "--nodes" -> nodes = intIn(flag, value, 1, 10_000_000);
      case "--busy-percent" -> busyPercent = intIn(flag, value, 0, 100);
      case "--history-jobs" -> historyJobs = intIn(flag, value, 0, 100_000_000);
      case "--seed" -> seed = intIn(flag, value, 0, Integer.MAX_VALUE);
      case "--clients" -> clients = intIn(flag, value, 1, 256);
      case "--warmup" -> warmup = LoadOptions.duration(flag, value);
      case "--seconds" -> seconds = LoadOptions.duration(flag, value);
      case "--rate" -> rate = rate(flag, value);
      case "--saturate-seconds" -> saturateSeconds = LoadOptions.duration(flag, value);
      case "--explain-runs" -> explainRuns = intIn(flag, value, 1, 50);
      case "--sql" -> lateralSql = switch (value) {
        case "current" -> false;
        case "lateral" -> true;
        default -> throw new IllegalArgumentException("--sql must be current or lateral, got " + value);
      };
      case "--kinds" -> kinds = kinds(flag, value);
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
      if (dbDir == null && dbUrl == null) {
        throw new IllegalArgumentException("with --api the tool needs the database too: --db-dir or --db-url");
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
    if (seconds.toMillis() < 1000 || seconds.toHours() >= 1) {
      throw new IllegalArgumentException("--seconds must be between 1s and 1h");
    }
    if (warmup.isNegative() || warmup.toMinutes() > 10 || saturateSeconds.isNegative()
        || saturateSeconds.toMinutes() > 10) {
      throw new IllegalArgumentException("--warmup and --saturate-seconds must be between 0s and 10m");
    }
  }

  private static List<String> kinds(String flag, String value) {
    List<String> known = OffersQueries.kinds().stream().map(OffersQueries.Kind::name).toList();
    List<String> out = new java.util.ArrayList<>();
    for (String v : value.split(",")) {
      String name = v.strip();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(flag + ": unknown kind '" + name + "' (known: " + known + ")");
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  private static double rate(String flag, String value) {
    double r;
    try {
      r = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got " + value);
    }
    if (!(r >= 0 && r <= 100_000)) {
      throw new IllegalArgumentException(flag + " must be in [0, 100000]");
    }
    return r;
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
