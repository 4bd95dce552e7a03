package io.rigshare.payments.ledger;

/**
 * A gross job charge split into the host's share and the platform's fee, the fee being {@code feeBps} basis points
 * of the gross rounded down, so rounding always favours the host and the two parts add up to the gross exactly.
 */
public record FeeSplit(long gross, long hostShare, long fee) {
  public static final int MAX_BPS = 10_000;

  public static FeeSplit of(long gross, int feeBps) {
    if (gross < 0) {
      throw new IllegalArgumentException("gross must be >= 0: " + gross);
    }
    if (feeBps < 0 || feeBps > MAX_BPS) {
      throw new IllegalArgumentException("fee must be 0..10000 basis points: " + feeBps);
    }
    // floor(gross * bps / 10000) without overflowing for any long gross
    long fee = gross / MAX_BPS * feeBps + gross % MAX_BPS * feeBps / MAX_BPS;
    return new FeeSplit(gross, gross - fee, fee);
  }
}
