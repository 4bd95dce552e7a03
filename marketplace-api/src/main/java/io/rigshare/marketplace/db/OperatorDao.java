package io.rigshare.marketplace.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the operator page reads across all wallets, and the record of unexpected API errors. */
public interface OperatorDao {
  record NodeRow(
      UUID id,
      String name,
      String owner,
      String state,
      String verification,
      String verificationReason,
      String gpuModel,
      int gpuCount,
      Instant lastSeenAt,
      Instant createdAt) {}

  /** Nodes newest first; state is online, offline, installing or maintenance (a node in maintenance shows that). */
  @SqlQuery(
      """
      SELECT id, name, wallet AS owner,
             CASE WHEN maintenance THEN 'maintenance' ELSE status END AS state,
             verification, verification_reason, gpu_model, gpu_count, last_heartbeat_at AS last_seen_at, created_at
      FROM nodes
      WHERE deleted_at IS NULL
        AND (CAST(:state AS text) IS NULL
             OR (:state = 'maintenance' AND maintenance)
             OR (status = :state AND NOT maintenance))
      ORDER BY created_at DESC, id
      LIMIT :limit OFFSET :offset
      """)
  @RegisterConstructorMapper(NodeRow.class)
  List<NodeRow> nodes(@Bind("state") String state, @Bind("limit") int limit, @Bind("offset") int offset);

  record StateCount(String state, long nodes) {}

  @SqlQuery(
      """
      SELECT CASE WHEN maintenance THEN 'maintenance' ELSE status END AS state, count(*) AS nodes
      FROM nodes WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1
      """)
  @RegisterConstructorMapper(StateCount.class)
  List<StateCount> nodeStates();

  @SqlUpdate(
      """
      INSERT INTO api_errors (at, error_id, method, path, message)
      VALUES (:at, :errorId, :method, left(:path, 500), left(:message, 500))
      """)
  void recordError(
      @Bind("at") Instant at,
      @Bind("errorId") String errorId,
      @Bind("method") String method,
      @Bind("path") String path,
      @Bind("message") String message);

  @SqlUpdate("DELETE FROM api_errors WHERE at < :before")
  int deleteErrorsBefore(@Bind("before") Instant before);

  record ErrorRow(Instant at, String source, String message) {}

  /**
   * The newest problems anywhere: unexpected API errors, nodes that failed verification, deposits refused, payout
   * batches that failed on chain, and jobs that ran out of attempts.
   */
  @SqlQuery(
      """
      SELECT at, source, message FROM (
        (SELECT at, 'api' AS source, error_id || ' ' || method || ' ' || path || ': ' || message AS message
         FROM api_errors ORDER BY at DESC LIMIT :limit)
        UNION ALL
        (SELECT updated_at, 'verification', 'node ' || id || ' (' || name || '): ' || coalesce(verification_reason, '')
         FROM nodes WHERE verification = 'unverified' AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT :limit)
        UNION ALL
        (SELECT created_at, 'deposit', 'deposit ' || id || ' of ' || wallet || ' rejected: ' || coalesce(reason, '')
         FROM deposits WHERE status = 'rejected' ORDER BY created_at DESC LIMIT :limit)
        UNION ALL
        (SELECT updated_at, 'payout', 'batch ' || id || ' failed: ' || coalesce(error, '')
         FROM payout_batches WHERE status = 'failed' ORDER BY updated_at DESC LIMIT :limit)
        UNION ALL
        (SELECT finished_at, 'job', 'job ' || id || ' failed: ' || coalesce(reason, '')
         FROM jobs WHERE state = 'failed' AND reason LIKE '%no attempts left%' ORDER BY finished_at DESC LIMIT :limit)
      ) problems
      ORDER BY at DESC LIMIT :limit
      """)
  @RegisterConstructorMapper(ErrorRow.class)
  List<ErrorRow> recentErrors(@Bind("limit") int limit);
}
