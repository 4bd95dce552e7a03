package io.rigshare.agent.link;

import static io.rigshare.protocol.wire.ErrorCodes.CHALLENGE_EXPIRED;
import static io.rigshare.protocol.wire.ErrorCodes.INVALID_SIGNATURE;
import static io.rigshare.protocol.wire.ErrorCodes.INVALID_TOKEN;
import static io.rigshare.protocol.wire.ErrorCodes.NODE_DISABLED;
import static io.rigshare.protocol.wire.ErrorCodes.NODE_EXISTS;
import static io.rigshare.protocol.wire.ErrorCodes.NODE_NOT_FOUND;
import static io.rigshare.protocol.wire.ErrorCodes.TOKEN_EXPIRED;
import static io.rigshare.protocol.wire.ErrorCodes.TOKEN_USED;
import static io.rigshare.protocol.wire.ErrorCodes.UNSUPPORTED_VERSION;

import java.util.Set;

/**
 * Which server errors end the agent instead of being retried. A running node stops only when retrying cannot help
 * (deleted, unknown, or a protocol the server does not speak); everything else, {@code RATE_LIMITED} included, is
 * retried with backoff. A registration also stops on anything about its token or proof: a person is waiting at the
 * terminal, and retrying a refused token cannot succeed.
 */
public final class Refusals {
  static final Set<String> ALWAYS_TERMINAL = Set.of(NODE_DISABLED, NODE_NOT_FOUND, UNSUPPORTED_VERSION);
  static final Set<String> TERMINAL_WHILE_REGISTERING =
      Set.of(INVALID_TOKEN, TOKEN_EXPIRED, TOKEN_USED, NODE_EXISTS, INVALID_SIGNATURE, CHALLENGE_EXPIRED);

  private Refusals() {}

  public static boolean isTerminal(String code, Credentials credentials) {
    if (code == null) {
      return false;
    }
    return ALWAYS_TERMINAL.contains(code)
        || (credentials instanceof Credentials.Register && TERMINAL_WHILE_REGISTERING.contains(code));
  }
}
