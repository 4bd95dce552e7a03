package io.rigshare.payments.payouts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Rows of {@code payouts}, {@code payout_batches} and {@code payout_transactions}. */
@RegisterConstructorMapper(PayoutDao.HostBalance.class)
@RegisterConstructorMapper(PayoutDao.ItemRow.class)
@RegisterConstructorMapper(PayoutDao.BatchRow.class)
@RegisterConstructorMapper(PayoutDao.AttemptRow.class)
@RegisterRowMapper(PayoutDao.PayoutMapper.class)
@RegisterRowMapper(PayoutDao.BatchViewMapper.class)
interface PayoutDao {
  record HostBalance(String owner, long balance) {}

  record ItemRow(UUID id, String wallet, long amount, String kind) {
    boolean earnings() {
      return "earnings".equals(kind);
    }
  }

  record BatchRow(UUID id, String status, String memo) {}

  record AttemptRow(
      UUID batchId, int attempt, String signature, String transactionBase64, String blockhash,
      long lastValidBlockHeight, String status) {}

  /**
   * Host earnings accounts holding at least {@code minimum}, largest first. Reads the ledger's own table: the ledger
   * has no query by kind and balance, and only payouts needs one.
   */
  @SqlQuery("""
      SELECT owner, balance FROM ledger_accounts
      WHERE kind = 'host_earnings' AND balance >= :minimum
      ORDER BY balance DESC, owner
      LIMIT :limit
      """)
  List<HostBalance> hostsToPay(long minimum, int limit);

  @SqlQuery("""
      SELECT id, wallet, amount, kind FROM payouts
      WHERE status = 'pending'
      ORDER BY created_at, id
      FOR UPDATE
      """)
  List<ItemRow> lockPendingWithdrawals();

  @SqlUpdate("""
      INSERT INTO payout_batches (id, status, memo, created_at, updated_at)
      VALUES (:id, 'planned', :memo, :now, :now)
      """)
  void insertBatch(UUID id, String memo, Instant now);

  @SqlUpdate("""
      INSERT INTO payouts (id, wallet, amount, kind, status, batch_id, position, created_at)
      VALUES (:id, :wallet, :amount, :kind, :status, CAST(:batchId AS uuid), :position, :now)
      """)
  void insertItem(
      UUID id, String wallet, long amount, String kind, String status, UUID batchId, Integer position, Instant now);

  @SqlUpdate("""
      UPDATE payouts SET status = 'batched', batch_id = :batchId, position = :position
      WHERE id = :id AND status = 'pending'
      """)
  int assignWithdrawal(UUID id, UUID batchId, int position);

  @SqlQuery("""
      SELECT id, status, memo FROM payout_batches
      WHERE status NOT IN ('confirmed', 'failed')
      ORDER BY created_at, id
      """)
  List<BatchRow> openBatches();

  @SqlQuery("SELECT id, wallet, amount, kind FROM payouts WHERE batch_id = :batchId ORDER BY position")
  List<ItemRow> items(UUID batchId);

  @SqlQuery("""
      SELECT batch_id, attempt, signature, transaction_base64, blockhash, last_valid_block_height, status
      FROM payout_transactions WHERE batch_id IN (<batchIds>)
      ORDER BY batch_id, attempt
      """)
  List<AttemptRow> attempts(@BindList("batchIds") List<UUID> batchIds);

  @SqlBatch("""
      INSERT INTO payout_transactions (batch_id, attempt, signature, transaction_base64, blockhash,
                                       last_valid_block_height, status, created_at)
      VALUES (:batchId, :attempt, :signature, :transactionBase64, :blockhash, :lastValidBlockHeight, 'signed', :now)
      """)
  void insertAttempts(@BindMethods List<AttemptRow> attempts, Instant now);

  @SqlBatch("""
      UPDATE payout_batches SET status = :status, updated_at = :now
      WHERE id = :id AND status NOT IN ('confirmed', 'failed')
      """)
  void setBatchStatus(List<UUID> id, String status, Instant now);

  @SqlUpdate("""
      UPDATE payout_transactions SET status = 'sent', sent_at = :now, error = :error
      WHERE signature = :signature AND status IN ('signed', 'sent')
      """)
  void markSent(String signature, String error, Instant now);

  @SqlUpdate("""
      UPDATE payout_transactions SET status = :status, resolved_at = :now, error = :error
      WHERE signature = :signature
      """)
  void resolveAttempt(String signature, String status, String error, Instant now);

  @SqlUpdate("UPDATE payout_batches SET error = :error, updated_at = :now WHERE id = :id")
  void noteBatchError(UUID id, String error, Instant now);

  /** @return 1 if this call finished the batch, 0 if it was already final */
  @SqlUpdate("""
      UPDATE payout_batches SET status = :status, error = :error, updated_at = :now
      WHERE id = :id AND status NOT IN ('confirmed', 'failed')
      """)
  int finishBatch(UUID id, String status, String error, Instant now);

  @SqlUpdate("""
      UPDATE payouts SET status = :status, error = :error,
                         confirmed_at = CASE WHEN :status = 'confirmed' THEN CAST(:now AS timestamptz) END
      WHERE batch_id = :batchId
      """)
  void finishItems(UUID batchId, String status, String error, Instant now);

  String PAYOUT_COLUMNS = """
      SELECT p.id, p.batch_id, p.kind, p.amount, p.status, p.created_at, p.confirmed_at, p.error, p.wallet,
             (SELECT t.signature FROM payout_transactions t WHERE t.batch_id = p.batch_id
              ORDER BY t.status = 'confirmed' DESC, t.attempt DESC LIMIT 1) AS signature
      FROM payouts p
      """;

  @SqlQuery(PAYOUT_COLUMNS + "WHERE p.wallet = :wallet ORDER BY p.created_at DESC, p.id LIMIT :limit OFFSET :offset")
  List<Payout> payouts(String wallet, int limit, int offset);

  @SqlQuery(PAYOUT_COLUMNS + """
      WHERE p.wallet = :wallet AND p.kind = 'withdrawal'
      ORDER BY p.created_at DESC, p.id LIMIT :limit OFFSET :offset
      """)
  List<Payout> withdrawals(String wallet, int limit, int offset);

  @SqlQuery("""
      SELECT coalesce(sum(amount), 0) FROM payouts
      WHERE wallet = :wallet AND kind = 'earnings' AND status = 'confirmed'
      """)
  long paidEarnings(String wallet);

  @SqlQuery("""
      SELECT b.id, b.status, b.memo, b.created_at, b.updated_at, b.error,
             (SELECT count(*) FROM payouts p WHERE p.batch_id = b.id) AS items,
             (SELECT coalesce(sum(p.amount), 0) FROM payouts p WHERE p.batch_id = b.id) AS amount,
             coalesce(t.attempt, 0) AS attempts, t.signature, t.last_valid_block_height
      FROM payout_batches b
      LEFT JOIN LATERAL (
          SELECT attempt, signature, last_valid_block_height FROM payout_transactions
          WHERE batch_id = b.id ORDER BY attempt DESC LIMIT 1) t ON true
      WHERE b.status NOT IN ('confirmed', 'failed')
      ORDER BY b.created_at, b.id
      """)
  List<BatchView> inFlight();

  final class PayoutMapper implements RowMapper<Payout> {
    @Override
    public Payout map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Payout(
          rs.getObject("id", UUID.class),
          rs.getObject("batch_id", UUID.class),
          Payout.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
          rs.getLong("amount"),
          Payout.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
          rs.getString("signature"),
          instant(rs, "created_at"),
          instant(rs, "confirmed_at"),
          rs.getString("error"));
    }
  }

  final class BatchViewMapper implements RowMapper<BatchView> {
    @Override
    public BatchView map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new BatchView(
          rs.getObject("id", UUID.class),
          rs.getString("status"),
          rs.getString("memo"),
          rs.getInt("items"),
          rs.getLong("amount"),
          rs.getInt("attempts"),
          rs.getString("signature"),
          rs.getObject("last_valid_block_height", Long.class),
          instant(rs, "created_at"),
          instant(rs, "updated_at"),
          rs.getString("error"));
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
