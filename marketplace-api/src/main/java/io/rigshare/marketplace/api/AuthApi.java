package io.rigshare.marketplace.api;

import io.rigshare.marketplace.auth.SiwsMessage;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Bodies of the sign-in endpoints. */
public final class AuthApi {
  private AuthApi() {}

  public record ChallengeRequest(@NotBlank @Size(max = 64) String address) {}

  /** The fields of the message, shaped as a wallet's {@code solana:signIn} input. */
  public record SignInInput(
      String domain,
      String address,
      String statement,
      String uri,
      String version,
      String chainId,
      String nonce,
      String issuedAt,
      String expirationTime) {
    public static SignInInput of(SiwsMessage m) {
      return new SignInInput(
          m.domain(), m.address(), m.statement(), m.uri(), m.version(), m.chainId(), m.nonce(), m.issuedAt(),
          m.expirationTime());
    }
  }

  public record ChallengeResponse(String message, String nonce, Instant expiresAt, SignInInput input) {}

  public record SessionRequest(
      @NotBlank @Size(max = 64) String address,
      @NotBlank @Size(max = 4096) String message,
      @NotBlank @Size(max = 256) String signature) {}

  public record SessionResponse(String token, String address, Instant expiresAt) {}

  /** The signed-in wallet; {@code operator} when it may use the operator pages. */
  public record Me(String address, boolean operator) {}
}
