package io.rigshare.agent.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the agent's link to the server stands, as {@code status.json} records it. */
public enum LinkState {
  /** Asking the API where to connect, or opening the WebSocket. */
  CONNECTING,
  /** The WebSocket is open; the handshake is under way. */
  CONNECTED,
  /** The server accepted the node's proof; heartbeats flow. */
  AUTHENTICATED,
  /** The link is down; the agent will try again. */
  DISCONNECTED,
  /** The server refused the node for good; the agent stopped. */
  REFUSED,
  /** The agent was stopped. */
  STOPPED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static LinkState fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
