package io.rigshare.payments.ledger;

/** A correction names a transfer that does not exist. */
public final class UnknownTransferException extends LedgerException {
  public UnknownTransferException(String message) {
    super(message);
  }

  public UnknownTransferException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "unknown_transfer";
  }
}
