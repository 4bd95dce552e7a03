package io.rigshare.payments.payouts;

import java.time.Instant;
import java.util.UUID;

/**
 * One payout item as its recipient sees it.
 *
 * @param batchId the batch (one transaction) carrying it; null while a withdrawal awaits the next run
 * @param amount base units
 * @param signature the transaction that paid it, or the latest attempt while it is in flight; null before signing
 * @param error why it failed, or null
 */
public record Payout(
    UUID id,
    UUID batchId,
    Kind kind,
    long amount,
    Status status,
    String signature,
    Instant createdAt,
    Instant confirmedAt,
    String error) {

  public enum Kind {
    /** A host's earnings. */
    EARNINGS,
    /** A buyer's unused balance returned to their wallet. */
    WITHDRAWAL
  }

  public enum Status {
    /** A withdrawal waiting for the next payout run. */
    PENDING,
    /** In a batch that is not final yet. */
    BATCHED,
    /** Paid: the transaction is confirmed on chain. */
    CONFIRMED,
    /** The transaction landed with an error: nothing was paid and the money is back in the ledger account. */
    FAILED
  }
}
