package io.rigshare.marketplace.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.marketplace.errors.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * JSON shapes of balances, deposits, withdrawals, earnings, payouts and the operator's views. Every amount is a
 * JSON string of base-unit digits: a token balance may exceed what a JavaScript number holds exactly.
 */
public final class PaymentApi {
  private PaymentApi() {}

  /** {@code {"amount": "1500000"}}; a JSON integer is accepted too. */
  public record AmountRequest(JsonNode amount) {
    /** The amount in base units, or VALIDATION_FAILED naming the problem. */
    public long baseUnits() {
      if (amount == null || amount.isNull()) {
        throw ApiException.validation("amount: required, base units as a digit string");
      }
      if (amount.isIntegralNumber() && amount.canConvertToLong()) {
        return positive(amount.longValue());
      }
      if (amount.isTextual() && amount.asText().matches("[0-9]{1,19}")) {
        try {
          return positive(Long.parseLong(amount.asText()));
        } catch (NumberFormatException tooBig) {
          throw ApiException.validation("amount: at most " + Long.MAX_VALUE);
        }
      }
      throw ApiException.validation("amount: base units as a digit string, such as \"1500000\"");
    }

    private static long positive(long value) {
      if (value <= 0) {
        throw ApiException.validation("amount: must be more than zero");
      }
      return value;
    }
  }

  public record Earnings(String pending, String inFlight, String paid) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Balance(
      String wallet, String available, String escrowed, Earnings earnings, String mint, Integer decimals) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Deposit(
      UUID id,
      String amount,
      String status,
      boolean expired,
      String reference,
      String recipient,
      String mint,
      int decimals,
      String url,
      String memo,
      String signature,
      String reason,
      Instant createdAt,
      Instant expiresAt,
      Instant creditedAt) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Withdrawal(
      UUID id,
      String amount,
      String status,
      String signature,
      String explorerUrl,
      Instant createdAt,
      Instant confirmedAt,
      String error) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Payout(
      UUID id,
      String kind,
      String amount,
      String status,
      String signature,
      String explorerUrl,
      Instant createdAt,
      Instant confirmedAt,
      String error) {}

  public record Page<T>(List<T> items, boolean hasMore) {}

  public record EarningsRow(
      String key, String label, long jobs, long billedSeconds, String earned, String pending, String paid) {}

  public record EarningsTotals(long jobs, long billedSeconds, String earned, String pending, String paid) {}

  public record EarningsReport(
      LocalDate from, LocalDate to, String groupBy, List<EarningsRow> rows, EarningsTotals totals) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record LedgerCheck(
      boolean ok,
      long accounts,
      long transfers,
      String sum,
      List<String> problems,
      String treasuryOnChain,
      String liabilities) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record BatchInFlight(
      UUID batchId, String status, int items, String amount, String signature, int attempts, Instant updatedAt,
      String error) {}

  public record AdminNode(
      UUID id,
      String name,
      String owner,
      String state,
      String verification,
      String verificationReason,
      String gpuModel,
      int gpuCount,
      Instant lastSeenAt) {}

  public record Problem(Instant at, String source, String message) {}

  public record Items<T>(List<T> items) {}
}
