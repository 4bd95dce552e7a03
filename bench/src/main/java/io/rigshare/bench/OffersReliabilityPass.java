package io.rigshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's first reliability pass over freshly seeded nodes, for {@link OffersLoad}: awaited, timed, vacuumed. */
final class OffersReliabilityPass {
  private final Psql db;
  private final Path apiLog;
  private final int nodes;

  OffersReliabilityPass(Psql db, Path apiLog, int nodes) {
    this.db = db;
    this.apiLog = apiLog;
    this.nodes = nodes;
  }

  /**
   * The API's reliability job rewrites every node row (reliability and its parts) a minute after start and every 5
   * minutes after the end of a pass. Waits for the first pass over the seeded nodes, so it neither overlaps the
   * measurement nor leaves the seeded values in place of computed ones, times it, then VACUUM ANALYZEs the table again
   * as autovacuum eventually would.
   */
  Map<String, Object> await() throws IOException, InterruptedException {
    Map<String, Object> r = new LinkedHashMap<>();
    double before = nodeUpdates(db);
    long start = System.nanoTime();
    long deadline = start + Duration.ofMinutes(7).toNanos();
    Long passStarted = null;
    System.err.println("waiting for the API's reliability job to rewrite the seeded nodes (a minute after start)");
    while (true) {
      if (passStarted == null) {
        Double active = db.number("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
            + "AND pid <> pg_backend_pid() AND query LIKE '%lead(at) OVER (PARTITION BY node_id%'");
        if (active != null && active > 0) {
          passStarted = System.nanoTime();
        }
      }
      if (nodeUpdates(db) - before >= 0.9 * nodes) {
        break;
      }
      String failure = failedPass();
      if (failure != null || System.nanoTime() > deadline) {
        // Nothing rewrites the rows then: measure the seeded values, and say so.
        r.put("awaited", false);
        r.put("failure", failure != null ? failure : "no pass within 7 minutes");
        System.err.println("no reliability pass: " + r.get("failure") + "; measuring the seeded values");
        return r;
      }
      Thread.sleep(500);
    }
    long done = System.nanoTime();
    r.put("awaited", true);
    r.put("waitedSeconds", AgentLoad.round((done - start) / 1e9, 1));
    r.put("passSeconds", passStarted == null ? null : AgentLoad.round((done - passStarted) / 1e9, 1));
    long v0 = System.nanoTime();
    db.query("VACUUM (ANALYZE) nodes");
    r.put("vacuumAnalyzeSeconds", AgentLoad.round((System.nanoTime() - v0) / 1e9, 1));
    String[] q = db.query("SELECT count(*) FILTER (WHERE reliability IS NULL), min(reliability), "
        + "percentile_disc(0.1) WITHIN GROUP (ORDER BY reliability), "
        + "percentile_disc(0.5) WITHIN GROUP (ORDER BY reliability), max(reliability) FROM nodes WHERE listed").get(0);
    r.put("listedReliability", Map.of("nulls", q[0], "min", q[1], "p10", q[2], "median", q[3], "max", q[4]));
    System.err.printf("reliability pass: %s%n", r);
    return r;
  }

  /** The first line of the API's "reliability update failed" warning and its cause, if the log has one. */
  private String failedPass() throws IOException {
    List<String> lines = Files.readAllLines(apiLog, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("reliability update failed")) {
        return lines.get(i).strip() + (i + 1 < lines.size() ? " " + lines.get(i + 1).strip() : "");
      }
    }
    return null;
  }

  static double nodeUpdates(Psql db) throws IOException, InterruptedException {
    Double n = db.number("SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'nodes'");
    return n == null ? 0 : n;
  }
}
