package io.rigshare.marketplace.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class NodeTokenIntegrationTest {
  static final DropwizardAppExtension<RigshareConfiguration> APP = TestApp.extension();

  private Http http;
  private String walletA;
  private String walletB;

  @BeforeEach
  void setUp() {
    TestApp.CLOCK.set(Instant.parse("2026-11-23T10:00:00Z").plus(Duration.ofDays(counter++)));
    http = new Http(APP.getLocalPort());
    walletA = Wallets.signIn(http, Vectors.keypair("host-1"));
    walletB = Wallets.signIn(http, Vectors.keypair("buyer-1"));
  }

  private static int counter;

  private JsonNode issue(String session) {
    Http.Reply reply = http.post("/api/node-tokens", session, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json();
  }

  private List<String> listedIds(String session) {
    Http.Reply reply = http.get("/api/node-tokens", session);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    reply.json().get("tokens").forEach(t -> {
      assertThat(t.has("token")).as("listing must not reveal secrets").isFalse();
      ids.add(t.get("id").asText());
    });
    return ids;
  }

  @Test
  void issuedTokenCarriesTheCommandAndIsListedWithoutItsSecret() {
    Http.Reply reply = http.post("/api/node-tokens", walletA, null);
    assertThat(reply.status()).isEqualTo(201);
    JsonNode token = reply.json();
    assertThat(reply.header("Location")).get().asString().endsWith("/api/node-tokens/" + token.get("id").asText());
    assertThat(token.get("token").asText()).startsWith("rsn_").hasSize(47);
    assertThat(Instant.parse(token.get("expiresAt").asText())).isEqualTo(TestApp.CLOCK.instant().plus(Duration.ofMinutes(15)));
    assertThat(token.get("agentCommand").asText())
        .isEqualTo("java -jar rigshare-agent.jar register --api http://localhost:8080 --token " + token.get("token").asText());
    assertThat(token.get("installCommand").asText())
        .isEqualTo("curl -fsSL http://localhost:8080/install.sh | sudo bash -s -- --token " + token.get("token").asText());
    assertThat(listedIds(walletA)).containsExactly(token.get("id").asText());
  }

  @Test
  void anotherWalletCanNeitherSeeNorRevoke() {
    String id = issue(walletA).get("id").asText();
    assertThat(listedIds(walletB)).isEmpty();
    Http.Reply revoke = http.delete("/api/node-tokens/" + id, walletB);
    assertThat(revoke.status()).isEqualTo(404);
    assertThat(revoke.code()).isEqualTo("NOT_FOUND");
    assertThat(listedIds(walletA)).containsExactly(id);
  }

  @Test
  void revokedTokenLeavesTheListAndCannotBeRevokedTwice() {
    String keep = issue(walletA).get("id").asText();
    String drop = issue(walletA).get("id").asText();
    assertThat(http.delete("/api/node-tokens/" + drop, walletA).status()).isEqualTo(204);
    assertThat(listedIds(walletA)).containsExactly(keep);
    assertThat(http.delete("/api/node-tokens/" + drop, walletA).status()).isEqualTo(404);
    assertThat(http.delete("/api/node-tokens/not-a-uuid", walletA).code()).isEqualTo("NOT_FOUND");
  }

  @Test
  void expiredTokensDropOutOfTheList() {
    String first = issue(walletA).get("id").asText();
    TestApp.CLOCK.advance(Duration.ofMinutes(10));
    String second = issue(walletA).get("id").asText();
    assertThat(listedIds(walletA)).containsExactly(second, first);
    TestApp.CLOCK.advance(Duration.ofMinutes(5));
    assertThat(listedIds(walletA)).containsExactly(second);
    TestApp.CLOCK.advance(Duration.ofMinutes(10));
    assertThat(listedIds(walletA)).isEmpty();
    assertThat(http.delete("/api/node-tokens/" + second, walletA).status()).isEqualTo(404);
  }

  @Test
  void aWalletHoldsAtMostTheConfiguredNumberOfLiveTokens() {
    for (int i = 0; i < 5; i++) {
      issue(walletA);
    }
    Http.Reply sixth = http.post("/api/node-tokens", walletA, null);
    assertThat(sixth.status()).isEqualTo(409);
    assertThat(sixth.code()).isEqualTo("TOO_MANY_TOKENS");
    issue(walletB);
    TestApp.CLOCK.advance(Duration.ofMinutes(16));
    issue(walletA);
  }

  @Test
  void everyEndpointNeedsASession() {
    assertThat(http.post("/api/node-tokens", null, null).code()).isEqualTo("UNAUTHORIZED");
    assertThat(http.get("/api/node-tokens", null).code()).isEqualTo("UNAUTHORIZED");
    assertThat(http.delete("/api/node-tokens/" + java.util.UUID.randomUUID(), null).code()).isEqualTo("UNAUTHORIZED");
  }
}
