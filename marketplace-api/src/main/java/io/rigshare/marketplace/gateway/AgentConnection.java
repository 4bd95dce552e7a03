package io.rigshare.marketplace.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

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
  List<String> runners = List.of();
  volatile UUID nodeId;
  volatile long lastHeartbeatNanos;
  /** This connection's database work, in frame order. */
  final SerialExecutor serial;
  /** Assignments sent and not yet reported started ("jobId:attempt" to when sent, System.nanoTime). */
  final Map<String, Long> assignsSent = new ConcurrentHashMap<>();

  AgentConnection(String remoteIp, Instant openedAt, Executor pool) {
    this.remoteIp = remoteIp;
    this.openedAt = openedAt;
    this.serial = new SerialExecutor(pool);
  }
}
