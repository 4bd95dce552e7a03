package io.rigshare.protocol.verify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The limits of a verification challenge and the encoding of an opened row (docs/protocol.md section 10).
 *
 * <p>{@code n} is a multiple of {@link #N_MULTIPLE} from {@link #MIN_N} to {@link #MAX_N}, so the agent's tiled kernel
 * needs no padding. A {@code verify-rows} frame must stay under the 65,536-character frame limit: a row is
 * {@code 4n} bytes, {@code ~5.33n} characters of base64, plus a proof of {@code ceil(log2 n)} hashes of 64 hex digits,
 * so one frame carries at most {@link #maxRowsPerFrame} rows ({@code min(8, max(1, 8192 / n))}: 8 rows up to
 * n = 1024, 2 at 4096, 1 at 8192; under 50,000 characters in every case).
 */
public final class ChallengeRules {
  public static final int MIN_N = 64;
  public static final int MAX_N = 8192;
  public static final int N_MULTIPLE = 64;
  public static final int MAX_ROWS_PER_FRAME = 8;

  private ChallengeRules() {}

  public static boolean validN(int n) {
    return n >= MIN_N && n <= MAX_N && n % N_MULTIPLE == 0;
  }

  /** The most rows one {@code verify-open} may ask for, and one {@code verify-rows} frame may carry. */
  public static int maxRowsPerFrame(int n) {
    return Math.min(MAX_ROWS_PER_FRAME, Math.max(1, MAX_N / n));
  }

  /** A row's float32 values, little-endian: the bytes a Merkle leaf hashes and {@code values} carries. */
  public static byte[] rowBytes(float[] row) {
    ByteBuffer bytes = ByteBuffer.allocate(row.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(row);
    return bytes.array();
  }

  public static float[] rowValues(byte[] bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException("a row is a whole number of float32 values: " + bytes.length + " bytes");
    }
    float[] row = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
    return row;
  }

  /** {@code values} of an opened row: standard base64 (with padding) of {@link #rowBytes}. */
  public static String encodeRow(float[] row) {
    return Base64.getEncoder().encodeToString(rowBytes(row));
  }

  /** Decodes {@code values}; throws {@link IllegalArgumentException} unless it is base64 of exactly n floats. */
  public static byte[] decodeRow(String values, int n) {
    byte[] bytes = Base64.getDecoder().decode(values);
    if (bytes.length != n * Float.BYTES) {
      throw new IllegalArgumentException("a row holds " + n + " float32 values, not " + bytes.length + " bytes");
    }
    return bytes;
  }
}
