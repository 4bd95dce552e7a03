package io.rigshare.payments.ledger;

/** The ledger's exception family: unchecked, one mapper can turn any of them into an error response. */
public abstract class LedgerException extends RuntimeException {
  protected LedgerException(String message) {
    super(message);
  }

  protected LedgerException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable machine-readable code for the {@code {code, message}} error shape. */
  public abstract String code();
}
