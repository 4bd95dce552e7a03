package io.rigshare.marketplace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.TestDatabases;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Chromium signs in to the real app with an injected Wallet Standard wallet, adds and revokes a registration
 * token and signs out ({@code frontend/e2e/signin.e2e.mjs}); then the database and the API must show what it did.
 * Needs {@code node} on the PATH, {@code /usr/bin/chromium} and the frontend's {@code node_modules}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BrowserSignInIntegrationTest {
  private static final DatabaseUrl DB = TestDatabases.fresh();
  // The SIWS domain is publicUrl's host:port, so the browser must reach the app on a port known before it starts.
  private static final int PORT = freePort();
  private static final String BASE = "http://localhost:" + PORT;
  static final DropwizardAppExtension<RigshareConfiguration> APP =
      new DropwizardAppExtension<>(
          TestApp.class,
          ResourceHelpers.resourceFilePath("test-config.yml"),
          ConfigOverride.config("database.url", DB.jdbcUrl()),
          ConfigOverride.config("database.user", DB.user()),
          ConfigOverride.config("publicUrl", BASE),
          ConfigOverride.config("server.applicationConnectors[0].port", String.valueOf(PORT)));

  private static final List<String> STEPS =
      List.of("connect-wallet", "sign-in", "session-on-server", "open-add-node", "reload-deep-link", "generate-token",
          "token-listed", "revoke-token", "sign-out");

  @BeforeEach
  void realTime() {
    // The browser wallet and the page's countdowns use the real clock.
    TestApp.CLOCK.set(Instant.now());
  }

  @ParameterizedTest(name = "wallet sign-in path: {0}")
  @ValueSource(strings = {"signIn", "signMessage"})
  void signsInAddsAndRevokesATokenAndSignsOut(String mode) throws Exception {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    Keypair wallet = Keypair.fromSeed(seed);
    Path screenshots = E2eScript.repoRoot().resolve("marketplace-api/target/e2e-screenshots").resolve(mode);

    E2eScript.Result run = E2eScript.run(BASE, HexFormat.of().formatHex(seed), screenshots, mode);

    assertThat(run.exitCode())
        .as("exit code of the browser run (screenshots in %s); its output:%n%s", screenshots, run.output())
        .isZero();
    JsonNode result = run.json();
    assertThat(result.path("ok").asBoolean()).as("%s", run.output()).isTrue();
    assertThat(result.path("address").asText()).isEqualTo(wallet.address());
    assertThat(result.path("tokenPrefix").asText()).isEqualTo("rsn_");
    assertThat(texts(result.path("steps"))).containsSubsequence(STEPS).contains("wallet-used-" + mode);
    try (var files = Files.list(screenshots)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("screenshots in %s", screenshots)
          .contains("04-signed-in.png", "07-token-generated.png", "09-signed-out.png");
    }

    assertDatabaseShowsOneSignInOneRevokedTokenAndASignOut(wallet.address());

    Http http = new Http(APP.getLocalPort());
    String session = Wallets.signIn(http, wallet);
    Http.Reply tokens = http.get("/api/node-tokens", session);
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    assertThat(tokens.json().get("tokens")).as("the revoked token is no longer listed").isEmpty();
  }

  private static void assertDatabaseShowsOneSignInOneRevokedTokenAndASignOut(String address) {
    Jdbi jdbi = Jdbi.create(DB.jdbcUrl(), DB.user(), DB.password());
    jdbi.useHandle(h -> {
      List<Map<String, Object>> challenges =
          h.createQuery("SELECT used_at FROM auth_challenges WHERE address = ?").bind(0, address).mapToMap().list();
      assertThat(challenges).as("challenges of %s", address).hasSize(1);
      assertThat(challenges.get(0).get("used_at")).as("the challenge opened the session").isNotNull();

      List<Map<String, Object>> sessions =
          h.createQuery("SELECT revoked_at FROM sessions WHERE address = ?").bind(0, address).mapToMap().list();
      assertThat(sessions).as("sessions of %s", address).hasSize(1);
      assertThat(sessions.get(0).get("revoked_at")).as("Sign out revoked the session").isNotNull();

      List<Map<String, Object>> tokens =
          h.createQuery("SELECT used_at, revoked_at FROM node_tokens WHERE wallet = ?").bind(0, address).mapToMap()
              .list();
      assertThat(tokens).as("registration tokens of %s", address).hasSize(1);
      assertThat(tokens.get(0).get("revoked_at")).as("the token was revoked").isNotNull();
      assertThat(tokens.get(0).get("used_at")).as("the token was never redeemed").isNull();
    });
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
