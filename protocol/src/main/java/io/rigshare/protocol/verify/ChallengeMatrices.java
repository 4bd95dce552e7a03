package io.rigshare.protocol.verify;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The matrices of a verification challenge, generated from a 64-bit seed so that the agent (in an OpenCL kernel) and
 * the server (here) produce the same float32 values without sending them.
 *
 * <p>Element {@code counter} of the matrix with domain constant {@code D} is the {@code (counter + 1)}-th output of
 * the SplitMix64 generator whose state starts at {@code seed XOR D}:
 *
 * <pre>
 *   z = (seed XOR D) + (counter + 1) * 0x9E3779B97F4A7C15      (mod 2^64)
 *   z = (z XOR (z >>> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z XOR (z >>> 27)) * 0x94D049BB133111EB
 *   h = z XOR (z >>> 31)
 *   value = ((h >>> 40) - 2^23) / 2^23                          (top 24 bits; in [-1, 1), exact in float32)
 * </pre>
 *
 * Matrices are square and row-major: {@code A[i][k]} has counter {@code i*n + k} and domain {@link #DOMAIN_A},
 * {@code B[k][j]} has counter {@code k*n + j} and domain {@link #DOMAIN_B}. Being counter-based, any element can be
 * computed on its own: the server regenerates only what it checks.
 */
public final class ChallengeMatrices {
  /** "MATRIX-A" in ASCII. */
  public static final long DOMAIN_A = 0x4D41545249582D41L;
  /** "MATRIX-B" in ASCII. */
  public static final long DOMAIN_B = 0x4D41545249582D42L;

  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private ChallengeMatrices() {}

  /** SplitMix64's output function (Steele, Lea and Flood, 2014), as in {@code java.util.SplittableRandom}. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Element {@code counter} of the matrix with domain {@code domain}. */
  public static float element(long seed, long domain, long counter) {
    long h = mix64((seed ^ domain) + (counter + 1) * GOLDEN_GAMMA);
    return ((int) (h >>> 40) - (1 << 23)) * 0x1p-23f;
  }

  public static float a(long seed, int n, int i, int k) {
    return element(seed, DOMAIN_A, (long) i * n + k);
  }

  public static float b(long seed, int n, int k, int j) {
    return element(seed, DOMAIN_B, (long) k * n + j);
  }

  /** Row {@code i} of A. */
  public static float[] rowOfA(long seed, int n, int i) {
    float[] row = new float[n];
    long base = (long) i * n;
    for (int k = 0; k < n; k++) {
      row[k] = element(seed, DOMAIN_A, base + k);
    }
    return row;
  }

  /** A whole matrix, row-major: {@code n*n} values. */
  public static float[] matrix(long seed, long domain, int n) {
    float[] values = new float[Math.multiplyExact(n, n)];
    for (int c = 0; c < values.length; c++) {
      values[c] = element(seed, domain, c);
    }
    return values;
  }

  /** The seed as it travels: 16 lower-case hex digits. */
  public static String formatSeed(long seed) {
    return HexFormat.of().toHexDigits(seed);
  }

  /** Reads a seed written by {@link #formatSeed}; exactly 16 hex digits. */
  public static long parseSeed(String hex) {
    if (hex == null || hex.length() != 16 || !hex.toLowerCase(Locale.ROOT).matches("[0-9a-f]{16}")) {
      throw new IllegalArgumentException("a seed is 16 hex digits: " + hex);
    }
    return HexFormat.fromHexDigitsToLong(hex);
  }
}
