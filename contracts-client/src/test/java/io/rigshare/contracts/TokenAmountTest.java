package io.rigshare.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenAmountTest {
  @ParameterizedTest
  @CsvSource({
    "1, 6, 1000000",
    "1.5, 6, 1500000",
    "0.000001, 6, 1",
    "0.000000, 6, 0",
    "000012.340, 6, 12340000",
    "1000000000.000005, 6, 1000000000000005",
    "42, 0, 42",
    "9.223372036854775807, 18, 9223372036854775807",
    "9223372036854.775807, 6, 9223372036854775807",
  })
  void parsesDecimalTextIntoExactBaseUnits(String text, int decimals, long baseUnits) {
    assertThat(TokenAmount.parse(text, decimals)).isEqualTo(TokenAmount.of(baseUnits, decimals));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".5", "5.", "-1", "+1", "1e6", "1,5", " 1", "1 ", "1.2.3", "0x10", "１"})
  void refusesMalformedText(String text) {
    assertThatThrownBy(() -> TokenAmount.parse(text, 6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesMoreFractionalDigitsThanTheMintHasRatherThanRounding() {
    assertThatThrownBy(() -> TokenAmount.parse("0.0000001", 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7 fractional digits");
  }

  @Test
  void refusesAmountsBeyondALong() {
    assertThatThrownBy(() -> TokenAmount.parse("9223372036854.775808", 6)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> TokenAmount.ofBaseUnits("18446744073709551615", 6))
        .isInstanceOf(ArithmeticException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "1500000, 6, 1.5, 1.500000",
    "1, 6, 0.000001, 0.000001",
    "0, 6, 0, 0.000000",
    "1000000000000005, 6, 1000000000.000005, 1000000000.000005",
    "1000000000000000, 6, 1000000000, 1000000000.000000",
    "42, 0, 42, 42",
    "120, 2, 1.2, 1.20",
  })
  void formatsWithoutFloatingPoint(long baseUnits, int decimals, String plain, String fixed) {
    TokenAmount amount = TokenAmount.of(baseUnits, decimals);
    assertThat(amount.toPlainString()).isEqualTo(plain);
    assertThat(amount.toFixedString()).isEqualTo(fixed);
    assertThat(amount.toBigDecimal()).isEqualByComparingTo(new BigDecimal(plain));
    assertThat(TokenAmount.parse(plain, decimals)).isEqualTo(amount);
    assertThat(TokenAmount.parse(fixed, decimals)).isEqualTo(amount);
  }

  @Test
  void matchesTheRpcUiAmountStringOfTheFixtures() {
    assertThat(TokenAmount.ofBaseUnits("1000000012345678", 6).toPlainString()).isEqualTo("1000000012.345678");
    assertThat(TokenAmount.ofBaseUnits("37654322", 6).toPlainString()).isEqualTo("37.654322");
  }

  @Test
  void arithmeticKeepsDecimalsAndNeverGoesNegative() {
    TokenAmount a = TokenAmount.of(1_500_000, 6);
    TokenAmount b = TokenAmount.of(500_000, 6);
    assertThat(a.plus(b)).isEqualTo(TokenAmount.of(2_000_000, 6));
    assertThat(a.minus(b)).isEqualTo(TokenAmount.of(1_000_000, 6));
    assertThat(a).isGreaterThan(b);
    assertThatThrownBy(() -> b.minus(a)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> a.plus(TokenAmount.of(1, 9))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenAmount.of(Long.MAX_VALUE, 6).plus(TokenAmount.of(1, 6)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> TokenAmount.of(-1, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenAmount.of(1, 19)).isInstanceOf(IllegalArgumentException.class);
  }
}
