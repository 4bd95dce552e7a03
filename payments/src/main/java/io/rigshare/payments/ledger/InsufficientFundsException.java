package io.rigshare.payments.ledger;

/** A transfer would take an account that must stay non-negative below zero; nothing was written. */
public final class InsufficientFundsException extends LedgerException {
  public InsufficientFundsException(String message) {
    super(message);
  }

  public InsufficientFundsException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "insufficient_funds";
  }
}
