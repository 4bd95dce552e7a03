package io.rigshare.agent.config;

/**
 * Something on this machine stops the agent from starting: a key file others can read, a damaged state file, a bad
 * value in {@code agent.properties}. Carries the fix to print next to the message.
 */
public class SetupException extends RuntimeException {
  private final String fix;

  public SetupException(String message, String fix) {
    super(message);
    this.fix = fix;
  }

  public SetupException(String message, String fix, Throwable cause) {
    super(message, cause);
    this.fix = fix;
  }

  /** What the host should do about it; never null. */
  public String fix() {
    return fix == null ? "" : fix;
  }
}
