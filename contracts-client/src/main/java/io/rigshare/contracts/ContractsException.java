package io.rigshare.contracts;

/** Base of every failure this module throws; unchecked, so callers decide where to handle it. */
public class ContractsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContractsException(String message) {
    super(message);
  }

  public ContractsException(String message, Throwable cause) {
    super(message, cause);
  }
}
