package io.rigshare.agent.link;

/**
 * How one connection ended.
 *
 * @param authenticated the server accepted the node's proof on it
 * @param registered the server created the node on it
 * @param refusalCode the last error code the server sent, or null
 * @param problem what went wrong, for logs and {@code status.json}; null when nothing did
 * @param closeCode the WebSocket close code, or 0 when there was no connection
 */
record SessionEnd(boolean authenticated, boolean registered, String refusalCode, String problem, int closeCode) {
  /** The server closed this connection because another one authenticated as the same node. */
  static final int CLOSE_REPLACED = 4000;

  static SessionEnd failed(String problem) {
    return new SessionEnd(false, false, null, problem, 0);
  }

  static SessionEnd refused(String code, String problem) {
    return new SessionEnd(false, false, code, problem, 0);
  }

  boolean replaced() {
    return closeCode == CLOSE_REPLACED;
  }
}
