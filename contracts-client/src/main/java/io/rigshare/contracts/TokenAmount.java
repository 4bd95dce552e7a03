package io.rigshare.contracts;

import java.math.BigDecimal;

/**
 * An SPL token amount: integer base units and the mint's decimals, so 1.5 tokens of a 6-decimal mint is
 * {@code TokenAmount.of(1_500_000, 6)}. Decimal text is parsed and formatted digit by digit, never through a floating
 * point number. Amounts are non-negative and at most {@link Long#MAX_VALUE} base units (the lower half of u64, about
 * 9.2 trillion tokens at 6 decimals); larger values are refused rather than rounded.
 */
public record TokenAmount(long baseUnits, int decimals) implements Comparable<TokenAmount> {
  /** 10^18 is the largest power of ten a long holds. */
  public static final int MAX_DECIMALS = 18;

  public TokenAmount {
    if (baseUnits < 0) {
      throw new IllegalArgumentException("token amount must not be negative: " + baseUnits);
    }
    checkDecimals(decimals);
  }

  public static TokenAmount of(long baseUnits, int decimals) {
    return new TokenAmount(baseUnits, decimals);
  }

  public static TokenAmount zero(int decimals) {
    return new TokenAmount(0, decimals);
  }

  /** Parses the base-unit integer text the RPC returns ({@code "amount":"1500000"}). */
  public static TokenAmount ofBaseUnits(String digits, int decimals) {
    if (digits == null || !isDigits(digits, 0, digits.length())) {
      throw new IllegalArgumentException("base units must be decimal digits: " + digits);
    }
    try {
      return new TokenAmount(Long.parseLong(digits), decimals);
    } catch (NumberFormatException e) {
      throw new ArithmeticException("token amount out of range: " + digits);
    }
  }

  /**
   * Parses decimal text such as {@code "12"}, {@code "12.5"} or {@code "0.000001"}: digits, optionally a point and
   * up to {@code decimals} more digits. No sign, exponent, grouping or surrounding spaces.
   *
   * @throws IllegalArgumentException for malformed text or more fractional digits than the mint has
   * @throws ArithmeticException when the amount exceeds {@link Long#MAX_VALUE} base units
   */
  public static TokenAmount parse(String text, int decimals) {
    checkDecimals(decimals);
    if (text == null) {
      throw new IllegalArgumentException("token amount text is null");
    }
    int point = text.indexOf('.');
    int intEnd = point < 0 ? text.length() : point;
    int fracLength = point < 0 ? 0 : text.length() - point - 1;
    if (intEnd == 0 || !isDigits(text, 0, intEnd) || (point >= 0 && (fracLength == 0
        || !isDigits(text, point + 1, text.length())))) {
      throw new IllegalArgumentException("not a decimal token amount: \"" + text + "\"");
    }
    if (fracLength > decimals) {
      throw new IllegalArgumentException(
          "\"" + text + "\" has " + fracLength + " fractional digits; the mint has " + decimals);
    }
    long units = 0;
    for (int i = 0; i < text.length(); i++) {
      if (i != point) {
        units = Math.addExact(Math.multiplyExact(units, 10), text.charAt(i) - '0');
      }
    }
    return new TokenAmount(Math.multiplyExact(units, pow10(decimals - fracLength)), decimals);
  }

  /** Decimal text without trailing fractional zeros, as the RPC's {@code uiAmountString}: "1.5", "1000", "0". */
  public String toPlainString() {
    String fixed = toFixedString();
    if (decimals == 0) {
      return fixed;
    }
    int end = fixed.length();
    while (fixed.charAt(end - 1) == '0') {
      end--;
    }
    if (fixed.charAt(end - 1) == '.') {
      end--;
    }
    return fixed.substring(0, end);
  }

  /** Decimal text with exactly {@code decimals} fractional digits: "1.500000". */
  public String toFixedString() {
    String digits = Long.toString(baseUnits);
    if (decimals == 0) {
      return digits;
    }
    if (digits.length() <= decimals) {
      digits = "0".repeat(decimals - digits.length() + 1) + digits;
    }
    int split = digits.length() - decimals;
    return digits.substring(0, split) + "." + digits.substring(split);
  }

  /** The exact value in whole tokens. */
  public BigDecimal toBigDecimal() {
    return BigDecimal.valueOf(baseUnits, decimals);
  }

  public boolean isZero() {
    return baseUnits == 0;
  }

  public TokenAmount plus(TokenAmount other) {
    requireSameDecimals(other);
    return new TokenAmount(Math.addExact(baseUnits, other.baseUnits), decimals);
  }

  /** @throws ArithmeticException if the result would be negative */
  public TokenAmount minus(TokenAmount other) {
    requireSameDecimals(other);
    if (other.baseUnits > baseUnits) {
      throw new ArithmeticException(toPlainString() + " - " + other.toPlainString() + " is negative");
    }
    return new TokenAmount(baseUnits - other.baseUnits, decimals);
  }

  @Override
  public int compareTo(TokenAmount other) {
    requireSameDecimals(other);
    return Long.compare(baseUnits, other.baseUnits);
  }

  @Override
  public String toString() {
    return toPlainString();
  }

  static void checkDecimals(int decimals) {
    if (decimals < 0 || decimals > MAX_DECIMALS) {
      throw new IllegalArgumentException("decimals must be 0.." + MAX_DECIMALS + ": " + decimals);
    }
  }

  private void requireSameDecimals(TokenAmount other) {
    if (other.decimals != decimals) {
      throw new IllegalArgumentException(
          "cannot combine amounts of " + decimals + " and " + other.decimals + " decimals");
    }
  }

  private static long pow10(int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= 10;
    }
    return result;
  }

  private static boolean isDigits(String text, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
