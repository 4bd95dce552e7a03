package io.rigshare.payments.payouts;

import java.time.Duration;
import java.util.Objects;

/**
 * How payouts run.
 *
 * @param minimumPayout host earnings below this many base units wait for a later run; at least 1
 * @param maxTransfersPerTransaction a cap on transfers per transaction; the real number is the most that fit in
 *     1,232 bytes ({@link io.rigshare.contracts.SolanaClient#planBatches}), never more than this
 * @param memoPrefix each transaction's memo is {@code <memoPrefix>:<batch id>}
 * @param confirmTimeout how long one run waits for a transaction's outcome (and for token account creation); an
 *     undecided transaction is resumed by the next run
 * @param maxHostsPerRun hosts planned per run, largest balances first; the rest wait for the next run
 */
public record PayoutSettings(
    long minimumPayout, int maxTransfersPerTransaction, String memoPrefix, Duration confirmTimeout,
    int maxHostsPerRun) {
  public PayoutSettings {
    if (minimumPayout < 1) {
      throw new IllegalArgumentException("minimumPayout must be at least 1: " + minimumPayout);
    }
    if (maxTransfersPerTransaction < 1) {
      throw new IllegalArgumentException("maxTransfersPerTransaction must be at least 1");
    }
    Objects.requireNonNull(memoPrefix, "memoPrefix");
    if (memoPrefix.isBlank()) {
      throw new IllegalArgumentException("memoPrefix must not be blank");
    }
    Objects.requireNonNull(confirmTimeout, "confirmTimeout");
    if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
      throw new IllegalArgumentException("confirmTimeout must be positive");
    }
    if (maxHostsPerRun < 1) {
      throw new IllegalArgumentException("maxHostsPerRun must be at least 1");
    }
  }
}
