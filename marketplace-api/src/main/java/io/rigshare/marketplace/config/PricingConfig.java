package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;

/**
 * Benchmark-based pricing, in base units of the reward token per benchmark-score-unit per GPU-hour: a node's price
 * per GPU-hour is its per-GPU score times {@link #unitRate} unless its owner asks otherwise, within
 * [{@link #minUnitRate}, {@link #maxUnitRate}] times its score.
 */
public class PricingConfig {
  @Min(1) @JsonProperty private long unitRate = 400;
  @Min(1) @JsonProperty private long minUnitRate = 50;
  @Min(1) @JsonProperty private long maxUnitRate = 5_000;

  @AssertTrue(message = "pricing: minUnitRate <= unitRate <= maxUnitRate")
  public boolean isOrdered() {
    return minUnitRate <= unitRate && unitRate <= maxUnitRate;
  }

  public long getUnitRate() {
    return unitRate;
  }

  public long getMinUnitRate() {
    return minUnitRate;
  }

  public long getMaxUnitRate() {
    return maxUnitRate;
  }
}
