package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.crypto.Keypair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end dispatch benchmark (docs/benchmarks.md, bench/README.md): no-op jobs from {@code queued} to
 * {@code succeeded} through simulated agents on real WebSockets, then pgbench on the same PostgreSQL.
 *
 * <ol>
 *   <li>warm-up: flat-out submissions, not reported (the API's JIT);
 *   <li>idle latency: one job at a time at a low rate while every node is idle; queued → running measured from the
 *       start of the HTTP submission to the agent sending {@code started}, and from the server's own timestamps;
 *   <li>throughput: K submitters flat out; completed jobs per second (the agents' acks of their receipts), latency
 *       under load, commits and WAL per job, and where the API spent its CPU;
 *   <li>the PostgreSQL ceiling: pgbench with one job-state-change transaction ({@link PgBench}).
 * </ol>
 *
 * Every wait is bounded (--drain-timeout, start-up, pgbench); traffic goes only to loopback addresses.
 */
public final class DispatchLoad {
  private final DispatchOptions o;
  private final String runId = stamp();
  private final Map<String, Object> result = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ApiUnderTest target;
  private QueueSql sql;
  private ApiClient client;

  private DispatchLoad(DispatchOptions o) {
    this.o = o;
  }

  public static void main(String[] args) {
    BenchTool.main("dispatch-load", DispatchOptions.USAGE, args, DispatchOptions::parse,
        o -> new DispatchLoad(o).run());
  }

  private int run() throws Exception {
    Path out = BenchTool.outFile(o.out, "dispatch-load-" + runId);
    Path workDir = out.toAbsolutePath().getParent();
    try (ApiUnderTest opened = ApiUnderTest.open(o, workDir.resolve("dispatch-api-" + runId + ".log"),
        o.apiProperties())) {
      target = opened;
      sql = target.db == null ? null : new QueueSql(target.db);
      PgBench pgbench = null;
      if (!o.skipPgbench) {
        if (target.db == null) {
          throw new IllegalArgumentException("phase 3 needs the database: pass --db-dir or --db-url with --api, "
              + "or --skip-pgbench");
        }
        pgbench = new PgBench(o.pgbench, target.db, workDir);
        result.put("pgbenchVersion", pgbench.version()); // fail now, not after the long phases
      }
      client = new ApiClient(http, target.api);
      describe();
      runJobPhases(workDir);
      if (pgbench != null) {
        try {
          ceiling(pgbench);
        } catch (IOException e) {
          // The job phases' figures are still worth writing down.
          System.err.println("phase 3 failed: " + e.getMessage());
          result.put("pgbenchError", e.getMessage());
        }
      }
      verdict();
    }
    BenchTool.write(out, result, DispatchReport.markdown(result));
    return 0;
  }

  private void runJobPhases(Path workDir) throws Exception {
    JsonNode agentConfig = client.get("/api/agent/config");
    URI agentUrl = AgentLoad.loopback(URI.create(agentConfig.path("agentUrl").asText()));
    int heartbeat = agentConfig.path("heartbeatIntervalSeconds").asInt(15);
    Keypair buyerKey = Keypair.generate(new SecureRandom());
    String buyer = client.signIn(buyerKey);
    // Jobs escrow their maximum price x time limit at assignment: give the buyer plenty (needs the database).
    if (target.db == null) {
      throw new IllegalArgumentException("the buyer's jobs need a balance: pass --db-dir or --db-url with --api");
    }
    target.db.credit(buyerKey.address(), 1_000_000_000_000_000L);
    JobLedger ledger = new JobLedger();
    try (JobAgents agents = JobAgents.register(client, agentUrl, o.agents, o.hostsPerWallet, heartbeat, ledger)) {
      Submitters submitters = new Submitters(target.api, buyer, ledger, o.submitters);
      JfrProfile jfr = target.pid != null && o.jfr ? JfrProfile.begin(target.pid, workDir) : null;
      try {
        JobPhases phases = new JobPhases(o, ledger, submitters,
            new JobPhases.Target(client, target.admin, target.pid, target.pgDir, sql, workDir, jfr));
        if (!o.warmup.isZero()) {
          result.put("warmup", phases.warmup(runId + "-warmup"));
        }
        result.put("idle", phases.idle(runId + "-idle"));
        result.put("throughput", phases.throughput(runId + "-throughput"));
      } finally {
        if (jfr != null) {
          jfr.close();
        }
      }
      result.put("agentsOpenAtEnd", agents.open());
      result.put("agentErrors", ledger.agentErrors());
      result.put("cancelsReceived", ledger.cancels.sum());
      result.put("submissionFailures", submitters.failures());
      if (agents.open() < agents.size()) {
        System.err.printf("warning: only %d of %d agents were still connected at the end%n", agents.open(),
            agents.size());
      }
    }
  }

  private void ceiling(PgBench pgbench) throws IOException, InterruptedException {
    System.err.printf("phase 3: pgbench %s, %d clients, %d s each, on %s%n", o.pgbenchVariants, o.submitters,
        o.seconds.toSeconds(), target.db.describe());
    Map<String, Object> runs = new LinkedHashMap<>();
    pgbench.setUp(o.pgbenchRows);
    try {
      for (String variant : o.pgbenchVariants) {
        Map<String, Object> r = pgbench.run(variant, o.submitters, o.seconds, o.pgbenchRows, target.pgDir);
        System.err.printf("pgbench %s: %.0f tps, latency average %s ms%n", variant, (Double) r.get("tps"),
            r.get("latencyAverageMs"));
        runs.put(variant, r);
      }
    } finally {
      pgbench.tearDown();
    }
    result.put("pgbench", runs);
  }

  /** Jobs per second against the targets of the issue: 2,000/s, half the pgbench ceiling, idle p99 under 50 ms. */
  @SuppressWarnings("unchecked")
  private void verdict() {
    Map<String, Object> v = new LinkedHashMap<>();
    Map<String, Object> tp = (Map<String, Object>) result.get("throughput");
    Map<String, Object> idle = (Map<String, Object>) result.get("idle");
    Double jobsPerSecond = tp == null ? null : (Double) tp.get("completedPerSecond");
    v.put("jobsPerSecond", jobsPerSecond);
    v.put("jobsPerSecondTarget", 2000);
    Map<String, Object> runs = (Map<String, Object>) result.get("pgbench");
    if (runs != null && jobsPerSecond != null) {
      for (Map.Entry<String, Object> e : runs.entrySet()) {
        Double tps = (Double) ((Map<String, Object>) e.getValue()).get("tps");
        v.put("ratioToPgbench_" + e.getKey(), tps == null || tps == 0 ? null : AgentLoad.round(jobsPerSecond / tps, 3));
      }
    }
    v.put("ratioTarget", 0.5);
    Map<String, Object> q = idle == null ? null : (Map<String, Object>) idle.get("clientQueuedToRunningMs");
    v.put("idleQueuedToRunningP99Ms", q == null ? null : q.get("p99"));
    v.put("idleP99TargetMs", 50);
    result.put("verdict", v);
  }

  private void describe() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("runId", runId);
    run.put("startedAt", Instant.now().toString());
    target.describe(run, o);
    if (!o.attach()) {
      run.put("cpuJobsPerNode", o.cpuJobsPerNode);
      run.put("pollIntervalMs", o.pollInterval.toMillis());
    }
    run.put("database", target.db == null ? null : target.db.describe());
    run.put("agents", o.agents);
    run.put("warmupSeconds", o.warmup.toSeconds());
    run.put("idleRate", o.idleRate);
    run.put("idleSeconds", o.idleSeconds.toSeconds());
    run.put("seconds", o.seconds.toSeconds());
    run.put("submitters", o.submitters);
    run.put("maxInFlight", o.maxInFlight);
    run.put("jobBody", Submitters.body("<phase>"));
    result.put("run", run);
    result.put("machine", BenchTool.machine());
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  static String stamp() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
  }

  static Double busyPct(long[] before, long[] after) {
    return after[1] > before[1] ? AgentLoad.round(100.0 * (after[0] - before[0]) / (after[1] - before[1]), 1) : null;
  }

  /** p50/p90/p99/max in ms (two decimals) and the count, of nanosecond values. */
  static Map<String, Object> millis(List<Long> nanos) {
    return millis(nanos.stream().mapToLong(Long::longValue).sorted().toArray());
  }

  static Map<String, Object> millis(Latencies l) {
    return millis(l.sorted());
  }

  private static Map<String, Object> millis(long[] sorted) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", sorted.length);
    m.put("p50", AgentLoad.round(Latencies.percentile(sorted, 50) / 1e6, 2));
    m.put("p90", AgentLoad.round(Latencies.percentile(sorted, 90) / 1e6, 2));
    m.put("p99", AgentLoad.round(Latencies.percentile(sorted, 99) / 1e6, 2));
    m.put("max", AgentLoad.round(Latencies.percentile(sorted, 100) / 1e6, 2));
    return m;
  }

}
