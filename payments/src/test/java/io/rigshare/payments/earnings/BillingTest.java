package io.rigshare.payments.earnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.payments.earnings.Billing.Charge;
import java.math.BigInteger;
import java.time.Duration;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BillingTest {
  private static final BigInteger HOUR = BigInteger.valueOf(3_600);

  @Property
  void escrowIsTheExactCeilingOfPriceTimesLimit(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long maxPricePerHour,
      @ForAll @IntRange(min = 1) int timeLimitSeconds) {
    BigInteger exact = BigInteger.valueOf(maxPricePerHour).multiply(BigInteger.valueOf(timeLimitSeconds));
    BigInteger[] qr = exact.divideAndRemainder(HOUR);
    BigInteger ceiling = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    if (ceiling.bitLength() > 63) {
      assertThatThrownBy(() -> Billing.escrowFor(maxPricePerHour, timeLimitSeconds))
          .isInstanceOf(ArithmeticException.class);
      return;
    }
    long escrow = Billing.escrowFor(maxPricePerHour, timeLimitSeconds);
    assertThat(escrow).isEqualTo(ceiling.longValueExact());
    // The smallest amount that covers the whole limit: escrow * 3600 >= price * limit > (escrow - 1) * 3600.
    assertThat(BigInteger.valueOf(escrow).multiply(HOUR)).isGreaterThanOrEqualTo(exact);
    assertThat(BigInteger.valueOf(escrow - 1).multiply(HOUR)).isLessThan(exact.max(BigInteger.ONE));
  }

  @Property
  void partsAddUpAndNothingExceedsTheEscrow(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long escrow,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long pricePerHour,
      @ForAll @LongRange(min = 0, max = 10_000_000_000L) long ranNanosTimes1000,
      @ForAll @IntRange(min = 1) int timeLimitSeconds,
      @ForAll boolean billable,
      @ForAll @IntRange(min = 0, max = 10_000) int feeBps) {
    Duration ran = Duration.ofNanos(ranNanosTimes1000).multipliedBy(1_000);
    Charge c = Billing.charge(escrow, pricePerHour, ran, timeLimitSeconds, billable, feeBps);

    assertThat(c.charge()).isBetween(0L, escrow);
    assertThat(c.fee() + c.hostAmount()).isEqualTo(c.charge());
    assertThat(c.charge() + c.refund()).isEqualTo(escrow);
    assertThat(c.fee()).isNotNegative();
    assertThat(c.hostAmount()).isNotNegative();
    if (!billable) {
      assertThat(c).isEqualTo(new Charge(0, 0, 0, escrow, 0));
      return;
    }
    BigInteger nanos = BigInteger.valueOf(ran.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000))
        .add(BigInteger.valueOf(ran.getNano()));
    BigInteger roundedUp = nanos.add(BigInteger.valueOf(999_999_999)).divide(BigInteger.valueOf(1_000_000_000));
    assertThat(c.billedSeconds()).isEqualTo(roundedUp.min(BigInteger.valueOf(timeLimitSeconds)).intValueExact());
    BigInteger price = BigInteger.valueOf(pricePerHour).multiply(BigInteger.valueOf(c.billedSeconds()))
        .add(HOUR.subtract(BigInteger.ONE)).divide(HOUR);
    assertThat(c.charge()).isEqualTo(price.min(BigInteger.valueOf(escrow)).longValueExact());
    BigInteger fee = BigInteger.valueOf(c.charge()).multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(10_000));
    assertThat(c.fee()).isEqualTo(fee.longValueExact());
  }

  @Property
  void anEscrowForTheLimitCoversAnyRunAtOrBelowTheMaximumPrice(
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long maxPricePerHour,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long pricePerHour,
      @ForAll @IntRange(min = 1, max = 30 * 24 * 3_600) int timeLimitSeconds,
      @ForAll @LongRange(min = 0, max = 40L * 24 * 3_600_000) long ranMillis) {
    long price = Math.min(pricePerHour, maxPricePerHour);
    long escrow = Billing.escrowFor(maxPricePerHour, timeLimitSeconds);
    Charge c = Billing.charge(escrow, price, Duration.ofMillis(ranMillis), timeLimitSeconds, true, 0);
    BigInteger uncapped = BigInteger.valueOf(price).multiply(BigInteger.valueOf(c.billedSeconds()))
        .add(HOUR.subtract(BigInteger.ONE)).divide(HOUR);
    assertThat(BigInteger.valueOf(c.charge())).as("the escrow cap never bites").isEqualTo(uncapped);
  }

  @Property
  void moreRunTimeNeverCostsLess(
      @ForAll @LongRange(min = 0, max = 1_000_000_000L) long pricePerHour,
      @ForAll @LongRange(min = 0, max = 100_000_000L) long millisA,
      @ForAll @LongRange(min = 0, max = 100_000_000L) long millisB) {
    long escrow = Billing.escrowFor(pricePerHour, 100_000);
    Charge a = Billing.charge(escrow, pricePerHour, Duration.ofMillis(Math.min(millisA, millisB)), 100_000, true, 250);
    Charge b = Billing.charge(escrow, pricePerHour, Duration.ofMillis(Math.max(millisA, millisB)), 100_000, true, 250);
    assertThat(b.charge()).isGreaterThanOrEqualTo(a.charge());
    assertThat(b.billedSeconds()).isGreaterThanOrEqualTo(a.billedSeconds());
  }

  @Example
  void roundingExamples() {
    assertThat(Billing.escrowFor(3_600, 1)).isEqualTo(1);
    assertThat(Billing.escrowFor(1, 1)).as("a fraction of a unit rounds up").isEqualTo(1);
    assertThat(Billing.escrowFor(Long.MAX_VALUE, 3_600)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> Billing.escrowFor(Long.MAX_VALUE, 3_601)).isInstanceOf(ArithmeticException.class);

    assertThat(Billing.charge(10_000, 3_600, Duration.ofNanos(1), 60, true, 0))
        .isEqualTo(new Charge(1, 0, 1, 9_999, 1));
    assertThat(Billing.charge(10_000, 3_600, Duration.ofSeconds(90), 60, true, 1_000))
        .as("capped at the time limit").isEqualTo(new Charge(60, 6, 54, 9_940, 60));
    assertThat(Billing.charge(50, 3_600, Duration.ofSeconds(60), 60, true, 10_000))
        .as("capped at the escrow; all to the platform").isEqualTo(new Charge(50, 50, 0, 0, 60));
    assertThat(Billing.charge(7_200, 7_200, Duration.ofSeconds(1_000), 3_600, false, 500))
        .isEqualTo(new Charge(0, 0, 0, 7_200, 0));
  }

  @Example
  void refusesNonsense() {
    assertThatThrownBy(() -> Billing.charge(1, 1, Duration.ofSeconds(1), 1, true, 10_001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Billing.charge(1, 1, Duration.ofSeconds(-1), 1, true, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Billing.charge(-1, 1, Duration.ZERO, 1, true, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Billing.escrowFor(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
