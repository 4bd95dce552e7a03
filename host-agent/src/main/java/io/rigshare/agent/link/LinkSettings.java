package io.rigshare.agent.link;

import java.time.Duration;

/**
 * How the link behaves, apart from whom it talks to.
 *
 * @param agentVersion sent in {@code hello}
 * @param heartbeatOverrideSeconds replaces the server's heartbeat interval when not null
 * @param connectTimeout for opening the TCP connection and the WebSocket upgrade
 * @param handshakeTimeout the agent gives up on a connection not authenticated by then (the server's own limit is 30 s)
 * @param maxRegisterAttempts connections a registration may try before giving up (a running node never gives up)
 * @param stopAfterRegister close and return once registered ({@code register --no-run})
 */
public record LinkSettings(
    String agentVersion,
    Integer heartbeatOverrideSeconds,
    Duration connectTimeout,
    Duration handshakeTimeout,
    int maxRegisterAttempts,
    boolean stopAfterRegister) {

  public static final int DEFAULT_HEARTBEAT_SECONDS = 15;

  public static LinkSettings defaults(String agentVersion) {
    return new LinkSettings(agentVersion, null, Duration.ofSeconds(15), Duration.ofSeconds(40), 5, false);
  }

  public LinkSettings withHeartbeatOverride(Integer seconds) {
    return new LinkSettings(
        agentVersion, seconds, connectTimeout, handshakeTimeout, maxRegisterAttempts, stopAfterRegister);
  }

  public LinkSettings withStopAfterRegister(boolean stop) {
    return new LinkSettings(
        agentVersion, heartbeatOverrideSeconds, connectTimeout, handshakeTimeout, maxRegisterAttempts, stop);
  }
}
