package io.rigshare.marketplace.offers;

import io.rigshare.marketplace.config.PricingConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The pricing rules, as pure integer arithmetic: price per GPU-hour = per-GPU score x unit rate; an owner's ask must
 * lie within the operator's unit-rate bounds times the score; the suggestion is the market's median price per score
 * unit times the node's score, kept within the bounds.
 */
public final class Pricing {
  private final PricingConfig config;

  public Pricing(PricingConfig config) {
    this.config = config;
  }

  /** The lowest and highest price per GPU-hour an owner may ask for a node with this per-GPU score. */
  public record Bounds(long min, long max) {
    public boolean contains(long price) {
      return price >= min && price <= max;
    }

    long clamp(long price) {
      return Math.max(min, Math.min(max, price));
    }
  }

  public Bounds bounds(long score) {
    return new Bounds(Math.multiplyExact(Math.max(1, score), config.getMinUnitRate()),
        Math.multiplyExact(Math.max(1, score), config.getMaxUnitRate()));
  }

  /** The price of a node whose owner asked none: score x unit rate. */
  public long benchmarkPrice(long score) {
    return Math.multiplyExact(Math.max(1, score), config.getUnitRate());
  }

  /**
   * The market's suggestion for a node with this score: the median price per score unit of comparable listed nodes
   * times the score (rounded half-even to a base unit), within the bounds; the benchmark price when there is no
   * market yet.
   */
  public long suggested(long score, BigDecimal medianPerUnit) {
    if (medianPerUnit == null || medianPerUnit.signum() <= 0) {
      return benchmarkPrice(score);
    }
    long price = medianPerUnit.multiply(BigDecimal.valueOf(Math.max(1, score)))
        .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    return bounds(score).clamp(price);
  }
}
