package io.rigshare.protocol.crypto;

import java.util.Arrays;

/** Bitcoin-alphabet base58, as Solana uses it for keys and signatures. */
public final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  public static String encode(byte[] input) {
    if (input.length == 0) {
      return "";
    }
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] copy = Arrays.copyOf(input, input.length);
    char[] encoded = new char[copy.length * 2];
    int out = encoded.length;
    int start = zeros;
    while (start < copy.length) {
      encoded[--out] = ALPHABET[divmod(copy, start, 256, 58)];
      if (copy[start] == 0) {
        start++;
      }
    }
    while (out < encoded.length && encoded[out] == ALPHABET[0]) {
      out++;
    }
    while (--zeros >= 0) {
      encoded[--out] = ALPHABET[0];
    }
    return new String(encoded, out, encoded.length - out);
  }

  /**
   * Decodes base58 text.
   *
   * @throws IllegalArgumentException if the text holds a character outside the alphabet
   */
  public static byte[] decode(String input) {
    if (input.isEmpty()) {
      return new byte[0];
    }
    byte[] input58 = new byte[input.length()];
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("invalid base58 character at position " + i);
      }
      input58[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < input58.length && input58[zeros] == 0) {
      zeros++;
    }
    byte[] decoded = new byte[input.length()];
    int out = decoded.length;
    int start = zeros;
    while (start < input58.length) {
      decoded[--out] = divmod(input58, start, 58, 256);
      if (input58[start] == 0) {
        start++;
      }
    }
    while (out < decoded.length && decoded[out] == 0) {
      out++;
    }
    return Arrays.copyOfRange(decoded, out - zeros, decoded.length);
  }

  /** Decodes text that must hold exactly {@code length} bytes, e.g. a 32-byte public key. */
  public static byte[] decodeExact(String input, int length) {
    byte[] bytes = decode(input);
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          "expected " + length + " bytes, base58 text decodes to " + bytes.length);
    }
    return bytes;
  }

  /** True if every character is in the base58 alphabet. */
  public static boolean isBase58(String input) {
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c >= 128 || INDEXES[c] < 0) {
        return false;
      }
    }
    return !input.isEmpty();
  }

  // Divides the number held in `number[first..]` (digits in `base`) by `divisor`, in place.
  private static byte divmod(byte[] number, int first, int base, int divisor) {
    int remainder = 0;
    for (int i = first; i < number.length; i++) {
      int digit = number[i] & 0xFF;
      int temp = remainder * base + digit;
      number[i] = (byte) (temp / divisor);
      remainder = temp % divisor;
    }
    return (byte) remainder;
  }
}
