package io.rigshare.marketplace.gateway;

import java.time.Instant;
import java.util.UUID;

/** What the gateway knows about one socket. Mutated only under the connection's own monitor. */
final class AgentConnection {
  enum Phase {
    NEW,
    CHALLENGED,
    VERIFYING,
    AUTHENTICATED,
    CLOSED
  }

  final String remoteIp;
  final Instant openedAt;
  final UUID session = UUID.randomUUID();
  Phase phase = Phase.NEW;
  String claimedKey;
  String agentVersion;
  String nonce;
  Instant challengeExpiresAt;
  volatile UUID nodeId;
  volatile long lastHeartbeatNanos;

  AgentConnection(String remoteIp, Instant openedAt) {
    this.remoteIp = remoteIp;
    this.openedAt = openedAt;
  }
}
