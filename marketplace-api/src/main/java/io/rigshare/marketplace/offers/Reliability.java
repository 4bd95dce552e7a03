package io.rigshare.marketplace.offers;

/**
 * A node's reliability in basis points (10,000 = perfect), with its parts:
 *
 * <pre>
 * reliability = 10000 x (0.50 x uptime + 0.35 x jobSuccess + 0.15 x stability)
 *   uptime     = time online in the last 30 days (or since the node was created, if later) / that period
 *   jobSuccess = attempts the node carried to an end / attempts that ended, over 30 days; an attempt the node lost
 *                (its lease lapsed) or rejected counts against it, one whose program failed does not;
 *                1 with no attempts yet
 *   stability  = 1 - min(1, benchmark spread / 10%): a run-to-run spread of 0% gives 1, 10% or more gives 0;
 *                0 without a benchmark
 * </pre>
 *
 * All parts are in [0, 1]; the weights sum to 1.
 */
public record Reliability(int basisPoints, double uptime, double jobSuccess, double stability, long attempts) {
  static final double W_UPTIME = 0.50;
  static final double W_JOBS = 0.35;
  static final double W_STABILITY = 0.15;
  static final double SPREAD_AT_ZERO = 0.10;

  /**
   * @param onlineSeconds seconds online within the window
   * @param windowSeconds the window: 30 days, or the node's age if younger (at least 1)
   * @param carried attempts the node ended itself (succeeded, failed, timed out, cancelled)
   * @param dropped attempts it lost or rejected
   * @param spread the last benchmark's relative run-to-run spread (0.02 = 2%), or null without one
   */
  public static Reliability of(double onlineSeconds, double windowSeconds, long carried, long dropped, Double spread) {
    double uptime = clamp(onlineSeconds / Math.max(1, windowSeconds));
    long attempts = carried + dropped;
    double jobs = attempts == 0 ? 1.0 : clamp((double) carried / attempts);
    double stability = spread == null ? 0.0 : clamp(1 - Math.max(0, spread) / SPREAD_AT_ZERO);
    int bp = (int) Math.round(10_000 * (W_UPTIME * uptime + W_JOBS * jobs + W_STABILITY * stability));
    return new Reliability(Math.max(0, Math.min(10_000, bp)), uptime, jobs, stability, attempts);
  }

  private static double clamp(double x) {
    return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
  }
}
