package io.rigshare.payments.deposits;

import java.time.Duration;
import java.util.Objects;

/**
 * How deposits are offered and watched.
 *
 * @param minAmount smallest request, base units, at least 1
 * @param maxAmount largest request, base units
 * @param ttl how long the QR code is offered as valid ({@link Deposit#expiresAt()})
 * @param watchFor how long after creation the watcher keeps looking for the payment; at least {@code ttl}, so a
 *     payment made after the QR code expired is still credited and money received is never lost
 * @param label Solana Pay {@code label} (who is asking)
 * @param message Solana Pay {@code message} (what for)
 */
public record DepositSettings(
    long minAmount, long maxAmount, Duration ttl, Duration watchFor, String label, String message) {
  public DepositSettings {
    if (minAmount < 1 || maxAmount < minAmount) {
      throw new IllegalArgumentException("need 1 <= minAmount <= maxAmount: " + minAmount + ", " + maxAmount);
    }
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(watchFor, "watchFor");
    if (ttl.isNegative() || ttl.isZero() || watchFor.compareTo(ttl) < 0) {
      throw new IllegalArgumentException("need 0 < ttl <= watchFor: " + ttl + ", " + watchFor);
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(message, "message");
  }
}
