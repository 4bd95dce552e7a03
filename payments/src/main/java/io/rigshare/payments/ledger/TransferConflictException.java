package io.rigshare.payments.ledger;

/** A transfer id already used for different entries, or a transfer that was already corrected. */
public final class TransferConflictException extends LedgerException {
  public TransferConflictException(String message) {
    super(message);
  }

  public TransferConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "transfer_conflict";
  }
}
