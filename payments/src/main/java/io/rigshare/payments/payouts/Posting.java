package io.rigshare.payments.payouts;

import io.rigshare.contracts.TransactionOutcome;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.Movements;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes what the chain decided about a batch, in one database transaction: the attempt's, the batch's and the
 * items' statuses and one ledger transfer per item. Confirmed: {@code payouts_in_flight} to the treasury (the tokens
 * left the pool). Failed: the money goes back where it came from, host earnings or the buyer's balance, and a later
 * run pays earnings again. The batch's status changes only from a non-final one, so posting twice writes nothing.
 */
final class Posting {
  private final Jdbi jdbi;
  private final Ledger ledger;
  private final Movements movements;
  private final Clock clock;

  Posting(Jdbi jdbi, Ledger ledger, Clock clock) {
    this.jdbi = jdbi;
    this.ledger = ledger;
    this.movements = new Movements(ledger);
    this.clock = clock;
  }

  /** The ledger transfer id of an item's confirmation. */
  static UUID confirmedTransferId(UUID itemId) {
    return UUID.nameUUIDFromBytes(("rigshare-payout-confirmed:" + itemId).getBytes(StandardCharsets.UTF_8));
  }

  /** The ledger transfer id of an item's return after its transaction failed. */
  static UUID returnedTransferId(UUID itemId) {
    return UUID.nameUUIDFromBytes(("rigshare-payout-returned:" + itemId).getBytes(StandardCharsets.UTF_8));
  }

  /** @param outcome {@link TransactionOutcome.Confirmed} or {@link TransactionOutcome.Failed} */
  void post(BatchDriver.Batch batch, TransactionOutcome outcome, BatchDriver.Tally tally) {
    boolean confirmed = outcome instanceof TransactionOutcome.Confirmed;
    String error = outcome instanceof TransactionOutcome.Failed f ? "transaction failed: " + f.error() : null;
    String status = confirmed ? "confirmed" : "failed";
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    boolean posted =
        jdbi.inTransaction(
            h -> {
              PayoutDao dao = h.attach(PayoutDao.class);
              if (dao.finishBatch(batch.id, status, error, now) == 0) {
                return false;
              }
              dao.resolveAttempt(outcome.signature(), status, error, now);
              dao.finishItems(batch.id, status, error, now);
              // The ledger joins this transaction: Jdbi hands nested calls the thread's open handle.
              for (PayoutDao.ItemRow item : batch.items) {
                if (confirmed) {
                  movements.payoutConfirmed(confirmedTransferId(item.id()), item.id(), item.wallet(), item.amount());
                } else if (item.earnings()) {
                  movements.payoutFailed(returnedTransferId(item.id()), item.id(), item.wallet(), item.amount());
                } else {
                  ledger.transfer(
                      returnedTransferId(item.id()), "withdrawal_returned", "withdrawal " + item.id(),
                      List.of(
                          Entry.debit(AccountRef.payoutsInFlight(item.wallet()), item.amount()),
                          Entry.credit(AccountRef.buyer(item.wallet()), item.amount())));
                }
              }
              return true;
            });
    if (posted && confirmed) {
      tally.confirmed++;
      tally.itemsPaid += batch.items.size();
      tally.amountPaid += batch.amount();
    } else if (posted) {
      tally.failed++;
    }
  }
}
