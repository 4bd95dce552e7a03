package io.rigshare.marketplace.offers;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.wire.Wire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes every node's {@link Reliability} from its state transitions and job attempts of the last 30 days and
 * its last benchmark, and stores it (with its parts) on the node for the offers' sorting and filtering. Idempotent:
 * any instance may run it at any time.
 */
public class ReliabilityJob implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ReliabilityJob.class);
  static final Duration WINDOW = Duration.ofDays(30);

  private final Jdbi jdbi;
  private final Clock clock;

  public ReliabilityJob(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      int n = update(null);
      LOG.debug("reliability recomputed for {} nodes", n);
    } catch (RuntimeException e) {
      LOG.warn("reliability update failed; will retry", e);
    }
  }

  /** Recomputes one node's reliability (or every node's, with null); returns how many were updated. */
  public int update(UUID only) {
    Instant now = clock.instant();
    Instant start = now.minus(WINDOW);
    return jdbi.inTransaction(handle -> {
      List<UUID> ids = new ArrayList<>();
      List<Integer> values = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      handle.createQuery(
              """
              WITH t AS (
                SELECT node_id, at, to_state, lead(at) OVER (PARTITION BY node_id ORDER BY at, id) AS next_at
                FROM node_transitions WHERE (CAST(:only AS uuid) IS NULL OR node_id = CAST(:only AS uuid))
              ), up AS (
                SELECT node_id,
                       sum(extract(epoch FROM (LEAST(COALESCE(next_at, :now), :now) - GREATEST(at, :start)))) AS s
                FROM t WHERE to_state = 'online' AND COALESCE(next_at, :now) > :start AND at < :now
                GROUP BY node_id
              ), att AS (
                SELECT node_id,
                       count(*) FILTER (WHERE outcome IN ('succeeded', 'failed', 'timed_out', 'cancelled')) AS carried,
                       count(*) FILTER (WHERE outcome IN ('lost', 'rejected')) AS dropped
                FROM job_attempts WHERE assigned_at >= :start AND (CAST(:only AS uuid) IS NULL OR node_id = CAST(:only AS uuid))
                GROUP BY node_id
              )
              SELECT n.id, n.created_at, COALESCE(up.s, 0) AS online, COALESCE(att.carried, 0) AS carried,
                     COALESCE(att.dropped, 0) AS dropped, n.benchmark::text AS benchmark
              FROM nodes n LEFT JOIN up ON up.node_id = n.id LEFT JOIN att ON att.node_id = n.id
              WHERE n.deleted_at IS NULL AND (CAST(:only AS uuid) IS NULL OR n.id = CAST(:only AS uuid))
              """)
          .bind("only", only).bind("now", now).bind("start", start)
          .map((rs, ctx) -> {
            Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
            double window = Duration.between(created.isAfter(start) ? created : start, now).toSeconds();
            Reliability r = Reliability.of(rs.getDouble("online"), window, rs.getLong("carried"),
                rs.getLong("dropped"), BenchmarkReports.spread(rs.getString("benchmark")));
            ids.add(rs.getObject("id", UUID.class));
            values.add(r.basisPoints());
            parts.add(json(r));
            return r;
          })
          .list();
      if (ids.isEmpty()) {
        return 0;
      }
      return handle.createUpdate(
              """
              UPDATE nodes n SET reliability = v.r, reliability_parts = CAST(v.p AS jsonb)
              FROM unnest(:ids::uuid[], :rs::int[], :ps::text[]) AS v(id, r, p) WHERE n.id = v.id
              """)
          .bind("ids", ids.toArray(UUID[]::new)).bind("rs", values.toArray(Integer[]::new))
          .bind("ps", parts.toArray(String[]::new)).execute();
    });
  }

  private static String json(Reliability r) {
    try {
      return Wire.mapper().writeValueAsString(r);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return json == null ? null : Wire.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }
}
