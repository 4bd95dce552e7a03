package io.rigshare.payments.deposits;

import java.util.Objects;

/** A deposit request refused before anything was stored; {@link #code()} is stable for the API's error shape. */
public final class DepositException extends RuntimeException {
  public static final String AMOUNT_TOO_SMALL = "amount_too_small";
  public static final String AMOUNT_TOO_LARGE = "amount_too_large";
  public static final String INVALID_WALLET = "invalid_wallet";

  private final String code;

  public DepositException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public String code() {
    return code;
  }
}
