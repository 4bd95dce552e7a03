package io.rigshare.marketplace.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshare.marketplace.config.PricingConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the pricing and reliability formulas over many seeded random inputs (plain JUnit, no jqwik). */
class PricingAndReliabilityTest {
  private static final int CASES = 5_000;

  private static Pricing pricing(long rate, long min, long max) throws Exception {
    PricingConfig config = new ObjectMapper().readValue(
        "{\"unitRate\": " + rate + ", \"minUnitRate\": " + min + ", \"maxUnitRate\": " + max + "}",
        PricingConfig.class);
    assertThat(config.isOrdered()).isTrue();
    return new Pricing(config);
  }

  @Test
  void theBenchmarkPriceIsScoreTimesUnitRateAndAlwaysWithinBounds() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < CASES; i++) {
      long min = 1 + random.nextInt(1000);
      long rate = min + random.nextInt(1000);
      long max = rate + random.nextInt(1000);
      Pricing pricing = pricing(rate, min, max);
      long score = 1 + random.nextInt(1_000_000);
      long price = pricing.benchmarkPrice(score);
      assertThat(price).isEqualTo(score * rate);
      assertThat(pricing.bounds(score).contains(price)).isTrue();
      // Monotone: a better score never earns a lower price.
      assertThat(pricing.benchmarkPrice(score + 1)).isGreaterThan(price);
    }
  }

  @Test
  void theSuggestionFollowsTheMarketMedianWithinTheBoundsAndIsExact() throws Exception {
    Random random = new Random(11);
    Pricing pricing = pricing(400, 50, 5000);
    for (int i = 0; i < CASES; i++) {
      long score = 1 + random.nextInt(100_000);
      // A median price per score unit with up to 6 decimals, sometimes outside the bounds.
      BigDecimal median = BigDecimal.valueOf(random.nextLong(1, 8_000_000_000L), 6);
      long suggested = pricing.suggested(score, median);
      Pricing.Bounds bounds = pricing.bounds(score);
      assertThat(bounds.contains(suggested)).isTrue();
      long exact = median.multiply(BigDecimal.valueOf(score)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      if (bounds.contains(exact)) {
        assertThat(suggested).isEqualTo(exact);
      } else {
        assertThat(suggested).isEqualTo(exact < bounds.min() ? bounds.min() : bounds.max());
      }
    }
    assertThat(pricing.suggested(1000, null)).isEqualTo(400_000);
    assertThat(pricing.suggested(1000, BigDecimal.ZERO)).isEqualTo(400_000);
  }

  @Test
  void boundsRefuseAsksOutsideTheOperatorsRange() throws Exception {
    Pricing pricing = pricing(400, 50, 5000);
    Pricing.Bounds bounds = pricing.bounds(1000);
    assertThat(bounds.min()).isEqualTo(50_000);
    assertThat(bounds.max()).isEqualTo(5_000_000);
    assertThat(bounds.contains(49_999)).isFalse();
    assertThat(bounds.contains(50_000)).isTrue();
    assertThat(bounds.contains(5_000_000)).isTrue();
    assertThat(bounds.contains(5_000_001)).isFalse();
  }

  @Test
  void reliabilityStaysInRangeAndMovesWithEachPart() {
    Random random = new Random(13);
    for (int i = 0; i < CASES; i++) {
      double window = 1 + random.nextInt(30 * 86_400);
      double online = random.nextDouble() * window * 1.2; // sometimes more than the window: clamped
      long carried = random.nextInt(1000);
      long dropped = random.nextInt(100);
      Double spread = random.nextInt(5) == 0 ? null : random.nextDouble() * 0.2;
      Reliability r = Reliability.of(online, window, carried, dropped, spread);
      assertThat(r.basisPoints()).isBetween(0, 10_000);
      assertThat(r.uptime()).isBetween(0.0, 1.0);
      assertThat(r.jobSuccess()).isBetween(0.0, 1.0);
      assertThat(r.stability()).isBetween(0.0, 1.0);
      double expected = 10_000 * (0.5 * r.uptime() + 0.35 * r.jobSuccess() + 0.15 * r.stability());
      assertThat(r.basisPoints()).isEqualTo((int) Math.round(expected));
      // More uptime, fewer dropped attempts and a smaller spread never lower the score.
      assertThat(Reliability.of(Math.min(window, online + 3600), window, carried, dropped, spread).basisPoints())
          .isGreaterThanOrEqualTo(r.basisPoints());
      assertThat(Reliability.of(online, window, carried + 1, dropped, spread).basisPoints())
          .isGreaterThanOrEqualTo(r.basisPoints());
      if (dropped > 0) {
        assertThat(Reliability.of(online, window, carried, dropped - 1, spread).basisPoints())
            .isGreaterThanOrEqualTo(r.basisPoints());
      }
      if (spread != null) {
        assertThat(Reliability.of(online, window, carried, dropped, spread / 2).basisPoints())
            .isGreaterThanOrEqualTo(r.basisPoints());
      }
    }
  }

  @Test
  void reliabilityAnchors() {
    assertThat(Reliability.of(100, 100, 10, 0, 0.0).basisPoints()).isEqualTo(10_000);
    assertThat(Reliability.of(0, 100, 0, 10, 0.5).basisPoints()).isZero();
    // A new node without jobs or benchmark: half uptime counts 0.25; no jobs yet counts as 1.0; no benchmark as 0.
    assertThat(Reliability.of(50, 100, 0, 0, null).basisPoints()).isEqualTo(6_000);
    assertThat(Reliability.of(100, 100, 0, 0, 0.05).stability()).isEqualTo(0.5);
  }

  @Test
  void theSpreadIsTheLargestOfTheReport() {
    assertThat(BenchmarkReports.spread(null)).isNull();
    assertThat(BenchmarkReports.spread("{\"results\": []}")).isNull();
    assertThat(BenchmarkReports.spread("{\"results\": [{\"sgemmGflops\": {\"spreadPercent\": 1.5}},"
        + " {\"deviceBandwidthGBps\": {\"spreadPercent\": 4.0}}]}")).isEqualTo(0.04);
  }
}
