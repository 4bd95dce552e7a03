package io.rigshare.payments.payouts;

/**
 * Called by {@link PayoutService#run()} right after each step of a payout, on the thread running it. Production uses
 * {@link #NONE}; the crash test's child process stops at one of them so that its parent can kill it there.
 */
@FunctionalInterface
public interface Checkpoints {
  /** Batches and their items are committed and the money is in {@code payouts_in_flight}. */
  String PLANNED = "planned";
  /** Transactions are signed, in memory only. */
  String SIGNED = "signed";
  /** The signed bytes, signatures and last valid block heights are committed. */
  String RECORDED = "recorded";
  /** The recorded bytes were handed to the node. */
  String SENT = "sent";
  /** The chain has decided (confirmed, failed or expired); the database does not know yet. */
  String BEFORE_CONFIRMATION = "before-confirmation";

  Checkpoints NONE = step -> {};

  void reached(String step);
}
