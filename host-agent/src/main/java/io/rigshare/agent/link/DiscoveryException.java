package io.rigshare.agent.link;

/** The API could not be asked where to connect, or gave an answer the agent cannot use. */
public final class DiscoveryException extends RuntimeException {
  public DiscoveryException(String message) {
    super(message);
  }

  public DiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
