package io.rigshare.bench;

import io.rigshare.bench.OffersQueries.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The offers benchmark (issue 5: "the offers query with 100,000 nodes in the database: p99 under 20 ms";
 * docs/benchmarks.md, bench/README.md):
 *
 * <ol>
 *   <li>seed N nodes (about 85% listed), their node tokens and jobs straight into the API's PostgreSQL
 *       ({@link OffersSeed}), VACUUM ANALYZE;
 *   <li>check one answer of each query kind against the rules (order, filters);
 *   <li>warm-up, flat out, not reported; then the measurement at a fixed total rate; then flat out for the
 *       throughput ({@link OffersTraffic});
 *   <li>EXPLAIN (ANALYZE, BUFFERS) of each kind as the API's connections run it ({@link OffersExplain}).
 * </ol>
 */
public final class OffersLoad {
  static final double TARGET_P99_MS = 20;

  private final OffersOptions o;
  private final String runId = DispatchLoad.stamp();
  private final Map<String, Object> result = new LinkedHashMap<>();
  private ApiUnderTest target;

  private OffersLoad(OffersOptions o) {
    this.o = o;
  }

  public static void main(String[] args) {
    BenchTool.main("offers-load", OffersOptions.USAGE, args, OffersOptions::parse, o -> new OffersLoad(o).run());
  }

  private int run() throws Exception {
    Path out = BenchTool.outFile(o.out, "offers-load-" + runId);
    try (ApiUnderTest opened = ApiUnderTest.open(o, out.toAbsolutePath().resolveSibling("offers-api-" + runId + ".log"),
        List.of())) {
      target = opened;
      describe();
      measure();
    }
    BenchTool.write(out, result, OffersReport.markdown(result));
    return 0;
  }

  private void measure() throws Exception {
    OffersSeed seeder = new OffersSeed(target.db);
    long existing = seeder.existing();
    if (existing == 0) {
      System.err.printf("seeding %,d nodes (%d%% of the listed ones busy, %,d finished jobs), seed %d%n", o.nodes,
          o.busyPercent, o.historyJobs, o.seed);
      result.put("seeding", seeder.seed(o.nodes, o.busyPercent, o.historyJobs, o.seed));
    } else if (existing == o.nodes) {
      System.err.printf("reusing the %,d bench nodes already in the database%n", existing);
      result.put("seeding", Map.of("reused", existing));
    } else {
      throw new IllegalStateException("the database holds " + existing + " bench nodes from an earlier run, not "
          + o.nodes + "; use a fresh database (or --nodes " + existing + ")");
    }
    if (target.log() != null) {
      result.put("reliabilityPass", new OffersReliabilityPass(target.db, target.log(), o.nodes).await());
    } else {
      result.put("reliabilityPass", Map.of("awaited", false));
    }
    Map<String, Object> data = seeder.describe();
    result.put("data", data);
    System.err.printf("data: %s%n", data);

    List<Kind> kinds = OffersQueries.kinds().stream()
        .filter(k -> o.kinds == null || o.kinds.contains(k.name())).toList();
    OffersQueries.loadCursors(target.db);
    result.put("checks", OffersChecks.check(target.api, kinds, o.seed));
    OffersTraffic traffic = new OffersTraffic(target.api, kinds, o.clients, o.seed);
    if (!o.warmup.isZero()) {
      System.err.printf("warm-up: %d clients flat out for %d s%n", o.clients, o.warmup.toSeconds());
      OffersTraffic.Result warm = traffic.run(o.warmup, 0, 1);
      result.put("warmup", phase(warm, kinds, null, null));
    }
    System.err.printf("measuring: %d clients, %s for %d s%n", o.clients,
        o.rate > 0 ? o.rate + " requests/s in all" : "flat out", o.seconds.toSeconds());
    double updatesBefore = OffersReliabilityPass.nodeUpdates(target.db);
    result.put("measured", timed(traffic, kinds, o.seconds, o.rate, 2));
    // Anything that rewrote node rows meanwhile (the reliability job rewrites all of them) would show here.
    result.put("nodeRowsUpdatedWhileMeasuring", (long) (OffersReliabilityPass.nodeUpdates(target.db) - updatesBefore));
    if (!o.saturateSeconds.isZero()) {
      System.err.printf("throughput: %d clients flat out for %d s%n", o.clients, o.saturateSeconds.toSeconds());
      result.put("saturated", timed(traffic, kinds, o.saturateSeconds, 0, 3));
    }
    System.err.println("EXPLAIN (ANALYZE, BUFFERS) of each query kind");
    OffersExplain explain = new OffersExplain(target.db, o.lateralSql);
    Map<String, Object> plans = new LinkedHashMap<>();
    List<Kind> explainOnly = OffersQueries.explainOnly();
    List<Kind> all = new ArrayList<>(kinds);
    all.addAll(explainOnly);
    for (Kind k : all) {
      Map<String, Object> e = explain.explain(k.draw().apply(new Random(o.seed)), o.explainRuns);
      e.put("description", k.description());
      e.put("inHttpMix", !explainOnly.contains(k));
      plans.put(k.name(), e);
    }
    result.put("explain", plans);
    // The seeded jobs must still be where they were put: a requeue or a matching pass would have been load of its own.
    Map<String, Object> states = new LinkedHashMap<>();
    for (String[] row : target.db.query("SELECT state, count(*) FROM jobs GROUP BY state ORDER BY state")) {
      states.put(row[0], Long.parseLong(row[1]));
    }
    result.put("jobStatesAtEnd", states);
    verdict();
  }


  /** One phase with the CPU of the API, PostgreSQL, this tool and the machine, and the load average meanwhile. */
  private Map<String, Object> timed(OffersTraffic traffic, List<Kind> kinds, Duration d, double rate, long salt)
      throws InterruptedException {
    LoadSampler load = new LoadSampler();
    ResourceWindow window = new ResourceWindow(target.pid, target.pgDir);
    OffersTraffic.Result r = traffic.run(d, rate, salt);
    Map<String, Object> cpu = window.end();
    return phase(r, kinds, cpu, load.stop());
  }

  private Map<String, Object> phase(OffersTraffic.Result r, List<Kind> kinds, Map<String, Object> cpu,
      Map<String, Object> load) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("seconds", AgentLoad.round(r.seconds, 1));
    p.put("requests", r.requests());
    p.put("requestsPerSecond", AgentLoad.round(r.requests() / r.seconds, 1));
    p.put("errors", r.errors.values().stream().mapToLong(java.util.concurrent.atomic.AtomicLong::get).sum());
    p.put("firstError", r.firstError.get());
    p.put("lateSchedules", r.late.get());
    p.put("unsentAtEnd", r.unsent.get());
    p.put("meanResponseBytes", r.requests() == 0 ? null : r.bytes.get() / r.requests());
    Latencies overall = new Latencies();
    Latencies lists = new Latencies();
    Map<String, Object> byKind = new LinkedHashMap<>();
    for (Kind k : kinds) {
      Latencies l = r.latencies.get(k.name());
      for (long v : l.sorted()) {
        overall.add(v);
        if (k.list()) {
          lists.add(v);
        }
      }
      Map<String, Object> m = DispatchLoad.millis(l);
      m.put("mean", AgentLoad.round(Latencies.mean(l.sorted()) / 1e6, 2));
      m.put("errors", r.errors.get(k.name()).get());
      byKind.put(k.name(), m);
    }
    p.put("byKind", byKind);
    p.put("allListQueriesMs", DispatchLoad.millis(lists));
    p.put("overallMs", DispatchLoad.millis(overall));
    if (cpu != null) {
      p.put("cpu", cpu);
    }
    if (load != null) {
      p.put("loadAverage", load);
    }
    return p;
  }


  @SuppressWarnings("unchecked")
  private void verdict() {
    Map<String, Object> v = new LinkedHashMap<>();
    Map<String, Object> measured = (Map<String, Object>) result.get("measured");
    Map<String, Object> lists = (Map<String, Object>) measured.get("allListQueriesMs");
    v.put("listP99Ms", lists.get("p99"));
    v.put("overallP99Ms", ((Map<String, Object>) measured.get("overallMs")).get("p99"));
    v.put("targetP99Ms", TARGET_P99_MS);
    Object p99 = lists.get("p99");
    v.put("met", p99 instanceof Double d && d < TARGET_P99_MS);
    List<String> over = new ArrayList<>();
    ((Map<String, Object>) measured.get("byKind")).forEach((kind, m) -> {
      Object k99 = ((Map<String, Object>) m).get("p99");
      if (k99 instanceof Double d && d >= TARGET_P99_MS) {
        over.add(kind);
      }
    });
    v.put("kindsWithP99OverTarget", over);
    result.put("verdict", v);
  }

  private void describe() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("runId", runId);
    run.put("startedAt", Instant.now().toString());
    target.describe(run, o);
    run.put("database", target.db.describe());
    run.put("nodes", o.nodes);
    run.put("busyPercent", o.busyPercent);
    run.put("historyJobs", o.historyJobs);
    run.put("seed", o.seed);
    run.put("clients", o.clients);
    run.put("warmupSeconds", o.warmup.toSeconds());
    run.put("seconds", o.seconds.toSeconds());
    run.put("rate", o.rate);
    run.put("saturateSeconds", o.saturateSeconds.toSeconds());
    run.put("explainRuns", o.explainRuns);
    run.put("explainedSql", o.lateralSql ? "lateral (OfferService as in the tree)" : "current (the older aggregate of all active jobs)");
    Map<String, Object> kinds = new LinkedHashMap<>();
    for (Kind k : OffersQueries.kinds()) {
      if (o.kinds == null || o.kinds.contains(k.name())) {
        kinds.put(k.name(), k.description());
      }
    }
    run.put("kinds", kinds);
    result.put("run", run);
    result.put("machine", BenchTool.machine());
  }

  /** The 1-minute load average, sampled every second on a daemon thread until stopped. */
  private static final class LoadSampler {
    private final List<Double> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    LoadSampler() {
      thread = new Thread(() -> {
        while (running) {
          String avg = AgentLoad.loadAverage();
          if (avg != null) {
            synchronized (samples) {
              samples.add(Double.parseDouble(avg.split(" ")[0]));
            }
          }
          try {
            Thread.sleep(1000);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "offers-loadavg");
      thread.setDaemon(true);
      thread.start();
    }

    Map<String, Object> stop() {
      running = false;
      thread.interrupt();
      Map<String, Object> m = new LinkedHashMap<>();
      synchronized (samples) {
        double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
        m.put("min1m", AgentLoad.round(java.util.Arrays.stream(values).min().orElse(Double.NaN), 2));
        m.put("max1m", AgentLoad.round(java.util.Arrays.stream(values).max().orElse(Double.NaN), 2));
      }
      m.put("atEnd", AgentLoad.loadAverage());
      return m;
    }
  }
}
