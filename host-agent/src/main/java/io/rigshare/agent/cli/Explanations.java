package io.rigshare.agent.cli;

import io.rigshare.protocol.wire.ErrorCodes;
import java.nio.file.Path;

/** What a server error code means for the person at the terminal, and what to do next. */
final class Explanations {
  private Explanations() {}

  static String of(String code, Path dataDir) {
    String fresh = "remove " + dataDir.resolve("node-key.json") + " and " + dataDir.resolve("node.json")
        + ", then register again with a new token";
    if (code == null) {
      return "unexpected refusal";
    }
    return switch (code) {
      case ErrorCodes.TOKEN_USED -> "this token was already used; generate a new one in the web app";
      case ErrorCodes.TOKEN_EXPIRED -> "this token has expired; generate a new one in the web app";
      case ErrorCodes.INVALID_TOKEN ->
          "the server does not know this token (mistyped or revoked); copy it again or generate a new one in the web"
              + " app";
      case ErrorCodes.NODE_EXISTS -> "this machine is already registered; run `rigshare-agent run`";
      case ErrorCodes.NODE_NOT_FOUND -> "the server has no node with this machine's key; to offer it again, " + fresh;
      case ErrorCodes.NODE_DISABLED ->
          "this node was deleted in the web app and its key is revoked for good; to offer this machine again, " + fresh;
      case ErrorCodes.UNSUPPORTED_VERSION ->
          "the server does not speak this agent's protocol version; install the latest agent";
      case ErrorCodes.INVALID_SIGNATURE ->
          "the server refused this machine's proof; check that --api names the server the token came from";
      case ErrorCodes.CHALLENGE_EXPIRED ->
          "the server found the proof too old; check this machine's clock (`rigshare-agent doctor` measures the skew)";
      case ErrorCodes.RATE_LIMITED -> "the server is refusing new connections for now; try again in a minute";
      default -> "the server refused (" + code + ")";
    };
  }
}
