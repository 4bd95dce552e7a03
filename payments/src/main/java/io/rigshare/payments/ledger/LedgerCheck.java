package io.rigshare.payments.ledger;

import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Re-verifies the ledger from its rows: all balances sum to zero, every transfer sums to zero, every balance equals
 * the sum of its account's entries, and no account that must stay non-negative is below zero. Reads one
 * repeatable-read snapshot, so it is exact while transfers are being posted. Tests call it; marketplace-api wraps it
 * in a health check. It scans every entry: run it every few minutes, not per request.
 */
public final class LedgerCheck {
  private final Jdbi jdbi;

  public LedgerCheck(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  public LedgerReport run() {
    LedgerDao.CheckRow row =
        jdbi.inTransaction(
            TransactionIsolationLevel.REPEATABLE_READ,
            h -> {
              h.execute("SET TRANSACTION READ ONLY");
              return h.attach(LedgerDao.class).check();
            });
    return new LedgerReport(
        row.totalBalance().toBigIntegerExact(),
        row.accounts(),
        row.transfers(),
        row.unbalancedTransfers(),
        row.driftedAccounts(),
        row.overdrawnAccounts());
  }
}
