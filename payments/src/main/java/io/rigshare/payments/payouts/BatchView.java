package io.rigshare.payments.payouts;

import java.time.Instant;
import java.util.UUID;

/**
 * A batch not yet final, for the operator page.
 *
 * @param status planned, signed or sent
 * @param items transfers in it
 * @param amount their sum, base units
 * @param attempts transactions signed for it so far (all but the last expired)
 * @param signature the latest attempt's signature, or null before signing
 * @param lastValidBlockHeight the latest attempt's, or null
 * @param error the latest error met while sending or waiting, or null
 */
public record BatchView(
    UUID id,
    String status,
    String memo,
    int items,
    long amount,
    int attempts,
    String signature,
    Long lastValidBlockHeight,
    Instant createdAt,
    Instant updatedAt,
    String error) {}
