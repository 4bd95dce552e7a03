package io.rigshare.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database itself says about one phase's jobs (tagged with {@code runtime.env.BENCH_PHASE}): their states,
 * and the server's own timestamps per step: queued → assigned (the dispatcher's matching pass), assigned → running
 * (the assign frame out, the agent's {@code started} back and recorded), running → finished (the {@code finished}
 * frame with its receipt), queued → running (what {@code GET /api/queue/stats} calls dispatch latency). Plus the
 * database-wide counters the throughput phase divides by its jobs: commits and WAL bytes.
 */
final class QueueSql {
  private static final String[] STEPS = {"queuedToRunningMs", "queuedToAssignedMs", "assignedToRunningMs",
      "runningToFinishedMs"};

  private final Psql db;

  QueueSql(Psql db) {
    this.db = db;
  }

  Map<String, Object> phase(String tag) throws IOException, InterruptedException {
    if (!tag.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("phase tag " + tag);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Long> states = new LinkedHashMap<>();
    for (String[] row : db.query("SELECT state, count(*) FROM jobs WHERE runtime->'env'->>'BENCH_PHASE' = '" + tag
        + "' GROUP BY state ORDER BY state")) {
      states.put(row[0], Long.parseLong(row[1]));
    }
    out.put("states", states);
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (String step : STEPS) {
      for (String p : new String[] {"0.5", "0.9", "0.99"}) {
        sql.append(", percentile_cont(").append(p).append(") WITHIN GROUP (ORDER BY ").append(column(step))
            .append(")");
      }
      sql.append(", max(").append(column(step)).append(")");
    }
    sql.append(" FROM (SELECT extract(epoch FROM started_at - queued_at) * 1000 AS qr,")
        .append(" extract(epoch FROM assigned_at - queued_at) * 1000 AS qa,")
        .append(" extract(epoch FROM started_at - assigned_at) * 1000 AS ar,")
        .append(" extract(epoch FROM finished_at - started_at) * 1000 AS rf")
        .append(" FROM jobs WHERE runtime->'env'->>'BENCH_PHASE' = '").append(tag)
        .append("' AND started_at IS NOT NULL) t");
    List<String[]> rows = db.query(sql.toString());
    String[] r = rows.get(0);
    out.put("samples", Long.parseLong(r[0]));
    int i = 1;
    for (String step : STEPS) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("p50", ms(r[i++]));
      m.put("p90", ms(r[i++]));
      m.put("p99", ms(r[i++]));
      m.put("max", ms(r[i++]));
      out.put(step, m);
    }
    return out;
  }

  /** {commits, rollbacks, walBytes} of the database so far. */
  long[] counters() throws IOException, InterruptedException {
    String[] r = db.query("SELECT xact_commit, xact_rollback, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"
        + " FROM pg_stat_database WHERE datname = current_database()").get(0);
    return new long[] {Long.parseLong(r[0]), Long.parseLong(r[1]), Long.parseLong(r[2])};
  }

  private static String column(String step) {
    return switch (step) {
      case "queuedToRunningMs" -> "qr";
      case "queuedToAssignedMs" -> "qa";
      case "assignedToRunningMs" -> "ar";
      default -> "rf";
    };
  }

  private static Double ms(String v) {
    return v == null || v.isEmpty() ? null : AgentLoad.round(Double.parseDouble(v), 2);
  }
}
