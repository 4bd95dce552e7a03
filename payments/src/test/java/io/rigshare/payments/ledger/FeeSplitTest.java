package io.rigshare.payments.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FeeSplitTest {
  @Property
  void feeIsFlooredBasisPointsAndPartsAddUp(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long gross, @ForAll @IntRange(min = 0, max = 10_000) int bps) {
    FeeSplit split = FeeSplit.of(gross, bps);
    BigInteger exact = BigInteger.valueOf(gross).multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
    assertThat(split.fee()).isEqualTo(exact.longValueExact());
    assertThat(split.hostShare() + split.fee()).isEqualTo(gross);
    assertThat(split.hostShare()).isNotNegative();
  }

  @Test
  void examples() {
    assertThat(FeeSplit.of(1_000_000, 250)).isEqualTo(new FeeSplit(1_000_000, 975_000, 25_000));
    assertThat(FeeSplit.of(39, 250)).isEqualTo(new FeeSplit(39, 39, 0));
    assertThat(FeeSplit.of(40, 250)).isEqualTo(new FeeSplit(40, 39, 1));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> FeeSplit.of(-1, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FeeSplit.of(1, 10_001)).isInstanceOf(IllegalArgumentException.class);
  }
}
