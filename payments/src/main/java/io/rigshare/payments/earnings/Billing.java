package io.rigshare.payments.earnings;

import io.rigshare.payments.ledger.FeeSplit;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * The billing rule, as pure functions over integer base units. Every rounding is exact (no floating point) and
 * favours the buyer on time and price, and the host on the fee.
 *
 * <p><b>What is billed.</b> A job is escrowed when it is assigned: {@link #escrowFor} of its maximum price per hour and
 * its time limit. When it ends, its last attempt is billed only if it ended with a verified usage receipt signed by
 * the node, with outcome {@code succeeded}, {@code failed} (the job's own non-zero exit), {@code timed_out} (it ran
 * to the buyer's limit) or {@code cancelled} by the buyer. Then the buyer pays the agreed price per hour for the
 * receipt's run time, rounded up to whole seconds and capped at the time limit, never more than the escrow; the
 * platform keeps {@code feeBps} basis points of that charge (rounded down) and the host earns the rest; the remainder
 * of the escrow goes back to the buyer. Attempts the host lost (lease lapsed, rejected, agent gone) and jobs that never
 * ran are not billed: the whole escrow is refunded and the host is paid nothing.
 */
public final class Billing {
  private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3_600);

  private Billing() {}

  /** What one ended job costs: {@code charge = fee + hostAmount} and {@code escrow = charge + refund}. */
  public record Charge(long charge, long fee, long hostAmount, long refund, int billedSeconds) {}

  /**
   * The escrow for a job: {@code ceil(maxPricePerHour * timeLimitSeconds / 3600)}, exact.
   *
   * @throws IllegalArgumentException if the price is negative or the time limit is not positive
   * @throws ArithmeticException if the result does not fit a {@code long}
   */
  public static long escrowFor(long maxPricePerHour, int timeLimitSeconds) {
    if (maxPricePerHour < 0) {
      throw new IllegalArgumentException("maxPricePerHour must be >= 0: " + maxPricePerHour);
    }
    if (timeLimitSeconds <= 0) {
      throw new IllegalArgumentException("timeLimitSeconds must be > 0: " + timeLimitSeconds);
    }
    return priceOf(maxPricePerHour, timeLimitSeconds).longValueExact();
  }

  /**
   * Bills one ended job from its escrow (see the class comment for the rule). {@code billedSeconds} is {@code ran}
   * rounded up to whole seconds, capped at {@code timeLimitSeconds}; {@code charge} is {@code ceil(pricePerHour *
   * billedSeconds / 3600)}, capped at {@code escrow}; {@code fee} is {@code floor(charge * feeBps / 10000)}. When
   * {@code billable} is false, nothing is billed ({@code billedSeconds} 0) and the whole escrow is refunded.
   *
   * @throws IllegalArgumentException for a negative escrow, price or run time, a time limit that is not positive, or
   *     {@code feeBps} outside 0..10000
   */
  public static Charge charge(
      long escrow, long pricePerHour, Duration ran, int timeLimitSeconds, boolean billable, int feeBps) {
    Objects.requireNonNull(ran, "ran");
    if (escrow < 0 || pricePerHour < 0 || ran.isNegative()) {
      throw new IllegalArgumentException(
          "escrow, price and run time must be >= 0: " + escrow + ", " + pricePerHour + ", " + ran);
    }
    if (timeLimitSeconds <= 0) {
      throw new IllegalArgumentException("timeLimitSeconds must be > 0: " + timeLimitSeconds);
    }
    if (feeBps < 0 || feeBps > FeeSplit.MAX_BPS) {
      throw new IllegalArgumentException("feeBps must be 0..10000: " + feeBps);
    }
    if (!billable) {
      return new Charge(0, 0, 0, escrow, 0);
    }
    int billedSeconds = billedSeconds(ran, timeLimitSeconds);
    long charge = priceOf(pricePerHour, billedSeconds).min(BigInteger.valueOf(escrow)).longValueExact();
    FeeSplit split = FeeSplit.of(charge, feeBps);
    return new Charge(charge, split.fee(), split.hostShare(), escrow - charge, billedSeconds);
  }

  private static int billedSeconds(Duration ran, int timeLimitSeconds) {
    long whole = ran.getSeconds();
    if (whole >= timeLimitSeconds) {
      return timeLimitSeconds;
    }
    return (int) Math.min(timeLimitSeconds, whole + (ran.getNano() > 0 ? 1 : 0));
  }

  /** {@code ceil(perHour * seconds / 3600)}, exact. */
  private static BigInteger priceOf(long perHour, long seconds) {
    BigInteger product = BigInteger.valueOf(perHour).multiply(BigInteger.valueOf(seconds));
    return product.add(SECONDS_PER_HOUR.subtract(BigInteger.ONE)).divide(SECONDS_PER_HOUR);
  }
}
