package io.rigshare.payments.payouts;

import java.time.Instant;
import java.util.UUID;

/**
 * A buyer's request to be paid their unused balance, carried out by the payout runs.
 *
 * @param amount base units
 * @param signature the paying transaction, or its latest attempt; null before signing
 */
public record Withdrawal(
    UUID id,
    String wallet,
    long amount,
    Payout.Status status,
    String signature,
    Instant createdAt,
    Instant confirmedAt,
    String error) {}
