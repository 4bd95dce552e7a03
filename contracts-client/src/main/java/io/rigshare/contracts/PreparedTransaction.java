package io.rigshare.contracts;

import java.util.Base64;
import java.util.Objects;

/**
 * A transaction signed locally and not yet sent. Store it before the first send: its signature identifies it on
 * chain, its bytes can be resent as often as needed (a duplicate never executes twice), and once the block height
 * passes {@code lastValidBlockHeight} it can no longer land. Rebuilt from storage with the canonical constructor.
 *
 * @param signature base58, the fee payer's signature, which is the transaction id
 * @param transactionBase64 the signed wire bytes, base64
 * @param blockhash the recent blockhash it was signed with, base58
 * @param lastValidBlockHeight the last block height at which the blockhash is still accepted
 */
public record PreparedTransaction(
    String signature, String transactionBase64, String blockhash, long lastValidBlockHeight) {
  public PreparedTransaction {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(transactionBase64, "transactionBase64");
    Objects.requireNonNull(blockhash, "blockhash");
  }

  /** The serialized size in bytes; at most 1,232. */
  public int sizeBytes() {
    return Base64.getDecoder().decode(transactionBase64).length;
  }
}
