package io.rigshare.agent.cli;

import io.rigshare.protocol.wire.ErrorCodes;
import java.util.LinkedHashMap;
import java.util.Map;

/** The agent's exit codes, one per class of outcome, so scripts and service managers can branch on them. */
public final class ExitCodes {
  public static final int OK = 0;
  /** An unexpected error; for {@code doctor}: at least one check failed. */
  public static final int FAILURE = 1;
  /** Bad command-line arguments. */
  public static final int USAGE = 2;
  /** No node key or no API URL: this machine was never registered. */
  public static final int NOT_REGISTERED = 3;
  /** A local problem: key file mode, a damaged state file, a bad agent.properties, an unwritable data directory. */
  public static final int SETUP = 4;
  /** {@code benchmark}: no OpenCL platform or device on this machine. */
  public static final int NO_OPENCL = 5;
  /** INVALID_TOKEN, TOKEN_EXPIRED or TOKEN_USED. */
  public static final int TOKEN_REFUSED = 10;
  /** NODE_EXISTS, or a local node.json says this machine is registered already. */
  public static final int ALREADY_REGISTERED = 11;
  /** NODE_NOT_FOUND or NODE_DISABLED: the server does not (or no longer) accept this node. */
  public static final int NODE_GONE = 12;
  /** UNSUPPORTED_VERSION. */
  public static final int UNSUPPORTED_VERSION = 13;
  /** INVALID_SIGNATURE or CHALLENGE_EXPIRED while registering: wrong server or wrong clock. */
  public static final int PROOF_REFUSED = 14;
  /** A registration could not reach the server. */
  public static final int UNREACHABLE = 15;

  private static final Map<Integer, String> MEANINGS = meanings();

  private ExitCodes() {}

  private static Map<Integer, String> meanings() {
    Map<Integer, String> meanings = new LinkedHashMap<>();
    meanings.put(OK, "Success (status: registered; doctor: no check failed).");
    meanings.put(FAILURE, "Unexpected error; for doctor: a check failed.");
    meanings.put(USAGE, "Invalid arguments.");
    meanings.put(NOT_REGISTERED, "Not registered: no node key, or no API URL.");
    meanings.put(SETUP, "Local problem: key file mode wider than 0600, bad agent.properties, damaged or unwritable files.");
    meanings.put(NO_OPENCL, "No OpenCL platform or device: nothing to benchmark.");
    meanings.put(TOKEN_REFUSED, "Token refused: INVALID_TOKEN, TOKEN_EXPIRED or TOKEN_USED.");
    meanings.put(ALREADY_REGISTERED, "Already registered: NODE_EXISTS, or node.json exists here.");
    meanings.put(NODE_GONE, "Node unknown or deleted: NODE_NOT_FOUND or NODE_DISABLED.");
    meanings.put(UNSUPPORTED_VERSION, "The server does not speak this agent's protocol (UNSUPPORTED_VERSION).");
    meanings.put(PROOF_REFUSED, "Proof refused while registering: INVALID_SIGNATURE or CHALLENGE_EXPIRED.");
    meanings.put(UNREACHABLE, "Registration could not reach the server.");
    return meanings;
  }

  /** The "Exit codes" section of {@code --help} for the given codes, in picocli's key/description form. */
  public static Map<String, String> help(int... codes) {
    Map<String, String> help = new LinkedHashMap<>();
    for (int code : codes) {
      help.put(String.format("%3d", code), MEANINGS.get(code));
    }
    return help;
  }

  /** Every code, for the main command and the commands that run the link. */
  public static int[] all() {
    return MEANINGS.keySet().stream().mapToInt(Integer::intValue).toArray();
  }

  public static int forRefusal(String code) {
    if (code == null) {
      return FAILURE;
    }
    return switch (code) {
      case ErrorCodes.INVALID_TOKEN, ErrorCodes.TOKEN_EXPIRED, ErrorCodes.TOKEN_USED -> TOKEN_REFUSED;
      case ErrorCodes.NODE_EXISTS -> ALREADY_REGISTERED;
      case ErrorCodes.NODE_NOT_FOUND, ErrorCodes.NODE_DISABLED -> NODE_GONE;
      case ErrorCodes.UNSUPPORTED_VERSION -> UNSUPPORTED_VERSION;
      case ErrorCodes.INVALID_SIGNATURE, ErrorCodes.CHALLENGE_EXPIRED -> PROOF_REFUSED;
      default -> FAILURE;
    };
  }
}
