package io.rigshare.marketplace.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitIntegrationTest {
  static final DropwizardAppExtension<RigshareConfiguration> APP =
      TestApp.extension(
          ConfigOverride.config("rateLimits.clientIpHeader", "X-Forwarded-For"),
          ConfigOverride.config("rateLimits.challenge.perIp", "5"),
          ConfigOverride.config("rateLimits.challenge.perWallet", "3"),
          ConfigOverride.config("rateLimits.challenge.period", "1 minute"),
          ConfigOverride.config("rateLimits.nodeTokens.perIp", "100"),
          ConfigOverride.config("rateLimits.nodeTokens.perWallet", "2"),
          ConfigOverride.config("nodeTokens.maxActivePerWallet", "100"));

  private Http.Reply challenge(Http http, String ip, String address) {
    return http.send(http.builder("/api/auth/challenge", null)
        .header("Content-Type", "application/json")
        .header("X-Forwarded-For", ip + ", 10.0.0.1")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"address\":\"" + address + "\"}")));
  }

  @Test
  void challengesAreLimitedPerWalletAndPerIpAndRefill() {
    TestApp.CLOCK.set(Instant.parse("2026-11-23T10:00:00Z"));
    Http http = new Http(APP.getLocalPort());
    String wallet = Keypair.generate(new SecureRandom()).address();
    for (int i = 0; i < 3; i++) {
      assertThat(challenge(http, "192.0.2.1", wallet).status()).isEqualTo(200);
    }
    Http.Reply limited = challenge(http, "192.0.2.2", wallet);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(1L, 60L);

    // Per IP: the first address already spent 3 of its 5, so two new wallets pass and the third is refused.
    assertThat(challenge(http, "192.0.2.1", Keypair.generate(new SecureRandom()).address()).status()).isEqualTo(200);
    assertThat(challenge(http, "192.0.2.1", Keypair.generate(new SecureRandom()).address()).status()).isEqualTo(200);
    assertThat(challenge(http, "192.0.2.1", Keypair.generate(new SecureRandom()).address()).code())
        .isEqualTo("RATE_LIMITED");

    TestApp.CLOCK.advance(Duration.ofMinutes(1));
    assertThat(challenge(http, "192.0.2.1", wallet).status()).isEqualTo(200);
  }

  @Test
  void tokenIssuanceIsLimitedPerWallet() {
    TestApp.CLOCK.set(Instant.parse("2026-11-24T10:00:00Z"));
    Http http = new Http(APP.getLocalPort());
    String session = Wallets.signIn(http, Vectors.keypair("host-1"));
    assertThat(http.post("/api/node-tokens", session, null).status()).isEqualTo(201);
    assertThat(http.post("/api/node-tokens", session, null).status()).isEqualTo(201);
    Http.Reply third = http.post("/api/node-tokens", session, null);
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("Retry-After")).isPresent();
    assertThat(third.code()).isEqualTo("RATE_LIMITED");
  }
}
