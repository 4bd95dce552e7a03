package io.rigshare.payments.payouts;

import java.util.Objects;

/** A withdrawal refused; nothing was stored. {@link #code()} is stable for the API's error shape. */
public final class PayoutException extends RuntimeException {
  public static final String INVALID_AMOUNT = "invalid_amount";
  public static final String INVALID_WALLET = "invalid_wallet";
  public static final String INSUFFICIENT_BALANCE = "insufficient_balance";

  private final String code;

  public PayoutException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public String code() {
    return code;
  }
}
