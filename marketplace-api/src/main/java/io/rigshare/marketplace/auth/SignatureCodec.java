package io.rigshare.marketplace.auth;

import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Ed25519;
import java.util.Base64;

/**
 * Decodes wallet signatures sent as base58 (Solana's habit) or padded base64 (browsers' habit) and checks their
 * length. Text made only of base58 characters is read as base58: a 64-byte signature in base64 always ends in
 * {@code ==}, so nothing valid is lost, and a truncated base58 signature is reported as malformed rather than
 * misread as base64.
 */
public final class SignatureCodec {
  private SignatureCodec() {}

  public static byte[] decode(String text) {
    String value = text.strip();
    byte[] bytes = Base58.isBase58(value) ? Base58.decode(value) : decodeBase64(value);
    if (bytes == null) {
      throw new ApiException(ErrorCode.MALFORMED_SIGNATURE, "signature must be base58 or base64");
    }
    if (bytes.length != Ed25519.SIGNATURE_BYTES) {
      throw new ApiException(
          ErrorCode.MALFORMED_SIGNATURE,
          "signature must be " + Ed25519.SIGNATURE_BYTES + " bytes, got " + bytes.length);
    }
    return bytes;
  }

  private static byte[] decodeBase64(String value) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(value);
      } catch (IllegalArgumentException notUrlSafe) {
        return null;
      }
    }
  }

  /** Decodes a wallet address, answering VALIDATION_FAILED naming {@code field} when it is not a 32-byte key. */
  public static byte[] address(String field, String text) {
    try {
      return Base58.decodeExact(text, Ed25519.PUBLIC_KEY_BYTES);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(field + " must be a base58 Solana address (32 bytes): " + e.getMessage());
    }
  }
}
