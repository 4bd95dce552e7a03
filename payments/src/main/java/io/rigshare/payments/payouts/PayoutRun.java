package io.rigshare.payments.payouts;

import java.time.Duration;

/**
 * What one {@link PayoutService#run()} did.
 *
 * @param ran false if another run held the lock, and this one did nothing
 * @param batchesPlanned new batches planned by this run
 * @param batchesConfirmed batches confirmed on chain and posted by this run (resumed ones included)
 * @param itemsPaid payout items in those batches
 * @param amountPaid their sum, base units
 * @param batchesFailed batches that landed with an error (their money went back to the ledger accounts)
 * @param batchesPending batches left undecided for the next run
 * @param transactionsSigned attempts signed (re-signings after an expiry included)
 * @param tokenAccountsCreated recipients whose associated token account this run created
 * @param tokenAccountsTime time spent creating token accounts
 */
public record PayoutRun(
    boolean ran,
    int batchesPlanned,
    int batchesConfirmed,
    int itemsPaid,
    long amountPaid,
    int batchesFailed,
    int batchesPending,
    int transactionsSigned,
    int tokenAccountsCreated,
    Duration tokenAccountsTime) {

  static final PayoutRun SKIPPED = new PayoutRun(false, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO);

  /** Mean transfers per confirmed transaction; 0 when none confirmed. */
  public double transfersPerTransaction() {
    return batchesConfirmed == 0 ? 0 : (double) itemsPaid / batchesConfirmed;
  }
}
