package io.rigshare.payments.payouts;

import io.rigshare.contracts.TokenAmount;
import java.io.IOException;
import java.util.Objects;

/** One payout as a CSV line (RFC 4180 quoting); amounts in base units and in whole tokens. */
final class PayoutCsv {
  static final String HEADER = "id,created_at,kind,amount_base_units,amount,status,signature,confirmed_at,error\r\n";

  private PayoutCsv() {}

  static void writeRow(Payout p, int decimals, Appendable out) throws IOException {
    out.append(p.id().toString()).append(',')
        .append(p.createdAt().toString()).append(',')
        .append(p.kind().name().toLowerCase(java.util.Locale.ROOT)).append(',')
        .append(Long.toString(p.amount())).append(',')
        .append(TokenAmount.of(p.amount(), decimals).toPlainString()).append(',')
        .append(p.status().name().toLowerCase(java.util.Locale.ROOT)).append(',')
        .append(Objects.toString(p.signature(), "")).append(',')
        .append(p.confirmedAt() == null ? "" : p.confirmedAt().toString()).append(',')
        .append(quote(p.error()))
        .append("\r\n");
  }

  static String quote(String text) {
    if (text == null) {
      return "";
    }
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
