package io.rigshare.contracts;

import java.time.Duration;
import java.util.Optional;

/**
 * The RPC node could not be reached or did not answer with JSON-RPC (connection refused, timeout, HTTP 429 or 5xx).
 * Nothing is known about what the request did: a send may or may not have reached the cluster.
 */
public class SolanaUnavailableException extends ContractsException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final Duration retryAfter;

  public SolanaUnavailableException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = 0;
    this.retryAfter = null;
  }

  public SolanaUnavailableException(String message, int httpStatus, Duration retryAfter) {
    super(message);
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status when the node answered with something other than JSON-RPC, else 0. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The node's {@code Retry-After}, when it sent one (rate limits). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
