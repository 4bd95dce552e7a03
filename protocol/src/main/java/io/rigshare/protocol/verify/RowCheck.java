package io.rigshare.protocol.verify;

/**
 * The server's check of an opened row, in Freivalds' manner: row r of C = A x B is recomputed in O(n²), in double
 * precision, from the seed alone, and each of the agent's float32 values must lie within
 *
 * <pre>
 *   |c - ref| <= (n + |ref|) / 2^20
 * </pre>
 *
 * <p>Why this bound. A, B hold values in [-1, 1), so each product is at most 1 in magnitude, with mean 0 and variance
 * 1/9; the partial sums of a dot product wander like sqrt(k)/3. Each float32 addition (or fma) rounds by at most
 * u = 2^-24 of its result, so the accumulated error is about u * n / 4 (a random walk over partial sums of size
 * sqrt(k)/3), plus one final rounding of |ref| * u/2. Simulated over n = 64 to 8192, plain or fma, sequential or
 * split into 16 partial sums, the largest error in float32 stays under 6% of the bound: any summation order a GPU or
 * CPU uses passes with a wide margin. Reduced precision does not: inputs rounded to TF32 (10-bit mantissa) put 30% to
 * 90% of a row's elements outside the bound, bfloat16 nearly all, so a node cannot pass by using tensor cores in
 * place of the FP32 work whose time is being judged. A wrong or guessed value fails: the elements have a spread of
 * about sqrt(n)/3, thousands of times the bound.
 *
 * <p>Holds B (n² floats: 256 MiB at n = 8192) after the first check; one instance per challenge.
 */
public final class RowCheck {
  private final long seed;
  private final int n;
  private float[] b;

  public RowCheck(long seed, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    this.seed = seed;
    this.n = n;
  }

  /** The verdict on one row: {@code firstBadColumn} is -1 when every value is within the bound. */
  public record Result(boolean ok, int firstBadColumn, double maxError, String reason) {}

  /** The bound on |c - ref| for one element. */
  public static double tolerance(int n, double ref) {
    return (n + Math.abs(ref)) * 0x1p-20;
  }

  /** Row {@code r} of A x B in double precision. */
  public double[] expectedRow(int r) {
    if (r < 0 || r >= n) {
      throw new IndexOutOfBoundsException("no row " + r + " in an n = " + n + " matrix");
    }
    float[] a = ChallengeMatrices.rowOfA(seed, n, r);
    float[] bm = matrixB();
    double[] row = new double[n];
    for (int k = 0; k < n; k++) {
      double ak = a[k];
      int base = k * n;
      for (int j = 0; j < n; j++) {
        row[j] += ak * bm[base + j];
      }
    }
    return row;
  }

  /** Checks the agent's row {@code r}. */
  public Result check(int r, float[] row) {
    if (row.length != n) {
      return new Result(false, 0, Double.NaN, "row " + r + " has " + row.length + " values, not " + n);
    }
    double[] ref = expectedRow(r);
    double maxError = 0;
    int firstBad = -1;
    for (int j = 0; j < n; j++) {
      double error = Math.abs(row[j] - ref[j]);
      if (!(error <= tolerance(n, ref[j]))) { // NaN fails too
        if (firstBad < 0) {
          firstBad = j;
        }
      }
      maxError = Math.max(maxError, error); // NaN stays NaN
    }
    if (firstBad >= 0) {
      return new Result(false, firstBad, maxError, String.format(
          "row %d, column %d: %s, expected %.6f within %.2e", r, firstBad, row[firstBad], ref[firstBad],
          tolerance(n, ref[firstBad])));
    }
    return new Result(true, -1, maxError, null);
  }

  /** Checks row {@code r} as it travels: the little-endian bytes of its float32 values. */
  public Result check(int r, byte[] rowBytes) {
    return check(r, ChallengeRules.rowValues(rowBytes));
  }

  private synchronized float[] matrixB() {
    if (b == null) {
      b = ChallengeMatrices.matrix(seed, ChallengeMatrices.DOMAIN_B, n);
    }
    return b;
  }
}
