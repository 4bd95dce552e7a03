package io.rigshare.protocol.crypto;

import java.security.SecureRandom;

/**
 * Ed25519 signing and verification with BouncyCastle's low-level RFC 8032 code, which measured an order of
 * magnitude faster here than the JDK's provider.
 */
public final class Ed25519 {
  public static final int PUBLIC_KEY_BYTES = 32;
  public static final int SEED_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;

  static {
    org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
  }

  private Ed25519() {}

  /**
   * Verifies {@code signature} over {@code message}. Returns false (never throws) for keys or signatures of the
   * wrong length or for points that are not on the curve.
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null
        || signature == null
        || message == null
        || publicKey.length != PUBLIC_KEY_BYTES
        || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          signature, 0, publicKey, 0, message, 0, message.length);
    } catch (RuntimeException e) {
      return false;
    }
  }

  public static byte[] sign(byte[] seed, byte[] message) {
    requireLength(seed, SEED_BYTES, "seed");
    byte[] signature = new byte[SIGNATURE_BYTES];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  public static byte[] publicKeyOf(byte[] seed) {
    requireLength(seed, SEED_BYTES, "seed");
    byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    return publicKey;
  }

  public static byte[] newSeed(SecureRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    return seed;
  }

  private static void requireLength(byte[] bytes, int length, String what) {
    if (bytes == null || bytes.length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes");
    }
  }
}
