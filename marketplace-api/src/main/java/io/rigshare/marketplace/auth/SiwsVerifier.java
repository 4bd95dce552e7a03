package io.rigshare.marketplace.auth;

import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.protocol.crypto.Ed25519;
import java.nio.charset.StandardCharsets;

/**
 * The stateless half of sign-in: the message parses, names the address that signs the request, and carries that
 * key's ed25519 signature over its exact UTF-8 bytes. Challenge, domain and time checks follow in {@link AuthService}.
 */
public final class SiwsVerifier {
  private SiwsVerifier() {}

  public static SiwsMessage verify(String address, String messageText, String signatureText) {
    byte[] publicKey = SignatureCodec.address("address", address);
    byte[] signature = SignatureCodec.decode(signatureText);
    SiwsMessage message;
    try {
      message = SiwsMessage.parse(messageText);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.INVALID_MESSAGE, "not a Sign-In With Solana message: " + e.getMessage());
    }
    if (!message.address().equals(address)) {
      throw new ApiException(ErrorCode.ADDRESS_MISMATCH, "the message names another address than the request");
    }
    if (!Ed25519.verify(publicKey, messageText.getBytes(StandardCharsets.UTF_8), signature)) {
      throw new ApiException(ErrorCode.INVALID_SIGNATURE, "the signature does not match the message and address");
    }
    return message;
  }
}
