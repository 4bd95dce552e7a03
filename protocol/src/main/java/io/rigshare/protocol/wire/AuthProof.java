package io.rigshare.protocol.wire;

import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Ed25519;
import io.rigshare.protocol.crypto.Keypair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The exact bytes a node signs to answer a challenge: UTF-8 text, one {@code key:value} per line, {@code \n}
 * separated, no trailing newline. Registration adds the SHA-256 of the token, binding the proof to it.
 *
 * <pre>
 * rigshare-agent-proof
 * version:1
 * purpose:auth
 * domain:localhost:8080
 * node:TL6VR87Pbkt7Kd3yLjYapd9KSNR9kgfVWVSaiq9Jx92
 * nonce:4vJ9...
 * time:2026-11-23T10:00:00.000Z
 * </pre>
 */
public final class AuthProof {
  public static final int PROTOCOL_VERSION = 1;
  public static final String PURPOSE_AUTH = "auth";
  public static final String PURPOSE_REGISTER = "register";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AuthProof() {}

  /**
   * The canonical text.
   *
   * @param token the registration token for {@link #PURPOSE_REGISTER}, null for {@link #PURPOSE_AUTH}
   */
  public static String text(
      String purpose, String domain, String nodeKey, String nonce, Instant signedAt, String token) {
    StringBuilder text =
        new StringBuilder("rigshare-agent-proof\n")
            .append("version:").append(PROTOCOL_VERSION).append('\n')
            .append("purpose:").append(purpose).append('\n')
            .append("domain:").append(domain).append('\n')
            .append("node:").append(nodeKey).append('\n')
            .append("nonce:").append(nonce).append('\n')
            .append("time:").append(TIME.format(signedAt));
    if (token != null) {
      text.append("\ntoken-sha256:").append(sha256Hex(token));
    }
    return text.toString();
  }

  public static byte[] bytes(
      String purpose, String domain, String nodeKey, String nonce, Instant signedAt, String token) {
    return text(purpose, domain, nodeKey, nonce, signedAt, token).getBytes(StandardCharsets.UTF_8);
  }

  /** Signs the proof with the node's key; returns the base58 signature. */
  public static String sign(
      Keypair node, String purpose, String domain, String nonce, Instant signedAt, String token) {
    return Base58.encode(node.sign(bytes(purpose, domain, node.address(), nonce, signedAt, token)));
  }

  /** Verifies a base58 signature; false for any malformed key or signature (never throws). */
  public static boolean verify(
      String signature, String purpose, String domain, String nodeKey, String nonce, Instant signedAt,
      String token) {
    try {
      byte[] key = Base58.decodeExact(nodeKey, Ed25519.PUBLIC_KEY_BYTES);
      byte[] sig = Base58.decodeExact(signature, Ed25519.SIGNATURE_BYTES);
      return Ed25519.verify(key, bytes(purpose, domain, nodeKey, nonce, signedAt, token), sig);
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /** Truncates to the millisecond, the precision the proof text carries. */
  public static Instant signingTime(Instant now) {
    return Instant.ofEpochMilli(now.toEpochMilli());
  }

  static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
