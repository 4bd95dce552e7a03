package io.rigshare.payments.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeeSplitTest {
  @Test
  void feeIsFlooredBasisPointsAndPartsAddUp() {
    Random random = new Random(20261123);
    long[] edges = {0, 1, 9_999, 10_000, Long.MAX_VALUE / 10_000, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    for (int i = 0; i < 20_000; i++) {
      long gross = i < edges.length ? edges[i] : random.nextLong() & Long.MAX_VALUE;
      int bps = i % 50 == 0 ? (i % 100 == 0 ? 0 : 10_000) : random.nextInt(10_001);
      FeeSplit split = FeeSplit.of(gross, bps);
      BigInteger exact =
          BigInteger.valueOf(gross).multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
      assertThat(split.fee()).as("fee of %d at %d bps", gross, bps).isEqualTo(exact.longValueExact());
      assertThat(split.hostShare() + split.fee()).isEqualTo(gross);
      assertThat(split.hostShare()).isNotNegative();
    }
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
