package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
  private URI api;
  private URI admin;
  private Long apiPid;
  private Path pgDir;
  private Psql db;
  private QueueSql sql;
  private ApiClient client;

  private DispatchLoad(DispatchOptions o) {
    this.o = o;
  }

  public static void main(String[] args) {
    DispatchOptions options;
    try {
      options = DispatchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println("dispatch-load: " + e.getMessage());
      }
      System.err.print(DispatchOptions.USAGE);
      System.exit(2);
      return;
    }
    int code;
    try {
      code = new DispatchLoad(options).run();
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("dispatch-load failed: " + e.getMessage()); // says what to do; no stack trace needed
      code = 1;
    } catch (Exception e) {
      System.err.println("dispatch-load failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  private int run() throws Exception {
    Path out = o.out != null ? o.out : Path.of("bench", "target", "dispatch-load-" + runId + ".json");
    Path workDir = out.toAbsolutePath().getParent();
    Files.createDirectories(workDir);
    ApiLauncher launcher = null;
    Thread hook = null;
    try {
      if (o.attach()) {
        attach();
      } else {
        launcher = ApiLauncher.start(o, workDir.resolve("dispatch-api-" + runId + ".log"));
        ApiLauncher started = launcher;
        hook = new Thread(started::close, "dispatch-stop-api");
        Runtime.getRuntime().addShutdownHook(hook);
        api = started.api;
        admin = started.admin;
        apiPid = started.pid();
        pgDir = started.dbDir();
        db = Psql.embedded(pgDir);
      }
      sql = db == null ? null : new QueueSql(db);
      PgBench pgbench = null;
      if (!o.skipPgbench) {
        if (db == null) {
          throw new IllegalArgumentException("phase 3 needs the database: pass --db-dir or --db-url with --api, "
              + "or --skip-pgbench");
        }
        pgbench = new PgBench(o.pgbench, db, workDir);
        result.put("pgbenchVersion", pgbench.version()); // fail now, not after the long phases
      }
      client = new ApiClient(http, api);
      describe(launcher);
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
    } finally {
      if (launcher != null) {
        launcher.close();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway
        }
      }
    }
    Files.writeString(out, Wire.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result),
        StandardCharsets.UTF_8);
    String md = DispatchReport.markdown(result);
    Path mdFile = Path.of(out.toString().replaceFirst("\\.json$", "") + ".md");
    Files.writeString(mdFile, md, StandardCharsets.UTF_8);
    System.out.print(md);
    System.out.println("JSON written to " + out + ", summary to " + mdFile);
    return 0;
  }

  private void attach() throws IOException {
    api = AgentLoad.loopback(o.api);
    admin = URI.create("http://" + api.getHost() + ":" + ((api.getPort() < 0 ? 80 : api.getPort()) + 1));
    apiPid = o.apiPid;
    if (o.dbDir != null) {
      pgDir = o.dbDir;
      db = Psql.embedded(o.dbDir);
    } else if (o.dbUrl != null) {
      db = Psql.url(o.dbUrl);
    }
  }

  private void runJobPhases(Path workDir) throws Exception {
    JsonNode agentConfig = client.get("/api/agent/config");
    URI agentUrl = AgentLoad.loopback(URI.create(agentConfig.path("agentUrl").asText()));
    int heartbeat = agentConfig.path("heartbeatIntervalSeconds").asInt(15);
    Keypair buyerKey = Keypair.generate(new SecureRandom());
    String buyer = client.signIn(buyerKey);
    // Jobs escrow their maximum price x time limit at assignment: give the buyer plenty (needs the database).
    if (db == null) {
      throw new IllegalArgumentException("the buyer's jobs need a balance: pass --db-dir or --db-url with --api");
    }
    db.credit(buyerKey.address(), 1_000_000_000_000_000L);
    JobLedger ledger = new JobLedger();
    try (JobAgents agents = JobAgents.register(client, agentUrl, o.agents, o.hostsPerWallet, heartbeat, ledger)) {
      Submitters submitters = new Submitters(api, buyer, ledger, o.submitters);
      JfrProfile jfr = apiPid != null && o.jfr ? JfrProfile.begin(apiPid, workDir) : null;
      try {
        JobPhases phases = new JobPhases(o, ledger, submitters,
            new JobPhases.Target(client, admin, apiPid, pgDir, sql, workDir, jfr));
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
        o.seconds.toSeconds(), db.describe());
    Map<String, Object> runs = new LinkedHashMap<>();
    pgbench.setUp(o.pgbenchRows);
    try {
      for (String variant : o.pgbenchVariants) {
        Map<String, Object> r = pgbench.run(variant, o.submitters, o.seconds, o.pgbenchRows, pgDir);
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

  private void describe(ApiLauncher launcher) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("runId", runId);
    run.put("startedAt", Instant.now().toString());
    run.put("api", api.toString());
    run.put("apiPid", apiPid);
    run.put("apiStartedByTool", launcher != null);
    if (launcher != null) {
      run.put("apiLog", launcher.log.toString());
      run.put("apiJar", o.apiJar.toString());
      run.put("config", o.config.toString());
      run.put("apiJavaOpts", o.apiJavaOpts);
      run.put("dataDir", launcher.dataDir.toString());
      run.put("cpuJobsPerNode", o.cpuJobsPerNode);
      run.put("pollIntervalMs", o.pollInterval.toMillis());
    }
    run.put("database", db == null ? null : db.describe());
    run.put("agents", o.agents);
    run.put("warmupSeconds", o.warmup.toSeconds());
    run.put("idleRate", o.idleRate);
    run.put("idleSeconds", o.idleSeconds.toSeconds());
    run.put("seconds", o.seconds.toSeconds());
    run.put("submitters", o.submitters);
    run.put("maxInFlight", o.maxInFlight);
    run.put("jobBody", Submitters.body("<phase>"));
    result.put("run", run);
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("loadAverageAtStart", AgentLoad.loadAverage());
    result.put("machine", machine);
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
