package io.rigshare.marketplace.db;

import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(NodeDao.Node.class)
@RegisterConstructorMapper(NodeDao.Transition.class)
public interface NodeDao {
  String COLUMNS =
      """
      id, wallet, node_key, token_id, name, status, maintenance, deleted_at, session_id, instance_id, agent_version,
      hardware::text AS hardware, last_heartbeat_at, last_seq, limits::text AS limits, limits_version,
      limits_acked_version, limits_ack_error, runners, price_per_gpu_hour, benchmark_score, reliability, created_at,
      updated_at, region, gpu_model, gpu_count, vram_mib, benchmark::text AS benchmark, benchmark_at, verification,
      verification_reason, verified_at, price_by_owner, reliability_parts::text AS reliability_parts
      """;

  record Node(
      UUID id,
      String wallet,
      String nodeKey,
      UUID tokenId,
      String name,
      String status,
      boolean maintenance,
      Instant deletedAt,
      UUID sessionId,
      String instanceId,
      String agentVersion,
      String hardware,
      Instant lastHeartbeatAt,
      Long lastSeq,
      String limits,
      long limitsVersion,
      long limitsAckedVersion,
      String limitsAckError,
      String[] runners,
      Long pricePerGpuHour,
      Long benchmarkScore,
      Integer reliability,
      Instant createdAt,
      Instant updatedAt,
      String region,
      String gpuModel,
      int gpuCount,
      long vramMib,
      String benchmark,
      Instant benchmarkAt,
      String verification,
      String verificationReason,
      Instant verifiedAt,
      boolean priceByOwner,
      String reliabilityParts) {

    /** The public state: deleted, then maintenance, then the connection status. */
    public String state() {
      return stateOf(status, maintenance, deletedAt != null);
    }

    public static String stateOf(String status, boolean maintenance, boolean deleted) {
      if (deleted) {
        return "deleted";
      }
      return maintenance ? "maintenance" : status;
    }
  }

  record Transition(Instant at, String fromState, String toState, String reason) {}

  /** A node's stored limits column as the owner's limits: none for null, empty for anything unreadable. */
  static java.util.Optional<Message.NodeLimits> readLimits(String json) {
    if (json == null) {
      return java.util.Optional.of(Message.NodeLimits.none());
    }
    try {
      return java.util.Optional.of(Wire.mapper().readValue(json, Message.NodeLimits.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return java.util.Optional.empty();
    }
  }

  /** As {@link #readLimits}, reading unreadable limits as none (to show or send; matching refuses them instead). */
  static Message.NodeLimits limits(String json) {
    return readLimits(json).orElse(Message.NodeLimits.none());
  }

  @SqlUpdate(
      """
      INSERT INTO nodes (id, wallet, node_key, token_id, name, status, hardware, agent_version, created_at, updated_at)
      VALUES (:id, :wallet, :nodeKey, :tokenId, :name, 'installing', CAST(:hardware AS jsonb), :agentVersion, :now, :now)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("wallet") String wallet,
      @Bind("nodeKey") String nodeKey,
      @Bind("tokenId") UUID tokenId,
      @Bind("name") String name,
      @Bind("hardware") String hardwareJson,
      @Bind("agentVersion") String agentVersion,
      @Bind("now") Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE id = :id")
  Optional<Node> find(@Bind("id") UUID id);

  @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE id = :id FOR UPDATE")
  Optional<Node> lock(@Bind("id") UUID id);

  @SqlQuery("SELECT " + COLUMNS + " FROM nodes WHERE node_key = :key FOR UPDATE")
  Optional<Node> lockByKey(@Bind("key") String nodeKey);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM nodes WHERE node_key = :key)")
  boolean keyExists(@Bind("key") String nodeKey);

  @SqlQuery(
      "SELECT " + COLUMNS
          + " FROM nodes WHERE wallet = :wallet AND deleted_at IS NULL ORDER BY created_at DESC, id"
          + " LIMIT :limit OFFSET :offset")
  List<Node> listByWallet(@Bind("wallet") String wallet, @Bind("limit") int limit, @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM nodes WHERE wallet = :wallet AND deleted_at IS NULL")
  long countByWallet(@Bind("wallet") String wallet);

  /** Takes the node for a new connection; the previous session, if any, becomes stale. */
  @SqlUpdate(
      """
      UPDATE nodes SET status = 'online', session_id = :session, instance_id = :instance, agent_version = :agentVersion,
             runners = :runners, last_heartbeat_at = :now, updated_at = :now
      WHERE id = :id
      """)
  void connect(
      @Bind("id") UUID id,
      @Bind("session") UUID session,
      @Bind("instance") String instance,
      @Bind("agentVersion") String agentVersion,
      @Bind("runners") String[] runners,
      @Bind("now") Instant now);

  /** The session's socket closed: offline, unless another session already took over. */
  @SqlQuery(
      """
      UPDATE nodes SET status = 'offline', session_id = NULL, instance_id = NULL, updated_at = :now
      WHERE id = :id AND session_id = :session AND status <> 'offline'
      RETURNING maintenance, deleted_at IS NOT NULL
      """)
  Optional<Boolean> disconnectReturningMaintenance(
      @Bind("id") UUID id, @Bind("session") UUID session, @Bind("now") Instant now);

  @SqlUpdate(
      """
      INSERT INTO node_transitions (node_id, at, from_state, to_state, reason)
      VALUES (:id, :at, :from, :to, :reason)
      """)
  void transition(
      @Bind("id") UUID id,
      @Bind("at") Instant at,
      @Bind("from") String from,
      @Bind("to") String to,
      @Bind("reason") String reason);

  @SqlQuery(
      "SELECT at, from_state, to_state, reason FROM node_transitions WHERE node_id = :id ORDER BY at DESC, id DESC"
          + " LIMIT :limit")
  List<Transition> transitions(@Bind("id") UUID id, @Bind("limit") int limit);

  /**
   * Marks offline every online node whose last heartbeat is older than {@code cutoff} (its gateway died or lost
   * it), recording the transition for those not in maintenance, in one statement.
   */
  @SqlUpdate(
      """
      WITH gone AS (
        UPDATE nodes SET status = 'offline', session_id = NULL, instance_id = NULL, updated_at = :now
        WHERE status = 'online' AND last_heartbeat_at < :cutoff
        RETURNING id, maintenance, deleted_at
      )
      INSERT INTO node_transitions (node_id, at, from_state, to_state, reason)
      SELECT id, :now, 'online', 'offline', :reason FROM gone WHERE NOT maintenance AND deleted_at IS NULL
      """)
  int sweepSilent(@Bind("cutoff") Instant cutoff, @Bind("now") Instant now, @Bind("reason") String reason);

  /**
   * Records a batch of heartbeats in one statement. Only rows whose session still speaks for the node are touched;
   * the ids returned are those, so the caller can close connections that lost their node.
   */
  @SqlQuery(
      """
      UPDATE nodes n SET last_heartbeat_at = to_timestamp(v.ms / 1000.0), last_seq = v.seq
      FROM unnest(:ids::uuid[], :sessions::uuid[], :ms::bigint[], :seqs::bigint[]) AS v(id, session, ms, seq)
      WHERE n.id = v.id AND n.session_id = v.session
      RETURNING n.id
      """)
  List<UUID> heartbeats(
      @Bind("ids") UUID[] ids, @Bind("sessions") UUID[] sessions, @Bind("ms") Long[] epochMillis,
      @Bind("seqs") Long[] seqs);

  @SqlQuery(
      """
      WITH gone AS (
        UPDATE nodes SET status = 'offline', session_id = NULL, instance_id = NULL, updated_at = :now
        WHERE instance_id = :instance AND status <> 'offline'
        RETURNING id, maintenance, deleted_at
      ), logged AS (
        INSERT INTO node_transitions (node_id, at, from_state, to_state, reason)
        SELECT id, :now, 'online', 'offline', :reason FROM gone WHERE NOT maintenance AND deleted_at IS NULL
      )
      SELECT count(*) FROM gone
      """)
  int releaseInstance(@Bind("instance") String instance, @Bind("now") Instant now, @Bind("reason") String reason);

  @SqlUpdate("UPDATE nodes SET hardware = CAST(:hardware AS jsonb), updated_at = :now WHERE id = :id AND session_id = :session")
  int updateHardware(
      @Bind("id") UUID id, @Bind("session") UUID session, @Bind("hardware") String hardwareJson, @Bind("now") Instant now);

  @SqlUpdate("UPDATE nodes SET name = :name, updated_at = :now WHERE id = :id")
  void rename(@Bind("id") UUID id, @Bind("name") String name, @Bind("now") Instant now);

  /** Keeps the offer's GPU columns in step with the hardware report and the owner's limits. */
  @SqlUpdate("UPDATE nodes SET gpu_model = :model, gpu_count = :count, vram_mib = :vram WHERE id = :id")
  void setShape(@Bind("id") UUID id, @Bind("model") String model, @Bind("count") int count, @Bind("vram") long vramMib);

  @SqlUpdate("UPDATE nodes SET region = :region, updated_at = :now WHERE id = :id")
  void setRegion(@Bind("id") UUID id, @Bind("region") String region, @Bind("now") Instant now);

  @SqlUpdate("UPDATE nodes SET price_per_gpu_hour = :price, price_by_owner = true, updated_at = :now WHERE id = :id")
  void setPrice(@Bind("id") UUID id, @Bind("price") long pricePerGpuHour, @Bind("now") Instant now);

  @SqlUpdate("UPDATE nodes SET maintenance = :maintenance, updated_at = :now WHERE id = :id")
  void setMaintenance(@Bind("id") UUID id, @Bind("maintenance") boolean maintenance, @Bind("now") Instant now);

  @SqlUpdate(
      """
      UPDATE nodes SET limits = CAST(:limits AS jsonb), limits_version = limits_version + 1, limits_ack_error = NULL,
             updated_at = :now
      WHERE id = :id
      """)
  void setLimits(@Bind("id") UUID id, @Bind("limits") String limitsJson, @Bind("now") Instant now);

  @SqlUpdate(
      """
      UPDATE nodes SET limits_acked_version = GREATEST(limits_acked_version, :version),
             limits_ack_error = CASE WHEN :ok THEN NULL ELSE :error END, updated_at = :now
      WHERE id = :id AND limits_version = :version
      """)
  int ackLimits(
      @Bind("id") UUID id,
      @Bind("version") long version,
      @Bind("ok") boolean ok,
      @Bind("error") String error,
      @Bind("now") Instant now);

  @SqlUpdate(
      """
      UPDATE nodes SET deleted_at = :now, status = 'offline', session_id = NULL, instance_id = NULL, updated_at = :now
      WHERE id = :id AND deleted_at IS NULL
      """)
  int softDelete(@Bind("id") UUID id, @Bind("now") Instant now);
}
