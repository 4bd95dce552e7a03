package io.rigshare.payments.earnings;

/**
 * What one {@link EarningsService#settle()} call posted: {@code chunks} ledger transfers covering {@code jobs} charge
 * rows, with their total charge (fees included), fees and refunds. All zero when there was nothing to settle.
 */
public record Settlement(int chunks, long jobs, long charged, long fees, long refunded) {
  static final Settlement NONE = new Settlement(0, 0, 0, 0, 0);

  Settlement plus(Settlement other) {
    return new Settlement(
        chunks + other.chunks,
        jobs + other.jobs,
        Math.addExact(charged, other.charged),
        Math.addExact(fees, other.fees),
        Math.addExact(refunded, other.refunded));
  }
}
