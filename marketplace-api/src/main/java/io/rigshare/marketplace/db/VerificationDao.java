package io.rigshare.marketplace.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Benchmark reports, challenges and the verification state of nodes (docs/protocol.md section 10). Every change of a
 * challenge is conditional on its state, so two instances (or a frame and the sweeper) cannot both decide one.
 */
@RegisterConstructorMapper(VerificationDao.Challenge.class)
@RegisterConstructorMapper(VerificationDao.Late.class)
@RegisterConstructorMapper(VerificationDao.GpuHolder.class)
public interface VerificationDao {
  String CHALLENGE_COLUMNS =
      "id, node_id, gpu_index, seed, n, issued_at, deadline_at, score, committed_at, root, rows, checked, finished_at,"
          + " outcome, reason";

  record Challenge(
      UUID id,
      UUID nodeId,
      Integer gpuIndex,
      String seed,
      int n,
      Instant issuedAt,
      Instant deadlineAt,
      Long score,
      Instant committedAt,
      String root,
      Integer[] rows,
      Integer[] checked,
      Instant finishedAt,
      String outcome,
      String reason) {}

  /** A challenge the sweeper failed: its node and why. */
  record Late(UUID nodeId, String reason) {}

  /** Another node that reports a GPU uuid: who owns it and its verification. */
  record GpuHolder(UUID id, String wallet, String verification) {}

  @SqlUpdate(
      """
      UPDATE nodes SET benchmark = CAST(:report AS jsonb), benchmark_at = :now, updated_at = :now
      WHERE id = :id AND session_id = :session
      """)
  int storeBenchmark(
      @Bind("id") UUID id, @Bind("session") UUID session, @Bind("report") String reportJson, @Bind("now") Instant now);

  /**
   * Serializes the duplicate check of one GPU uuid across transactions and instances, to the end of the transaction:
   * two nodes reporting the same uuid at once cannot both find the other absent.
   */
  @SqlQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
  int lockGpu(@Bind("key") String key);

  /** Other non-deleted nodes whose hardware report or benchmark names this GPU uuid, the earliest first. */
  @SqlQuery(
      """
      SELECT id, wallet, verification FROM nodes
      WHERE id <> :id AND deleted_at IS NULL
        AND ((hardware -> 'gpus') @> jsonb_build_array(jsonb_build_object('uuid', :uuid))
          OR (benchmark -> 'results') @> jsonb_build_array(jsonb_build_object('gpuUuid', :uuid)))
      ORDER BY created_at, id
      """)
  List<GpuHolder> gpuHolders(@Bind("id") UUID id, @Bind("uuid") String uuid);

  @SqlUpdate(
      """
      UPDATE nodes SET verification = 'unverified', verification_reason = :reason, next_challenge_at = NULL,
             updated_at = :now
      WHERE id = :id
      """)
  int unverify(@Bind("id") UUID id, @Bind("reason") String reason, @Bind("now") Instant now);

  /** A passed challenge: verified, the score, and (unless the owner set it) the benchmark price. */
  @SqlUpdate(
      """
      UPDATE nodes SET verification = 'verified', verification_reason = NULL, verified_at = :now,
             benchmark_score = :score, next_challenge_at = :next,
             price_per_gpu_hour = CASE WHEN price_by_owner THEN price_per_gpu_hour ELSE :price END, updated_at = :now
      WHERE id = :id AND deleted_at IS NULL
      """)
  int verify(
      @Bind("id") UUID id, @Bind("score") long perGpuScore, @Bind("price") long benchmarkPrice,
      @Bind("next") Instant nextChallenge, @Bind("now") Instant now);

  /** A passed challenge of a node without a GPU: verified, with no score and the price left alone (never listed). */
  @SqlUpdate(
      """
      UPDATE nodes SET verification = 'verified', verification_reason = NULL, verified_at = :now,
             benchmark_score = NULL, next_challenge_at = :next, updated_at = :now
      WHERE id = :id AND deleted_at IS NULL
      """)
  int verifyWithoutScore(@Bind("id") UUID id, @Bind("next") Instant nextChallenge, @Bind("now") Instant now);

  /** The benchmark has no GPU score: nothing to price or list (not spoofing, so verification is left alone). */
  @SqlUpdate("UPDATE nodes SET benchmark_score = NULL, next_challenge_at = NULL, updated_at = :now WHERE id = :id")
  void clearScore(@Bind("id") UUID id, @Bind("now") Instant now);

  @SqlUpdate("UPDATE nodes SET next_challenge_at = :next WHERE id = :id")
  void scheduleChallenge(@Bind("id") UUID id, @Bind("next") Instant next);

  @SqlUpdate(
      """
      INSERT INTO benchmark_challenges (id, node_id, gpu_index, seed, n, issued_at, deadline_at, score)
      VALUES (:id, :node, :gpu, :seed, :n, :now, :deadline, :score)
      """)
  void insert(
      @Bind("id") UUID id, @Bind("node") UUID nodeId, @Bind("gpu") Integer gpuIndex, @Bind("seed") String seed,
      @Bind("n") int n, @Bind("now") Instant now, @Bind("deadline") Instant deadline, @Bind("score") Long score);

  /** Cancels the node's open challenges: a new one replaces them (the agent forgets them too). */
  @SqlUpdate(
      """
      UPDATE benchmark_challenges SET finished_at = :now, outcome = 'cancelled', reason = :reason
      WHERE node_id = :node AND finished_at IS NULL
      """)
  int cancelOpen(@Bind("node") UUID nodeId, @Bind("reason") String reason, @Bind("now") Instant now);

  @SqlQuery("SELECT " + CHALLENGE_COLUMNS + " FROM benchmark_challenges WHERE id = :id AND node_id = :node FOR UPDATE")
  Optional<Challenge> lock(@Bind("id") UUID id, @Bind("node") UUID nodeId);

  @SqlQuery("SELECT " + CHALLENGE_COLUMNS + " FROM benchmark_challenges WHERE id = :id AND node_id = :node")
  Optional<Challenge> find(@Bind("id") UUID id, @Bind("node") UUID nodeId);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM benchmark_challenges WHERE root = :root AND id <> :id)")
  boolean rootSeen(@Bind("root") String root, @Bind("id") UUID id);

  @SqlUpdate(
      """
      UPDATE benchmark_challenges SET committed_at = :now, root = :root, rows = :rows, deadline_at = :deadline
      WHERE id = :id AND committed_at IS NULL AND finished_at IS NULL
      """)
  int commit(
      @Bind("id") UUID id, @Bind("root") String root, @Bind("rows") Integer[] rows,
      @Bind("deadline") Instant rowsDeadline, @Bind("now") Instant now);

  @SqlUpdate("UPDATE benchmark_challenges SET checked = :checked WHERE id = :id AND finished_at IS NULL")
  int checked(@Bind("id") UUID id, @Bind("checked") Integer[] checked);

  /** Ends an open challenge; 0 when it had already ended (decided elsewhere). */
  @SqlUpdate(
      """
      UPDATE benchmark_challenges SET finished_at = :now, outcome = :outcome, reason = :reason
      WHERE id = :id AND finished_at IS NULL
      """)
  int finish(
      @Bind("id") UUID id, @Bind("outcome") String outcome, @Bind("reason") String reason, @Bind("now") Instant now);

  /** Open challenges past their deadline, claimed by failing them. */
  @SqlQuery(
      """
      UPDATE benchmark_challenges SET finished_at = :now, outcome = 'failed',
             reason = CASE WHEN committed_at IS NULL THEN 'late: no commitment before the deadline'
                           ELSE 'late: the opened rows did not arrive before the deadline' END
      WHERE id IN (SELECT id FROM benchmark_challenges WHERE finished_at IS NULL AND deadline_at < :now
                   ORDER BY deadline_at LIMIT 100 FOR UPDATE SKIP LOCKED)
      RETURNING node_id, reason
      """)
  List<Late> failLate(@Bind("now") Instant now);

  /**
   * Claims this instance's connected nodes due for a re-challenge that hold no job attempt and no open challenge:
   * clears their {@code next_challenge_at} (the challenge sets it again when it passes).
   */
  @SqlQuery(
      """
      UPDATE nodes SET next_challenge_at = NULL
      WHERE id IN (
        SELECT n.id FROM nodes n
        WHERE n.instance_id = :instance AND n.next_challenge_at <= :now AND n.status = 'online'
          AND n.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.node_id = n.id AND j.state IN ('assigned', 'running'))
          AND NOT EXISTS (SELECT 1 FROM benchmark_challenges c WHERE c.node_id = n.id AND c.finished_at IS NULL)
        ORDER BY n.next_challenge_at LIMIT 100 FOR UPDATE SKIP LOCKED)
      RETURNING id
      """)
  List<UUID> claimDue(@Bind("instance") String instanceId, @Bind("now") Instant now);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM jobs WHERE node_id = :node AND state IN ('assigned', 'running'))")
  boolean holdsJob(@Bind("node") UUID nodeId);
}
