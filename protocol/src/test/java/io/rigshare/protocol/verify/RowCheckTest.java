package io.rigshare.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RowCheckTest {
  /** Row r of C as a device computes it: float32, k = 0..n-1, one fma per product. */
  private static float[] float32Row(long seed, int n, int r, boolean fma) {
    float[] a = ChallengeMatrices.rowOfA(seed, n, r);
    float[] b = ChallengeMatrices.matrix(seed, ChallengeMatrices.DOMAIN_B, n);
    float[] row = new float[n];
    for (int j = 0; j < n; j++) {
      float acc = 0;
      for (int k = 0; k < n; k++) {
        acc = fma ? Math.fma(a[k], b[k * n + j], acc) : acc + a[k] * b[k * n + j];
      }
      row[j] = acc;
    }
    return row;
  }

  /** The same with the inputs rounded to TF32 (10-bit mantissa), as tensor cores would. */
  private static float[] tf32Row(long seed, int n, int r) {
    float[] a = ChallengeMatrices.rowOfA(seed, n, r);
    float[] b = ChallengeMatrices.matrix(seed, ChallengeMatrices.DOMAIN_B, n);
    float[] row = new float[n];
    for (int j = 0; j < n; j++) {
      float acc = 0;
      for (int k = 0; k < n; k++) {
        acc = Math.fma(tf32(a[k]), tf32(b[k * n + j]), acc);
      }
      row[j] = acc;
    }
    return row;
  }

  private static float tf32(float x) {
    return Float.intBitsToFloat((Float.floatToRawIntBits(x) + 0x1000) & ~0x1FFF);
  }

  @Test
  void acceptsRowsComputedInFloat32WithOrWithoutFma() {
    Random random = new Random(3);
    for (int n : new int[] {64, 128, 256}) {
      long seed = random.nextLong();
      RowCheck check = new RowCheck(seed, n);
      for (int t = 0; t < 3; t++) {
        int r = random.nextInt(n);
        for (boolean fma : new boolean[] {true, false}) {
          RowCheck.Result result = check.check(r, float32Row(seed, n, r, fma));
          assertThat(result.ok()).as("n=%d row %d fma=%s: %s", n, r, fma, result.reason()).isTrue();
          // The margin the tolerance leaves (documented in RowCheck): float32 error stays far below it.
          assertThat(result.maxError()).isLessThan(0.1 * RowCheck.tolerance(n, 0));
        }
      }
    }
  }

  @Test
  void rejectsARowWithOneElementOffAndNamesTheColumn() {
    Random random = new Random(5);
    long seed = random.nextLong();
    int n = 128;
    RowCheck check = new RowCheck(seed, n);
    for (int t = 0; t < 10; t++) {
      int r = random.nextInt(n);
      int j = random.nextInt(n);
      float[] row = float32Row(seed, n, r, true);
      row[j] += (float) (2 * RowCheck.tolerance(n, row[j])) * (random.nextBoolean() ? 1 : -1);
      RowCheck.Result result = check.check(r, row);
      assertThat(result.ok()).isFalse();
      assertThat(result.firstBadColumn()).isEqualTo(j);
      assertThat(result.reason()).contains("row " + r, "column " + j);
    }
  }

  @Test
  void rejectsAnotherRowNaNsAShortRowAndReducedPrecision() {
    long seed = 99;
    int n = 128;
    RowCheck check = new RowCheck(seed, n);
    float[] row3 = float32Row(seed, n, 3, true);
    assertThat(check.check(3, row3).ok()).isTrue();
    assertThat(check.check(4, row3).ok()).isFalse();
    float[] nan = row3.clone();
    nan[7] = Float.NaN;
    assertThat(check.check(3, nan).firstBadColumn()).isEqualTo(7);
    assertThat(check.check(3, java.util.Arrays.copyOf(row3, n - 1)).ok()).isFalse();
    assertThat(check.check(3, tf32Row(seed, n, 3)).ok()).isFalse();
    assertThat(check.check(3, ChallengeRules.rowBytes(row3)).ok()).isTrue();
  }

  @Test
  void expectedRowMatchesTheDefinition() {
    long seed = 12345;
    int n = 64;
    double[] row = new RowCheck(seed, n).expectedRow(10);
    double c = 0;
    for (int k = 0; k < n; k++) {
      c += (double) ChallengeMatrices.a(seed, n, 10, k) * ChallengeMatrices.b(seed, n, k, 17);
    }
    assertThat(row[17]).isEqualTo(c);
  }

  @Test
  void theToleranceIsTheDocumentedFormula() {
    assertThat(RowCheck.tolerance(4096, 0)).isEqualTo(4096.0 / (1 << 20));
    assertThat(RowCheck.tolerance(64, -10)).isEqualTo(74.0 / (1 << 20));
  }
}
