package io.rigshare.payments.deposits;

import io.rigshare.contracts.TokenAmount;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a Solana Pay transfer request URL:
 * {@code solana:<recipient>?amount=<decimal>&spl-token=<mint>&reference=<key>&label=&message=&memo=}. The amount is
 * written in whole tokens from the base units and the mint's decimals, digit by digit (never through a floating
 * point number), without trailing zeros, as the specification asks. Text fields are percent-encoded (a space is
 * {@code %20}, never {@code +}).
 */
final class SolanaPayUrl {
  private SolanaPayUrl() {}

  static String transferRequest(
      String recipient, TokenAmount amount, String mint, String reference, String label, String message,
      String memo) {
    return "solana:" + recipient
        + "?amount=" + amount.toPlainString()
        + "&spl-token=" + mint
        + "&reference=" + reference
        + "&label=" + encode(label)
        + "&message=" + encode(message)
        + "&memo=" + encode(memo);
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
