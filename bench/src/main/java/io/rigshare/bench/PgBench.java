package io.rigshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phase 3, the PostgreSQL ceiling: pgbench on the API's own database, for as long as phase 2 and with as many
 * clients as it had submitters, running one transaction shaped like one job state change: the job row's state
 * update (non-HOT, as the real partial indexes on {@code state} make it) and the insert of its transition row.
 * Variant {@code notify} adds the {@code pg_notify} every real job transaction also sends. Its own two tables are
 * created first and dropped after.
 */
final class PgBench {
  static final List<String> VARIANTS = List.of("plain", "notify");
  static final String JOBS_TABLE = "bench_pgbench_jobs";
  static final String TRANSITIONS_TABLE = "bench_pgbench_transitions";

  /** A job row like {@code jobs}: a state column under a partial index, so updating it is never HOT. */
  static final String SETUP =
      """
      DROP TABLE IF EXISTS bench_pgbench_transitions, bench_pgbench_jobs;
      CREATE TABLE bench_pgbench_jobs (
          id         bigint      PRIMARY KEY,
          state      text        NOT NULL,
          attempt    integer     NOT NULL,
          node_id    uuid,
          reason     text,
          updated_at timestamptz NOT NULL);
      CREATE INDEX bench_pgbench_jobs_active ON bench_pgbench_jobs (node_id) WHERE state IN ('assigned', 'running');
      CREATE INDEX bench_pgbench_jobs_queue ON bench_pgbench_jobs (updated_at) WHERE state = 'queued';
      INSERT INTO bench_pgbench_jobs
          SELECT i, 'assigned', 1, '5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10', NULL, now()
          FROM generate_series(1, %d) i;
      CREATE TABLE bench_pgbench_transitions (
          id         bigserial   PRIMARY KEY,
          job_id     bigint      NOT NULL REFERENCES bench_pgbench_jobs (id),
          attempt    integer     NOT NULL,
          at         timestamptz NOT NULL,
          from_state text,
          to_state   text        NOT NULL,
          reason     text        NOT NULL);
      CREATE INDEX bench_pgbench_transitions_job ON bench_pgbench_transitions (job_id, id);
      """;

  /** One job state change: like {@code started} (markRunning + transition), one row each, random job. */
  static final String SCRIPT_PLAIN =
      """
      \\set id random(1, :rows)
      BEGIN;
      UPDATE bench_pgbench_jobs SET state = CASE state WHEN 'running' THEN 'assigned' ELSE 'running' END,
          attempt = attempt + 1, reason = NULL, updated_at = now() WHERE id = :id;
      INSERT INTO bench_pgbench_transitions (job_id, attempt, at, from_state, to_state, reason)
          VALUES (:id, 1, now(), 'assigned', 'running', 'started on node 5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10');
      COMMIT;
      """;

  /** The same plus a notification, as every real job transaction sends one (JobEvents). */
  static final String SCRIPT_NOTIFY =
      """
      \\set id random(1, :rows)
      BEGIN;
      UPDATE bench_pgbench_jobs SET state = CASE state WHEN 'running' THEN 'assigned' ELSE 'running' END,
          attempt = attempt + 1, reason = NULL, updated_at = now() WHERE id = :id;
      INSERT INTO bench_pgbench_transitions (job_id, attempt, at, from_state, to_state, reason)
          VALUES (:id, 1, now(), 'assigned', 'running', 'started on node 5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10');
      SELECT pg_notify('rigshare_pgbench', 'changed:5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10');
      COMMIT;
      """;

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
  private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
  private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

  private final String binary;
  private final Psql db;
  private final Path workDir;

  PgBench(String binary, Psql db, Path workDir) {
    this.binary = binary;
    this.db = db;
    this.workDir = workDir;
  }

  /** Checks that pgbench runs at all, before the long phases; returns its version line. */
  String version() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(binary + " --version failed: " + out);
    }
    return out;
  }

  void setUp(int rows) throws IOException, InterruptedException {
    db.query(String.format(SETUP, rows));
    db.query("VACUUM ANALYZE " + JOBS_TABLE); // not inside the setup's transaction
  }

  void tearDown() {
    try {
      db.query("DROP TABLE IF EXISTS " + TRANSITIONS_TABLE + ", " + JOBS_TABLE);
    } catch (IOException e) {
      System.err.println("could not drop the pgbench tables: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs one variant; the result holds tps, latency and the script itself. */
  Map<String, Object> run(String variant, int clients, Duration length, int rows, Path pgDir)
      throws IOException, InterruptedException {
    String script = "notify".equals(variant) ? SCRIPT_NOTIFY : SCRIPT_PLAIN;
    Files.createDirectories(workDir);
    Path file = workDir.resolve("pgbench-" + variant + ".sql");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    int threads = Math.min(clients, Math.max(1, Runtime.getRuntime().availableProcessors()));
    List<String> command = new java.util.ArrayList<>(List.of(binary, "-n", "-M", "prepared", "-c",
        Integer.toString(clients), "-j", Integer.toString(threads), "-T", Long.toString(length.toSeconds()),
        "-D", "rows=" + rows, "-f", file.toString()));
    command.addAll(db.connectionArgs());
    command.add(db.database);
    long pg = pgDir == null ? -1 : ProcStats.postmasterPid(pgDir);
    long pgBefore = pg > 0 ? ProcStats.treeTicks(pg) : -1;
    long[] machineBefore = ProcStats.machine();
    long t0 = System.nanoTime();
    Process p = db.process(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(length.toSeconds() + 120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("pgbench did not finish");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long pgAfter = pg > 0 ? ProcStats.treeTicks(pg) : -1;
    long[] machineAfter = ProcStats.machine();
    if (p.exitValue() != 0) {
      throw new IOException("pgbench exited with " + p.exitValue() + ": " + out.strip());
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("variant", variant);
    r.putAll(figures(out));
    r.put("clients", clients);
    r.put("threads", threads);
    r.put("seconds", length.toSeconds());
    r.put("dbCpuPctOfOneCore", pgBefore < 0 || pgAfter < 0 ? null
        : AgentLoad.round(100.0 * (pgAfter - pgBefore) / ProcStats.HZ / seconds, 1));
    r.put("machineBusyPct", DispatchLoad.busyPct(machineBefore, machineAfter));
    r.put("command", String.join(" ", command));
    r.put("script", script);
    r.put("output", out.strip());
    if (r.get("tps") == null) {
      throw new IOException("no tps line in the pgbench output: " + out.strip());
    }
    return r;
  }

  /** tps, latencyAverageMs, transactions and failedTransactions from pgbench's report (null when absent). */
  static Map<String, Object> figures(String out) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("tps", group(TPS, out));
    r.put("latencyAverageMs", group(LATENCY, out));
    r.put("transactions", group(PROCESSED, out));
    r.put("failedTransactions", group(FAILED, out));
    return r;
  }

  private static Double group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : null;
  }
}
