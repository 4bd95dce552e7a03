package io.rigshare.payments.deposits;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.contracts.TokenAmount;
import org.junit.jupiter.api.Test;

class SolanaPayUrlTest {
  private static final String TREASURY = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";
  private static final String MINT = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
  private static final String REFERENCE = "82ZJ7nbGpixjeDCmEhUcmwXYfvurzAgGdtSMuHnUgyny";

  @Test
  void amountIsExactDecimalTextAndTextFieldsArePercentEncoded() {
    String url =
        SolanaPayUrl.transferRequest(
            TREASURY, TokenAmount.of(12_500_000, 6), MINT, REFERENCE, "Rigshare & Co", "Top up: 12.5 USDC",
            "rigshare-deposit:1");

    assertThat(url)
        .isEqualTo("solana:" + TREASURY + "?amount=12.5&spl-token=" + MINT + "&reference=" + REFERENCE
            + "&label=Rigshare%20%26%20Co&message=Top%20up%3A%2012.5%20USDC&memo=rigshare-deposit%3A1");
  }

  @Test
  void smallestAndLargeAmountsKeepEveryDigit() {
    assertThat(SolanaPayUrl.transferRequest(TREASURY, TokenAmount.of(1, 6), MINT, REFERENCE, "", "", ""))
        .contains("?amount=0.000001&");
    assertThat(SolanaPayUrl.transferRequest(TREASURY, TokenAmount.of(9_007_199_254_740_993L, 6), MINT, REFERENCE,
            "", "", ""))
        .as("beyond a double's exact integers")
        .contains("?amount=9007199254.740993&");
  }

  @Test
  void nonAsciiIsEncodedAsUtf8() {
    assertThat(SolanaPayUrl.encode("café")).isEqualTo("caf%C3%A9");
  }
}
