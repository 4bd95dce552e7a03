package io.rigshare.contracts;

/**
 * A token transfer seen on chain into some wallet's token account, for matching Solana Pay deposits: check
 * {@link #succeeded()}, the mint, the recipient owner and the amount before crediting anyone.
 *
 * @param signature the transaction
 * @param slot where it landed
 * @param mint the token moved, base58
 * @param recipientOwner owner of the credited token account, base58; null if the node did not report it
 * @param amount base units credited (for a failed transaction: the amount its instruction asked for)
 * @param err the transaction error as JSON, or null when it succeeded
 */
public record DepositObservation(
    String signature, long slot, String mint, String recipientOwner, long amount, String err) {

  public boolean succeeded() {
    return err == null;
  }
}
