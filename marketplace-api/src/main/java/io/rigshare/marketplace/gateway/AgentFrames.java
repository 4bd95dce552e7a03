package io.rigshare.marketplace.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshare.marketplace.config.AgentGatewayConfig;
import io.rigshare.marketplace.db.NodeDao;
import io.rigshare.marketplace.db.NodeDao.Node;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.time.Duration;
import java.time.Instant;

/** The gateway's pure decisions and conversions, apart from its socket plumbing. */
final class AgentFrames {
  private static final String LIMITS_PREFIX = "lim-";
  private final AgentGatewayConfig config;

  AgentFrames(AgentGatewayConfig config) {
    this.config = config;
  }

  /** The fields a proof frame carries, whichever of auth or register it is. */
  record Proof(String purpose, String nodeKey, Instant signedAt, String signature, String token) {}

  static Proof proofOf(Message message) {
    if (message instanceof Message.Auth auth) {
      return new Proof(AuthProof.PURPOSE_AUTH, auth.nodeKey(), auth.signedAt(), auth.signature(), null);
    }
    if (message instanceof Message.Register register) {
      return new Proof(
          AuthProof.PURPOSE_REGISTER, register.nodeKey(), register.signedAt(), register.signature(), register.token());
    }
    return null;
  }

  /** Null if the proof answers this connection's challenge; otherwise "CODE: reason". */
  String checkProof(Proof proof, AgentConnection conn, String domain, Instant now) {
    if (proof.nodeKey() == null || proof.signedAt() == null || proof.signature() == null) {
      return ErrorCodes.INVALID_SIGNATURE + ": nodeKey, signedAt and signature are required";
    }
    if (!now.isBefore(conn.challengeExpiresAt)) {
      return ErrorCodes.CHALLENGE_EXPIRED + ": the challenge expired; reconnect for a new one";
    }
    if (Duration.between(proof.signedAt(), now).abs().compareTo(config.getMaxClockSkew()) > 0) {
      return ErrorCodes.CHALLENGE_EXPIRED + ": signedAt is more than " + config.getMaxClockSkew().toSeconds()
          + " s from server time; fix this host's clock";
    }
    if (conn.claimedKey != null && !conn.claimedKey.equals(proof.nodeKey())) {
      return ErrorCodes.INVALID_SIGNATURE + ": the proof is for another key than hello announced";
    }
    if (!AuthProof.verify(proof.signature(), proof.purpose(), domain, proof.nodeKey(), conn.nonce, proof.signedAt(),
        proof.token())) {
      return ErrorCodes.INVALID_SIGNATURE + ": the signature does not verify for this challenge and key";
    }
    return null;
  }

  static String nodeName(Message.Register register) {
    String name = register.name();
    if (name == null || name.isBlank()) {
      name = register.hardware() != null && register.hardware().hostname() != null
          ? register.hardware().hostname() : "node";
    }
    name = name.strip().replaceAll("\\p{Cntrl}", "");
    return name.isEmpty() ? "node" : name.substring(0, Math.min(64, name.length()));
  }

  static String hardwareJson(HardwareReport hardware) {
    if (hardware == null) {
      return null;
    }
    try {
      return Wire.mapper().writeValueAsString(hardware);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static Message.Limits limitsOf(Node node) {
    return new Message.Limits(
        LIMITS_PREFIX + node.limitsVersion(), node.limitsVersion(), NodeDao.limits(node.limits()));
  }

  static Long limitsVersion(String ref) {
    if (ref == null || !ref.startsWith(LIMITS_PREFIX)) {
      return null;
    }
    try {
      return Long.parseLong(ref.substring(LIMITS_PREFIX.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String typeOf(Message message) {
    String name = message.getClass().getSimpleName();
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  static String abbreviate(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= 500 ? text : text.substring(0, 500);
  }
}
