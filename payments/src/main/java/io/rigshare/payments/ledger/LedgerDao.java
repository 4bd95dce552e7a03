package io.rigshare.payments.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Rows of the ledger tables. Balances are never written here: a statement-level trigger applies the entries of each
 * INSERT (migration V7).
 */
@RegisterConstructorMapper(LedgerDao.AccountRow.class)
@RegisterConstructorMapper(LedgerDao.TransferRow.class)
@RegisterConstructorMapper(LedgerDao.EntryRow.class)
@RegisterConstructorMapper(LedgerDao.CheckRow.class)
public interface LedgerDao {
  record AccountRow(long id, String kind, String owner, long balance) {
    AccountRef ref() {
      return new AccountRef(AccountKind.fromDb(kind), owner);
    }
  }

  record TransferRow(UUID id, String kind, String memo, Instant createdAt, UUID correctionOf) {}

  record EntryRow(String kind, String owner, long amount) {
    Entry entry() {
      return new Entry(new AccountRef(AccountKind.fromDb(kind), owner), amount);
    }
  }

  record CheckRow(
      BigDecimal totalBalance,
      long accounts,
      long transfers,
      long unbalancedTransfers,
      long driftedAccounts,
      long overdrawnAccounts) {}

  @SqlUpdate("""
      INSERT INTO ledger_accounts (kind, owner, allow_negative, created_at)
      VALUES (:kind, :owner, :allowNegative, :now)
      ON CONFLICT (kind, (coalesce(owner, ''))) DO NOTHING
      """)
  int insertAccount(String kind, String owner, boolean allowNegative, Instant now);

  /**
   * Creates the missing accounts among the given (kind, owner) pairs, in the order given (callers pass them sorted,
   * so two transfers creating the same new accounts wait on each other instead of deadlocking).
   */
  @SqlUpdate("""
      INSERT INTO ledger_accounts (kind, owner, allow_negative, created_at)
      SELECT u.kind, u.owner, u.allow_negative, :now
      FROM unnest(CAST(:kinds AS text[]), CAST(:owners AS text[]), CAST(:allowNegative AS boolean[]))
           WITH ORDINALITY AS u(kind, owner, allow_negative, ord)
      WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a
                        WHERE a.kind = u.kind AND coalesce(a.owner, '') = coalesce(u.owner, ''))
      ORDER BY u.ord
      ON CONFLICT (kind, (coalesce(owner, ''))) DO NOTHING
      """)
  int insertAccounts(String[] kinds, String[] owners, boolean[] allowNegative, Instant now);

  /** Locks the accounts in id order, the one order every transfer takes its locks in, so transfers never deadlock. */
  @SqlQuery("""
      SELECT a.id, a.kind, a.owner, a.balance
      FROM ledger_accounts a
      JOIN unnest(CAST(:kinds AS text[]), CAST(:owners AS text[])) AS u(kind, owner)
        ON a.kind = u.kind AND coalesce(a.owner, '') = coalesce(u.owner, '')
      ORDER BY a.id
      FOR UPDATE OF a
      """)
  List<AccountRow> lockAccounts(String[] kinds, String[] owners);

  @SqlQuery("""
      SELECT id, kind, owner, balance FROM ledger_accounts
      WHERE kind = :kind AND coalesce(owner, '') = coalesce(CAST(:owner AS text), '')
      FOR UPDATE
      """)
  AccountRow accountForUpdate(String kind, String owner);

  @SqlQuery("""
      SELECT id, kind, owner, balance FROM ledger_accounts
      WHERE kind = :kind AND coalesce(owner, '') = coalesce(CAST(:owner AS text), '')
      """)
  Optional<AccountRow> account(String kind, String owner);

  @SqlUpdate("""
      INSERT INTO ledger_transfers (id, kind, memo, created_at, correction_of)
      VALUES (:id, :kind, :memo, :createdAt, CAST(:correctionOf AS uuid))
      ON CONFLICT (id) DO NOTHING
      """)
  int insertTransfer(UUID id, String kind, String memo, Instant createdAt, UUID correctionOf);

  /**
   * Inserts the legs in the order given (account id order), one statement for any number of legs. They must be all of
   * the transfer's legs: the database refuses entries added to a transfer by a later statement.
   */
  @SqlUpdate("""
      INSERT INTO ledger_entries (transfer_id, account_id, amount)
      SELECT :transferId, u.account_id, u.amount
      FROM unnest(CAST(:accountIds AS bigint[]), CAST(:amounts AS bigint[])) WITH ORDINALITY AS u(account_id, amount, ord)
      ORDER BY u.ord
      """)
  void insertEntries(UUID transferId, long[] accountIds, long[] amounts);

  /** The id of the transfer that corrected {@code original}, if any. */
  @SqlQuery("SELECT id FROM ledger_transfers WHERE correction_of = :original")
  Optional<UUID> correctionOf(UUID original);

  @SqlQuery("SELECT id, kind, memo, created_at, correction_of FROM ledger_transfers WHERE id = :id")
  Optional<TransferRow> transfer(UUID id);

  @SqlQuery("""
      SELECT a.kind, a.owner, e.amount
      FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
      WHERE e.transfer_id = :transferId
      """)
  List<EntryRow> entries(UUID transferId);

  @SqlQuery("""
      SELECT
        (SELECT coalesce(sum(balance), 0) FROM ledger_accounts) AS total_balance,
        (SELECT count(*) FROM ledger_accounts) AS accounts,
        (SELECT count(*) FROM ledger_transfers) AS transfers,
        (SELECT count(*) FROM (
            SELECT t.id FROM ledger_transfers t LEFT JOIN ledger_entries e ON e.transfer_id = t.id
            GROUP BY t.id HAVING count(e.amount) = 0 OR sum(e.amount) <> 0) u) AS unbalanced_transfers,
        (SELECT count(*) FROM ledger_accounts a
            LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id) s
              ON s.account_id = a.id
            WHERE a.balance <> coalesce(s.total, 0)) AS drifted_accounts,
        (SELECT count(*) FROM ledger_accounts
            WHERE balance < 0 AND (NOT allow_negative OR kind <> 'treasury')) AS overdrawn_accounts
      """)
  CheckRow check();
}
