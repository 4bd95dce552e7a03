package io.rigshare.contracts;

/** A transaction would serialize to more than the 1,232 bytes a Solana packet carries. */
public class TransactionTooLargeException extends ContractsException {
  private static final long serialVersionUID = 1L;

  private final int size;
  private final int limit;

  public TransactionTooLargeException(int size, int limit, String what) {
    super(what + " needs " + size + " bytes, more than the " + limit + "-byte transaction limit");
    this.size = size;
    this.limit = limit;
  }

  public int size() {
    return size;
  }

  public int limit() {
    return limit;
  }
}
