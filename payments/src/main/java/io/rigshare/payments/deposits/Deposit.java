package io.rigshare.payments.deposits;

import java.time.Instant;
import java.util.UUID;

/**
 * A Solana Pay deposit request and what became of it.
 *
 * @param amount requested, base units of {@code mint}
 * @param reference the Solana Pay reference key, base58; the paying transaction must carry it
 * @param recipient the treasury wallet that must receive the tokens
 * @param decimals the mint's decimals, for showing {@code amount}
 * @param url the {@code solana:} transfer request URL (for the QR code)
 * @param status pending until a matching payment confirms (credited) or a mismatching one does (rejected)
 * @param signature the payment's transaction, once credited or rejected
 * @param reason why it was rejected, for the buyer; null otherwise
 * @param expiresAt after this the QR code is no longer offered; a later payment is still credited
 */
public record Deposit(
    UUID id,
    String wallet,
    long amount,
    String reference,
    String recipient,
    String mint,
    int decimals,
    String url,
    Status status,
    String signature,
    String reason,
    Instant createdAt,
    Instant expiresAt,
    Instant creditedAt) {

  public enum Status {
    PENDING,
    CREDITED,
    REJECTED
  }

  /** True for a deposit still pending after its QR code's validity: show it as expired, not as waiting. */
  public boolean expired(Instant now) {
    return status == Status.PENDING && !now.isBefore(expiresAt);
  }
}
