package io.rigshare.agent.link;

/**
 * Why the link's loop ended.
 *
 * @param code the server's error code for {@link Kind#REFUSED}; null otherwise
 * @param message the server's message, or what went wrong last; may be null
 */
public record LinkOutcome(Kind kind, String code, String message) {

  public enum Kind {
    /** {@link AgentLink#stop()} was called. */
    STOPPED,
    /** Registered, and told to stop there. */
    REGISTERED,
    /** The server refused the node in a way retrying cannot change. */
    REFUSED,
    /** A registration could not reach the server in the attempts it had. */
    GAVE_UP
  }

  static LinkOutcome stopped() {
    return new LinkOutcome(Kind.STOPPED, null, null);
  }

  static LinkOutcome registered() {
    return new LinkOutcome(Kind.REGISTERED, null, null);
  }

  static LinkOutcome refused(String code, String message) {
    return new LinkOutcome(Kind.REFUSED, code, message);
  }

  static LinkOutcome gaveUp(String message) {
    return new LinkOutcome(Kind.GAVE_UP, null, message);
  }
}
