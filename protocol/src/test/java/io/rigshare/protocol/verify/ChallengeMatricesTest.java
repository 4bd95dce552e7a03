package io.rigshare.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChallengeMatricesTest {
  private static final long SEED = 0x0123456789abcdefL;

  @Test
  void elementIsTheCounterPlusOneThOutputOfSplitMix64SeededWithSeedXorDomain() {
    // java.util.SplittableRandom(s) is SplitMix64 with the golden gamma: an independent statement of the formula.
    SplittableRandom reference = new SplittableRandom(SEED ^ ChallengeMatrices.DOMAIN_A);
    for (int counter = 0; counter < 1000; counter++) {
      long h = reference.nextLong();
      float expected = ((h >>> 40) - (1 << 23)) / (float) (1 << 23);
      assertThat(ChallengeMatrices.element(SEED, ChallengeMatrices.DOMAIN_A, counter)).as("counter %d", counter)
          .isEqualTo(expected);
    }
  }

  @Test
  void theDocumentedExampleValues() {
    // docs/protocol.md section 10 quotes these, so that the server's implementation can be checked against them.
    assertThat(ChallengeMatrices.a(SEED, 64, 0, 0)).isEqualTo(0.8467119f);
    assertThat(ChallengeMatrices.a(SEED, 64, 0, 1)).isEqualTo(0.049048662f);
    assertThat(ChallengeMatrices.b(SEED, 64, 0, 0)).isEqualTo(0.19846427f);
  }

  @Test
  void valuesAreInMinusOneToOneAndExactMultiplesOfTwoToTheMinus23() {
    Random random = new Random(5);
    for (int t = 0; t < 100_000; t++) {
      float v = ChallengeMatrices.element(random.nextLong(), ChallengeMatrices.DOMAIN_B, random.nextInt(1 << 26));
      assertThat(v).isGreaterThanOrEqualTo(-1f).isLessThan(1f);
      double scaled = v * (double) (1 << 23);
      assertThat(scaled).isEqualTo(Math.rint(scaled));
    }
  }

  @Test
  void theSameSeedGivesTheSameMatricesAndOtherSeedsOrDomainsOthers() {
    float[] a1 = ChallengeMatrices.matrix(SEED, ChallengeMatrices.DOMAIN_A, 64);
    float[] a2 = ChallengeMatrices.matrix(SEED, ChallengeMatrices.DOMAIN_A, 64);
    float[] b = ChallengeMatrices.matrix(SEED, ChallengeMatrices.DOMAIN_B, 64);
    float[] other = ChallengeMatrices.matrix(SEED + 1, ChallengeMatrices.DOMAIN_A, 64);
    assertThat(a1).isEqualTo(a2).isNotEqualTo(b).isNotEqualTo(other);
    assertThat(ChallengeMatrices.rowOfA(SEED, 64, 3)).containsExactly(java.util.Arrays.copyOfRange(a1, 192, 256));
    assertThat(ChallengeMatrices.b(SEED, 64, 2, 5)).isEqualTo(b[2 * 64 + 5]);
  }

  @Test
  void valuesLookUniform() {
    float[] m = ChallengeMatrices.matrix(42, ChallengeMatrices.DOMAIN_A, 256);
    double mean = 0;
    double square = 0;
    for (float v : m) {
      mean += v;
      square += v * v;
    }
    mean /= m.length;
    square /= m.length;
    assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(square).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void seedsTravelAsSixteenLowerCaseHexDigits() {
    assertThat(ChallengeMatrices.formatSeed(SEED)).isEqualTo("0123456789abcdef");
    assertThat(ChallengeMatrices.formatSeed(-1L)).isEqualTo("ffffffffffffffff");
    assertThat(ChallengeMatrices.parseSeed("ffffffffffffffff")).isEqualTo(-1L);
    assertThat(ChallengeMatrices.parseSeed("0123456789ABCDEF")).isEqualTo(SEED);
    for (String bad : new String[] {null, "", "123", "0123456789abcdef0", "0123456789abcdeg", "+123456789abcdef"}) {
      assertThatThrownBy(() -> ChallengeMatrices.parseSeed(bad)).as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
