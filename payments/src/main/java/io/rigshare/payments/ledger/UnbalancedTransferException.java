package io.rigshare.payments.ledger;

/** A transfer whose entries do not sum to zero, or that moves nothing; nothing was written. */
public final class UnbalancedTransferException extends LedgerException {
  public UnbalancedTransferException(String message) {
    super(message);
  }

  public UnbalancedTransferException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "unbalanced_transfer";
  }
}
