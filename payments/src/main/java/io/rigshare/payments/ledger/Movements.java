package io.rigshare.payments.ledger;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The business flows, each one balanced transfer on the {@link Ledger}. Every method takes the caller's idempotency
 * id (derive it from the deposit signature, job id or payout id so a retry posts nothing new). Amounts are token
 * base units and must be positive unless stated.
 */
public final class Movements {
  private final Ledger ledger;

  public Movements(Ledger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /** Tokens seen arriving in the on-chain pool from a buyer: treasury to buyer. */
  public Transfer deposit(UUID id, String buyerWallet, long amount, String memo) {
    AccountRef buyer = AccountRef.buyer(buyerWallet);
    return ledger.transfer(id, "deposit", memo, move(AccountRef.treasury(), buyer, positive(amount)));
  }

  /** Reserves a job's maximum price: buyer to the buyer's escrow. */
  public Transfer escrow(UUID id, String buyerWallet, String jobId, long amount) {
    return ledger.transfer(
        id, "escrow", "job " + jobId,
        move(AccountRef.buyer(buyerWallet), AccountRef.escrow(buyerWallet), positive(amount)));
  }

  /**
   * Settles one finished job: from the buyer's escrow, the split's host share to the host, its fee to the platform, and
   * {@code refund} (may be zero) back to the buyer.
   */
  public Transfer settle(UUID id, String jobId, String buyerWallet, String hostWallet, FeeSplit split, long refund) {
    if (refund < 0) {
      throw new IllegalArgumentException("refund must be >= 0: " + refund);
    }
    long total = Math.addExact(split.gross(), refund);
    return ledger.transfer(
        id, "settle", "job " + jobId,
        List.of(
            Entry.debit(AccountRef.escrow(buyerWallet), total),
            Entry.credit(AccountRef.hostEarnings(hostWallet), split.hostShare()),
            Entry.credit(AccountRef.platformFees(), split.fee()),
            Entry.credit(AccountRef.buyer(buyerWallet), refund)));
  }

  /** Returns a job's escrowed tokens to the buyer without paying anyone. */
  public Transfer refund(UUID id, String jobId, String buyerWallet, long amount) {
    return ledger.transfer(
        id, "refund", "job " + jobId,
        move(AccountRef.escrow(buyerWallet), AccountRef.buyer(buyerWallet), positive(amount)));
  }

  /** A payout has been planned: the host's earnings are set aside until the chain says how it went. */
  public Transfer payoutPlanned(UUID payoutId, String hostWallet, long amount) {
    return ledger.transfer(
        payoutId, "payout_planned", "payout " + payoutId,
        move(AccountRef.hostEarnings(hostWallet), AccountRef.payoutsInFlight(hostWallet), positive(amount)));
  }

  /** The payout transaction is finalized on chain: the tokens have left the pool. */
  public Transfer payoutConfirmed(UUID id, UUID payoutId, String hostWallet, long amount) {
    return ledger.transfer(
        id, "payout_confirmed", "payout " + payoutId,
        move(AccountRef.payoutsInFlight(hostWallet), AccountRef.treasury(), positive(amount)));
  }

  /** The payout transaction definitely failed or expired: the tokens go back to the host's earnings. */
  public Transfer payoutFailed(UUID id, UUID payoutId, String hostWallet, long amount) {
    return ledger.transfer(
        id, "payout_failed", "payout " + payoutId,
        move(AccountRef.payoutsInFlight(hostWallet), AccountRef.hostEarnings(hostWallet), positive(amount)));
  }

  private static List<Entry> move(AccountRef from, AccountRef to, long amount) {
    return List.of(Entry.debit(from, amount), Entry.credit(to, amount));
  }

  private static long positive(long amount) {
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be > 0: " + amount);
    }
    return amount;
  }
}
