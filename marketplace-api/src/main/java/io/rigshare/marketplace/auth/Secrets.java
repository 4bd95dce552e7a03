package io.rigshare.marketplace.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Bearer secrets: 256 random bits with a type prefix, stored only as their SHA-256. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private Secrets() {}

  /** A fresh token such as {@code rss_<43 base64url chars>}. */
  public static String newToken(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** An alphanumeric nonce; 24 characters carry about 143 bits. */
  public static String newNonce(int length) {
    StringBuilder nonce = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      nonce.append(NONCE_ALPHABET.charAt(RANDOM.nextInt(NONCE_ALPHABET.length())));
    }
    return nonce.toString();
  }

  public static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
