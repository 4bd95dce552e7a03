package io.rigshare.marketplace.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The job queue's tables (V4__jobs.sql). Callers hold the transactions; the statements never commit by themselves. */
@RegisterRowMapper(JobDao.JobMapper.class)
@RegisterConstructorMapper(JobDao.Transition.class)
@RegisterConstructorMapper(JobDao.Attempt.class)
@RegisterConstructorMapper(JobDao.Receipt.class)
@RegisterConstructorMapper(JobDao.LogChunk.class)
@RegisterConstructorMapper(JobDao.Candidate.class)
@RegisterConstructorMapper(JobDao.ActiveUse.class)
@RegisterConstructorMapper(JobDao.Held.class)
@RegisterConstructorMapper(JobDao.Expired.class)
public interface JobDao {
  String COLUMNS =
      """
      id, buyer, idempotency_key, request_sha256, runtime::text AS runtime, runtime_type, gpu_count, min_vram_mib,
      gpu_models, min_score, max_price_per_hour, time_limit_seconds, start_deadline, target_node, state, reason,
      attempt, node_id, gpu_indices, price_per_hour, lease_expires_at, available_at, cancel_requested_at, created_at,
      queued_at, assigned_at, started_at, finished_at, exit_code, output_bytes, output_sha256, output_truncated,
      log_bytes, logs_truncated, updated_at, escrow, funding_reason
      """;

  record Job(
      UUID id,
      String buyer,
      String idempotencyKey,
      String requestSha256,
      String runtime,
      String runtimeType,
      int gpuCount,
      long minVramMib,
      String[] gpuModels,
      long minScore,
      long maxPricePerHour,
      int timeLimitSeconds,
      Instant startDeadline,
      UUID targetNode,
      String state,
      String reason,
      int attempt,
      UUID nodeId,
      Integer[] gpuIndices,
      Long pricePerHour,
      Instant leaseExpiresAt,
      Instant availableAt,
      Instant cancelRequestedAt,
      Instant createdAt,
      Instant queuedAt,
      Instant assignedAt,
      Instant startedAt,
      Instant finishedAt,
      Integer exitCode,
      Long outputBytes,
      String outputSha256,
      Boolean outputTruncated,
      long logBytes,
      boolean logsTruncated,
      Instant updatedAt,
      Long escrow,
      String fundingReason) {
    public boolean active() {
      return "assigned".equals(state) || "running".equals(state);
    }

    public boolean terminal() {
      return !active() && !"queued".equals(state);
    }
  }

  /** Maps {@link #COLUMNS} by hand: jobs are read on every dispatch step, and reflection showed in profiles. */
  final class JobMapper implements RowMapper<Job> {
    @Override
    public Job map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Job(rs.getObject("id", UUID.class), rs.getString("buyer"), rs.getString("idempotency_key"),
          rs.getString("request_sha256"), rs.getString("runtime"), rs.getString("runtime_type"),
          rs.getInt("gpu_count"), rs.getLong("min_vram_mib"), strings(rs.getArray("gpu_models")),
          rs.getLong("min_score"), rs.getLong("max_price_per_hour"), rs.getInt("time_limit_seconds"),
          instant(rs, "start_deadline"), rs.getObject("target_node", UUID.class), rs.getString("state"),
          rs.getString("reason"), rs.getInt("attempt"), rs.getObject("node_id", UUID.class),
          ints(rs.getArray("gpu_indices")), (Long) rs.getObject("price_per_hour"), instant(rs, "lease_expires_at"),
          instant(rs, "available_at"), instant(rs, "cancel_requested_at"), instant(rs, "created_at"),
          instant(rs, "queued_at"), instant(rs, "assigned_at"), instant(rs, "started_at"),
          instant(rs, "finished_at"), (Integer) rs.getObject("exit_code"), (Long) rs.getObject("output_bytes"),
          rs.getString("output_sha256"), (Boolean) rs.getObject("output_truncated"), rs.getLong("log_bytes"),
          rs.getBoolean("logs_truncated"), instant(rs, "updated_at"), (Long) rs.getObject("escrow"),
          rs.getString("funding_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
      OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
      return at == null ? null : at.toInstant();
    }

    private static String[] strings(java.sql.Array array) throws SQLException {
      return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Integer[] ints(java.sql.Array array) throws SQLException {
      return array == null ? null : (Integer[]) array.getArray();
    }
  }

  record Transition(int attempt, Instant at, String fromState, String toState, String reason) {}

  record Attempt(
      UUID jobId,
      int attempt,
      UUID nodeId,
      Integer[] gpuIndices,
      Instant queuedAt,
      Instant assignedAt,
      Instant startedAt,
      Instant endedAt,
      String outcome,
      String reason) {}

  record Receipt(
      UUID jobId,
      int attempt,
      UUID nodeId,
      String nodeKey,
      String outcome,
      Integer exitCode,
      Instant startedAt,
      Instant endedAt,
      long outputBytes,
      String resultSha256,
      String signature,
      Instant verifiedAt) {}

  record LogChunk(int attempt, long seq, String stream, Instant at, String data) {}

  /** A node the matcher may place jobs on, with what it needs to decide. */
  record Candidate(
      UUID id,
      String hardware,
      String limits,
      String[] runners,
      Long pricePerGpuHour,
      Long benchmarkScore,
      Integer reliability) {}

  /** A running or assigned job's hold on a node. */
  record ActiveUse(UUID nodeId, Integer[] gpuIndices) {}

  /** A job attempt a node holds, as the gateway needs it to send {@code assign}. */
  record Held(
      UUID id, int attempt, String runtime, int timeLimitSeconds, Integer[] gpuIndices, String state, String limits) {}

  /** A job whose lease lapsed, or whose start deadline passed. */
  record Expired(UUID id, int attempt, UUID nodeId, String state, Instant cancelRequestedAt) {}

  // ---- submission ---------------------------------------------------------------------------------------------

  /** Inserts a queued job and its first transition in one statement; empty if the Idempotency-Key was taken. */
  @SqlQuery(
      """
      WITH ins AS (
        INSERT INTO jobs (id, buyer, idempotency_key, request_sha256, runtime, runtime_type, gpu_count, min_vram_mib,
                          gpu_models, min_score, max_price_per_hour, time_limit_seconds, start_deadline, target_node,
                          state, available_at, created_at, queued_at, updated_at)
        VALUES (:id, :buyer, :key, :sha, CAST(:runtime AS jsonb), :runtimeType, :gpuCount, :minVramMib, :gpuModels,
                :minScore, :maxPrice, :timeLimit, :deadline, CAST(:target AS uuid), 'queued', :now, :now, :now, :now)
        ON CONFLICT (buyer, idempotency_key) DO NOTHING
        RETURNING *
      ), tr AS (
        INSERT INTO job_transitions (job_id, attempt, at, from_state, to_state, reason)
        SELECT id, 0, :now, NULL, 'queued', 'submitted' FROM ins
      )
      SELECT
      """ + COLUMNS + " FROM ins")
  Optional<Job> insertQueued(
      @Bind("id") UUID id,
      @Bind("buyer") String buyer,
      @Bind("key") String idempotencyKey,
      @Bind("sha") String requestSha256,
      @Bind("runtime") String runtimeJson,
      @Bind("runtimeType") String runtimeType,
      @Bind("gpuCount") int gpuCount,
      @Bind("minVramMib") long minVramMib,
      @Bind("gpuModels") String[] gpuModels,
      @Bind("minScore") long minScore,
      @Bind("maxPrice") long maxPricePerHour,
      @Bind("timeLimit") int timeLimitSeconds,
      @Bind("deadline") Instant startDeadline,
      @Bind("target") UUID targetNode,
      @Bind("now") Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM jobs WHERE buyer = :buyer AND idempotency_key = :key")
  Optional<Job> findByKey(@Bind("buyer") String buyer, @Bind("key") String idempotencyKey);

  @SqlQuery("SELECT " + COLUMNS + " FROM jobs WHERE id = :id")
  Optional<Job> find(@Bind("id") UUID id);

  @SqlQuery("SELECT " + COLUMNS + " FROM jobs WHERE id = :id FOR UPDATE")
  Optional<Job> lock(@Bind("id") UUID id);

  @SqlQuery(
      "SELECT " + COLUMNS + " FROM jobs WHERE buyer = :buyer AND (CAST(:state AS text) IS NULL OR state = :state)"
          + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
  List<Job> listByBuyer(
      @Bind("buyer") String buyer, @Bind("state") String state, @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM jobs WHERE buyer = :buyer AND (CAST(:state AS text) IS NULL OR state = :state)")
  long countByBuyer(@Bind("buyer") String buyer, @Bind("state") String state);

  /** Whether any attempt of the job ran (or was assigned) on a node of this wallet: the host's right to see it. */
  @SqlQuery(
      """
      SELECT EXISTS (SELECT 1 FROM job_attempts a JOIN nodes n ON n.id = a.node_id
                     WHERE a.job_id = :job AND n.wallet = :wallet)
      """)
  boolean ranOnNodeOf(@Bind("job") UUID jobId, @Bind("wallet") String wallet);

  @SqlUpdate(
      """
      INSERT INTO job_transitions (job_id, attempt, at, from_state, to_state, reason)
      VALUES (:job, :attempt, :at, :from, :to, :reason)
      """)
  void transition(
      @Bind("job") UUID jobId,
      @Bind("attempt") int attempt,
      @Bind("at") Instant at,
      @Bind("from") String from,
      @Bind("to") String to,
      @Bind("reason") String reason);

  @SqlQuery(
      "SELECT attempt, at, from_state, to_state, reason FROM job_transitions WHERE job_id = :job ORDER BY id")
  List<Transition> transitions(@Bind("job") UUID jobId);

  @SqlQuery(
      """
      SELECT job_id, attempt, node_id, gpu_indices, queued_at, assigned_at, started_at, ended_at, outcome, reason
      FROM job_attempts WHERE job_id = :job ORDER BY attempt
      """)
  List<Attempt> attempts(@Bind("job") UUID jobId);

  // ---- matching -----------------------------------------------------------------------------------------------

  /** Serializes matching passes across instances, so two passes never fill one node's capacity twice. */
  @SqlQuery("SELECT 1 FROM pg_advisory_xact_lock(7245031190011)")
  int lockMatching();

  /** Claims queued jobs that may run now, oldest first; rows another transaction holds are skipped, not waited for. */
  @SqlQuery(
      "SELECT " + COLUMNS
          + """
           FROM jobs WHERE state = 'queued' AND available_at <= :now
             AND (start_deadline IS NULL OR start_deadline > :now)
           ORDER BY available_at, created_at LIMIT :limit FOR UPDATE SKIP LOCKED
          """)
  List<Job> claimQueued(@Bind("now") Instant now, @Bind("limit") int limit);

  @SqlQuery(
      """
      SELECT id, hardware::text AS hardware, limits::text AS limits, runners, price_per_gpu_hour, benchmark_score,
             reliability
      FROM nodes
      WHERE status = 'online' AND NOT maintenance AND deleted_at IS NULL AND session_id IS NOT NULL
        AND cardinality(runners) > 0 AND verification <> 'unverified'
      """)
  List<Candidate> candidates();

  @SqlQuery("SELECT node_id, gpu_indices FROM jobs WHERE state IN ('assigned', 'running') AND node_id IS NOT NULL")
  List<ActiveUse> activeUse();

  /** Assigns a batch of claimed jobs (arrays unnested server-side) and opens their attempts. */
  @SqlUpdate(
      """
      WITH v AS (
        SELECT * FROM unnest(:ids::uuid[], :nodes::uuid[], :gpus::text[], :prices::bigint[], :escrows::bigint[],
                             :escrowTransfers::uuid[])
                 AS x(id, node, gpus, price, escrow, escrow_transfer)
      ), upd AS (
        UPDATE jobs j SET state = 'assigned', attempt = j.attempt + 1, node_id = v.node,
               gpu_indices = string_to_array(v.gpus, ',')::int[], price_per_hour = v.price, assigned_at = :now,
               started_at = NULL, lease_expires_at = :lease, reason = NULL, updated_at = :now,
               escrow = COALESCE(j.escrow, v.escrow), escrow_transfer = COALESCE(j.escrow_transfer, v.escrow_transfer),
               funding_reason = NULL
        FROM v WHERE j.id = v.id AND j.state = 'queued'
        RETURNING j.id, j.attempt, j.node_id, j.gpu_indices, j.queued_at
      ), att AS (
        INSERT INTO job_attempts (job_id, attempt, node_id, gpu_indices, queued_at, assigned_at)
        SELECT id, attempt, node_id, gpu_indices, queued_at, :now FROM upd
      )
      INSERT INTO job_transitions (job_id, attempt, at, from_state, to_state, reason)
      SELECT id, attempt, :now, 'queued', 'assigned', 'matched to node ' || node_id FROM upd
      """)
  int assign(
      @Bind("ids") UUID[] ids,
      @Bind("nodes") UUID[] nodes,
      @Bind("gpus") String[] gpuIndices,
      @Bind("prices") Long[] pricesPerHour,
      @Bind("escrows") Long[] escrows,
      @Bind("escrowTransfers") UUID[] escrowTransfers,
      @Bind("now") Instant now,
      @Bind("lease") Instant leaseExpiresAt);

  /** Queued jobs their buyer's balance cannot escrow: they say why and are not matched again before {@code until}. */
  @SqlUpdate(
      """
      UPDATE jobs j SET funding_reason = x.reason, available_at = :until
      FROM unnest(:ids::uuid[], :reasons::text[]) AS x(id, reason)
      WHERE j.id = x.id AND j.state = 'queued'
      """)
  void awaitFunds(@Bind("ids") UUID[] ids, @Bind("reasons") String[] reasons, @Bind("until") Instant until);

  /** A buyer's funds changed (null: some buyer's, not known which): its jobs waiting for funds may be matched now. */
  @SqlUpdate(
      """
      UPDATE jobs SET available_at = :now
      WHERE (CAST(:buyer AS text) IS NULL OR buyer = :buyer) AND state = 'queued' AND funding_reason IS NOT NULL
        AND available_at > :now
      """)
  int fundsChanged(@Bind("buyer") String buyer, @Bind("now") Instant now);

  /**
   * What an ended job costs: the charge row settlement reads (job_charges, V7). The host is the owner of the node
   * that ran the billed attempt; a job that was never escrowed writes nothing. Once per job (unique job id).
   */
  @SqlUpdate(
      """
      INSERT INTO job_charges (job_id, attempt, buyer, host, node_id, escrow, charge, fee, billed_seconds,
                               price_per_hour, outcome, ended_at, created_at)
      SELECT j.id, j.attempt, j.buyer, CASE WHEN :charge > 0 THEN n.wallet END, j.node_id, j.escrow, :charge,
             :fee, :billedSeconds, j.price_per_hour, :outcome, :endedAt, :now
      FROM jobs j LEFT JOIN nodes n ON n.id = j.node_id
      WHERE j.id = :id AND j.escrow IS NOT NULL
      ON CONFLICT (job_id) DO NOTHING
      """)
  int insertCharge(
      @Bind("id") UUID jobId,
      @Bind("charge") long charge,
      @Bind("fee") long fee,
      @Bind("billedSeconds") int billedSeconds,
      @Bind("outcome") String outcome,
      @Bind("endedAt") Instant endedAt,
      @Bind("now") Instant now);

  record Charge(long escrow, long charge, long fee, long hostAmount, long refund, int billedSeconds, boolean settled) {}

  /** The job's charge, and whether settlement has taken it into the ledger yet. */
  @SqlQuery(
      """
      SELECT c.escrow, c.charge, c.fee, c.host_amount, c.refund, c.billed_seconds,
             c.seq <= (SELECT settled_seq FROM settlement_watermark) AS settled
      FROM job_charges c WHERE c.job_id = :job
      """)
  @RegisterConstructorMapper(Charge.class)
  Optional<Charge> charge(@Bind("job") UUID jobId);

  // ---- the node's side ----------------------------------------------------------------------------------------

  /** The attempts assigned to the node that it has not yet reported started. */
  @SqlQuery(
      """
      SELECT j.id, j.attempt, j.runtime::text AS runtime, j.time_limit_seconds, j.gpu_indices, j.state,
             n.limits::text AS limits
      FROM jobs j JOIN nodes n ON n.id = j.node_id WHERE j.node_id = :node AND j.state = 'assigned'
      """)
  List<Held> assignedTo(@Bind("node") UUID nodeId);

  /** Marks the attempt running (if the node holds it, assigned), with its attempt row and transition; 1 or 0. */
  @SqlQuery(
      """
      WITH upd AS (
        UPDATE jobs SET state = 'running', started_at = :now, lease_expires_at = :lease, updated_at = :now
        WHERE id = :id AND attempt = :attempt AND node_id = :node AND state = 'assigned'
        RETURNING id, attempt
      ), att AS (
        UPDATE job_attempts a SET started_at = :now FROM upd WHERE a.job_id = upd.id AND a.attempt = upd.attempt
      ), tr AS (
        INSERT INTO job_transitions (job_id, attempt, at, from_state, to_state, reason)
        SELECT id, attempt, :now, 'assigned', 'running', 'started on node ' || :node FROM upd
      )
      SELECT count(*) FROM upd
      """)
  int markRunning(
      @Bind("id") UUID id,
      @Bind("attempt") int attempt,
      @Bind("node") UUID nodeId,
      @Bind("lease") Instant lease,
      @Bind("now") Instant now);

  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM jobs WHERE id = :id AND attempt = :attempt AND node_id = :node"
          + " AND state IN ('assigned', 'running'))")
  boolean holds(@Bind("id") UUID id, @Bind("attempt") int attempt, @Bind("node") UUID nodeId);

  /**
   * Extends the leases of the attempts heartbeats listed, for nodes whose heartbeat counted; returns the listed
   * attempts that their node does not hold (to be cancelled on the agent).
   */
  @SqlQuery(
      """
      WITH v AS (
        SELECT * FROM unnest(:nodes::uuid[], :ids::uuid[], :attempts::int[]) AS x(node, id, attempt)
      ), ext AS (
        UPDATE jobs j SET lease_expires_at = GREATEST(j.lease_expires_at, :lease)
        FROM v WHERE j.id = v.id AND j.attempt = v.attempt AND j.node_id = v.node
          AND j.state IN ('assigned', 'running')
        RETURNING j.id, j.attempt
      )
      SELECT v.node AS node_id, v.id, v.attempt FROM v
      WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.id = v.id AND ext.attempt = v.attempt)
        AND NOT EXISTS (SELECT 1 FROM job_receipts r WHERE r.job_id = v.id AND r.attempt = v.attempt)
      """)
  @RegisterConstructorMapper(NodeJob.class)
  List<NodeJob> extendLeases(
      @Bind("nodes") UUID[] nodes, @Bind("ids") UUID[] ids, @Bind("attempts") Integer[] attempts,
      @Bind("lease") Instant lease);

  record NodeJob(UUID nodeId, UUID id, int attempt) {}

  @SqlUpdate(
      """
      UPDATE jobs SET state = :state, reason = :reason, finished_at = :now, exit_code = :exitCode,
             output_bytes = :outputBytes, output_sha256 = :sha, output_truncated = :truncated,
             lease_expires_at = NULL, updated_at = :now
      WHERE id = :id
      """)
  void finish(
      @Bind("id") UUID id,
      @Bind("state") String state,
      @Bind("reason") String reason,
      @Bind("exitCode") Integer exitCode,
      @Bind("outputBytes") Long outputBytes,
      @Bind("sha") String outputSha256,
      @Bind("truncated") Boolean outputTruncated,
      @Bind("now") Instant now);

  @SqlUpdate(
      """
      UPDATE job_attempts SET ended_at = :endedAt, outcome = :outcome, reason = :reason,
             started_at = COALESCE(started_at, :startedAt)
      WHERE job_id = :id AND attempt = :attempt
      """)
  void endAttempt(
      @Bind("id") UUID id,
      @Bind("attempt") int attempt,
      @Bind("startedAt") Instant startedAt,
      @Bind("endedAt") Instant endedAt,
      @Bind("outcome") String outcome,
      @Bind("reason") String reason);

  /** Back to the queue for a new attempt, not before {@code availableAt}. */
  @SqlUpdate(
      """
      UPDATE jobs SET state = 'queued', reason = :reason, node_id = NULL, gpu_indices = NULL, price_per_hour = NULL,
             lease_expires_at = NULL, started_at = NULL, assigned_at = NULL, queued_at = :now,
             available_at = :availableAt, updated_at = :now
      WHERE id = :id
      """)
  void requeue(
      @Bind("id") UUID id, @Bind("reason") String reason, @Bind("availableAt") Instant availableAt,
      @Bind("now") Instant now);

  @SqlUpdate("UPDATE jobs SET cancel_requested_at = :now, updated_at = :now WHERE id = :id")
  void requestCancel(@Bind("id") UUID id, @Bind("now") Instant now);

  /** The node's key and the receipt stored for the job (if any), for checking a {@code finished} report. */
  @SqlQuery(
      """
      SELECT n.node_key, r.attempt AS receipt_attempt, r.node_id AS receipt_node, r.signature AS receipt_signature
      FROM nodes n LEFT JOIN job_receipts r ON r.job_id = :job WHERE n.id = :node
      """)
  @RegisterConstructorMapper(ReportContext.class)
  Optional<ReportContext> reportContext(@Bind("job") UUID jobId, @Bind("node") UUID nodeId);

  record ReportContext(String nodeKey, Integer receiptAttempt, UUID receiptNode, String receiptSignature) {}

  /**
   * Stores a verified receipt and ends the job with it, in one statement: the receipt, the job's final state, its
   * attempt's end and the transition.
   */
  @SqlUpdate(
      """
      WITH rec AS (
        INSERT INTO job_receipts (job_id, attempt, node_id, node_key, outcome, exit_code, started_at, ended_at,
                                  output_bytes, result_sha256, signature, verified_at)
        VALUES (:r.jobId, :r.attempt, :r.nodeId, :r.nodeKey, :r.outcome, :r.exitCode, :r.startedAt, :r.endedAt,
                :r.outputBytes, :r.resultSha256, :r.signature, :r.verifiedAt)
      ), upd AS (
        UPDATE jobs SET state = :state, reason = :reason, finished_at = :r.verifiedAt, exit_code = :r.exitCode,
               output_bytes = :r.outputBytes, output_sha256 = :r.resultSha256, output_truncated = :truncated,
               started_at = COALESCE(started_at, :r.verifiedAt), lease_expires_at = NULL, updated_at = :r.verifiedAt
        WHERE id = :r.jobId
      ), att AS (
        UPDATE job_attempts SET ended_at = :r.verifiedAt, outcome = :r.outcome, reason = :reason,
               started_at = COALESCE(started_at, :r.verifiedAt)
        WHERE job_id = :r.jobId AND attempt = :r.attempt
      )
      INSERT INTO job_transitions (job_id, attempt, at, from_state, to_state, reason)
      VALUES (:r.jobId, :r.attempt, :r.verifiedAt, :from, :state, :reason)
      """)
  void finishWithReceipt(
      @org.jdbi.v3.sqlobject.customizer.BindMethods("r") Receipt receipt,
      @Bind("state") String state,
      @Bind("reason") String reason,
      @Bind("truncated") boolean outputTruncated,
      @Bind("from") String fromState);

  @SqlQuery(
      """
      SELECT job_id, attempt, node_id, node_key, outcome, exit_code, started_at, ended_at, output_bytes,
             result_sha256, signature, verified_at
      FROM job_receipts WHERE job_id = :job
      """)
  Optional<Receipt> receipt(@Bind("job") UUID jobId);

  // ---- sweeps -------------------------------------------------------------------------------------------------

  @SqlQuery(
      """
      SELECT id, attempt, node_id, state, cancel_requested_at FROM jobs
      WHERE state IN ('assigned', 'running') AND lease_expires_at < :now
      ORDER BY lease_expires_at LIMIT :limit FOR UPDATE SKIP LOCKED
      """)
  List<Expired> lapsedLeases(@Bind("now") Instant now, @Bind("limit") int limit);

  @SqlQuery(
      """
      SELECT id, attempt, node_id, state, cancel_requested_at FROM jobs
      WHERE state = 'queued' AND start_deadline <= :now
      ORDER BY start_deadline LIMIT :limit FOR UPDATE SKIP LOCKED
      """)
  List<Expired> pastDeadline(@Bind("now") Instant now, @Bind("limit") int limit);

  /** Running attempts past their time limit plus grace: the node did not stop them. */
  @SqlQuery(
      """
      SELECT id, attempt, node_id, state, cancel_requested_at FROM jobs
      WHERE state = 'running' AND started_at + make_interval(secs => time_limit_seconds) < :cutoff
      LIMIT :limit FOR UPDATE SKIP LOCKED
      """)
  List<Expired> overTime(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

  // ---- logs ---------------------------------------------------------------------------------------------------

  /**
   * Stores a batch of chunks (arrays unnested) for attempts their node still holds, within each job's byte cap;
   * repeats are skipped. Returns the ids of jobs that got text.
   */
  @SqlQuery(
      """
      WITH v AS (
        SELECT * FROM unnest(:nodes::uuid[], :ids::uuid[], :attempts::int[], :seqs::bigint[], :streams::text[],
                             :data::text[]) WITH ORDINALITY AS x(node, id, attempt, seq, stream, data, ord)
      ), ok AS (
        SELECT v.* FROM v JOIN jobs j ON j.id = v.id AND j.attempt = v.attempt AND j.node_id = v.node
        WHERE j.state IN ('assigned', 'running') AND NOT j.logs_truncated
      ), ins AS (
        INSERT INTO job_logs (job_id, attempt, seq, stream, at, data)
        SELECT id, attempt, seq, stream, :now, data FROM ok
        ON CONFLICT DO NOTHING
        RETURNING job_id, octet_length(data) AS bytes
      ), sums AS (
        SELECT job_id, sum(bytes) AS bytes FROM ins GROUP BY job_id
      )
      UPDATE jobs j SET log_bytes = j.log_bytes + sums.bytes, logs_truncated = j.log_bytes + sums.bytes >= :cap
      FROM sums WHERE j.id = sums.job_id
      RETURNING j.id
      """)
  List<UUID> appendLogs(
      @Bind("nodes") UUID[] nodes,
      @Bind("ids") UUID[] ids,
      @Bind("attempts") Integer[] attempts,
      @Bind("seqs") Long[] seqs,
      @Bind("streams") String[] streams,
      @Bind("data") String[] data,
      @Bind("cap") long capBytes,
      @Bind("now") Instant now);

  @SqlQuery(
      """
      SELECT attempt, seq, stream, at, data FROM job_logs
      WHERE job_id = :job AND (attempt, seq) > (:attempt, :seq)
      ORDER BY attempt, seq LIMIT :limit
      """)
  List<LogChunk> logsAfter(
      @Bind("job") UUID jobId, @Bind("attempt") int attempt, @Bind("seq") long seq, @Bind("limit") int limit);

  // ---- host's view and stats ----------------------------------------------------------------------------------

  @SqlQuery(
      """
      SELECT a.job_id, a.attempt, a.node_id, a.gpu_indices, a.queued_at, a.assigned_at, a.started_at, a.ended_at,
             a.outcome, a.reason
      FROM job_attempts a WHERE a.node_id = :node ORDER BY a.assigned_at DESC LIMIT :limit OFFSET :offset
      """)
  List<Attempt> attemptsOnNode(@Bind("node") UUID nodeId, @Bind("limit") int limit, @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM job_attempts WHERE node_id = :node")
  long countAttemptsOnNode(@Bind("node") UUID nodeId);
}
