package io.rigshare.marketplace.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Keypair;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Does what a browser wallet does: asks for a challenge, signs the message with a real key, opens a session. */
public final class Wallets {
  private Wallets() {}

  public static Http.Reply challenge(Http http, String address) {
    return http.postJson("/api/auth/challenge", null, Map.of("address", address));
  }

  public static String sign(Keypair keypair, String message) {
    return Base58.encode(keypair.sign(message.getBytes(StandardCharsets.UTF_8)));
  }

  public static Http.Reply submit(Http http, String address, String message, String signature) {
    return http.postJson(
        "/api/auth/session", null, Map.of("address", address, "message", message, "signature", signature));
  }

  /** Signs in and returns the session token, failing the test if any step is refused. */
  public static String signIn(Http http, Keypair keypair) {
    Http.Reply challenge = challenge(http, keypair.address());
    assertThat(challenge.status()).as("challenge: %s", challenge).isEqualTo(200);
    String message = challenge.json().get("message").asText();
    Http.Reply session = submit(http, keypair.address(), message, sign(keypair, message));
    assertThat(session.status()).as("session: %s", session).isEqualTo(200);
    return session.json().get("token").asText();
  }
}
