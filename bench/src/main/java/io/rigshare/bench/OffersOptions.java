package io.rigshare.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The command line of {@link OffersLoad}. Parsing is strict: an unknown flag or a bad value stops the tool. */
final class OffersOptions extends ApiOptions {
  static final String USAGE =
      """
      usage: java -cp bench/target/bench-0.1.0-SNAPSHOT-all.jar io.rigshare.bench.OffersLoad [options]

      The offers benchmark (docs/benchmarks.md, "Offers query"): seeds N nodes with seeded-random offers straight
      into PostgreSQL, then times GET /api/offers (every sort, filters, first and deeper pages) and
      GET /api/offers/summary over HTTP from a few clients, and EXPLAIN (ANALYZE, BUFFERS)es each query kind. Without
      --api it starts the API itself (embedded PostgreSQL in a fresh data dir) and stops it at the end.

      """ + ApiOptions.usage("offers") + """

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

  private OffersOptions() {
    super("offers");
  }

  static OffersOptions parse(String... args) {
    return Flags.parse(args, new OffersOptions());
  }

  @Override
  public void set(String flag, String value) {
    switch (flag) {
      case "--nodes" -> nodes = Flags.intIn(flag, value, 1, 10_000_000);
      case "--busy-percent" -> busyPercent = Flags.intIn(flag, value, 0, 100);
      case "--history-jobs" -> historyJobs = Flags.intIn(flag, value, 0, 100_000_000);
      case "--seed" -> seed = Flags.intIn(flag, value, 0, Integer.MAX_VALUE);
      case "--clients" -> clients = Flags.intIn(flag, value, 1, 256);
      case "--warmup" -> warmup = Flags.duration(flag, value);
      case "--seconds" -> seconds = Flags.duration(flag, value);
      case "--rate" -> rate = Flags.numberIn(flag, value, 0, 100_000);
      case "--saturate-seconds" -> saturateSeconds = Flags.duration(flag, value);
      case "--explain-runs" -> explainRuns = Flags.intIn(flag, value, 1, 50);
      case "--sql" -> lateralSql = switch (value) {
        case "current" -> false;
        case "lateral" -> true;
        default -> throw new IllegalArgumentException("--sql must be current or lateral, got " + value);
      };
      case "--kinds" -> kinds = kinds(flag, value);
      case "--out" -> out = Path.of(value);
      default -> super.set(flag, value);
    }
  }

  @Override
  public void validate() {
    super.validate();
    if (attach() && dbDir == null && dbUrl == null) {
      throw new IllegalArgumentException("with --api the tool needs the database too: --db-dir or --db-url");
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
}
