package io.rigshare.payments.deposits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Rows of {@code deposits}. Status changes only from pending, so a second writer changes nothing. */
@RegisterRowMapper(DepositDao.Mapper.class)
interface DepositDao {
  String COLUMNS = "id, wallet, amount, reference, recipient, mint, decimals, url, status, signature, reason,"
      + " created_at, expires_at, credited_at";

  @SqlUpdate("""
      INSERT INTO deposits (id, wallet, amount, reference, recipient, mint, decimals, url, status, created_at,
                            expires_at)
      VALUES (:id, :wallet, :amount, :reference, :recipient, :mint, :decimals, :url, 'pending', :createdAt,
              :expiresAt)
      """)
  void insert(@BindMethods Deposit deposit);

  @SqlQuery("SELECT " + COLUMNS + " FROM deposits WHERE id = :id AND wallet = :wallet")
  Optional<Deposit> find(String wallet, UUID id);

  @SqlQuery("SELECT " + COLUMNS + " FROM deposits WHERE wallet = :wallet"
      + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
  List<Deposit> list(String wallet, int limit, int offset);

  /** Pending deposits after {@code (after, afterId)} in (created_at, id) order, oldest first. */
  @SqlQuery("SELECT " + COLUMNS + " FROM deposits WHERE status = 'pending' AND (created_at, id) > (:after, :afterId)"
      + " ORDER BY created_at, id LIMIT :limit")
  List<Deposit> pendingAfter(Instant after, UUID afterId, int limit);

  @SqlUpdate("""
      UPDATE deposits SET status = 'credited', signature = :signature, credited_at = :now,
                          ledger_transfer_id = :transferId
      WHERE id = :id AND status = 'pending'
      """)
  int markCredited(UUID id, String signature, UUID transferId, Instant now);

  @SqlUpdate("""
      UPDATE deposits SET status = 'rejected', signature = :signature, reason = :reason
      WHERE id = :id AND status = 'pending'
      """)
  int markRejected(UUID id, String signature, String reason);

  final class Mapper implements RowMapper<Deposit> {
    @Override
    public Deposit map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Deposit(
          rs.getObject("id", UUID.class),
          rs.getString("wallet"),
          rs.getLong("amount"),
          rs.getString("reference"),
          rs.getString("recipient"),
          rs.getString("mint"),
          rs.getInt("decimals"),
          rs.getString("url"),
          Deposit.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
          rs.getString("signature"),
          rs.getString("reason"),
          instant(rs, "created_at"),
          instant(rs, "expires_at"),
          instant(rs, "credited_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
      OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    }
  }
}
