package io.rigshare.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-command default: embedded PostgreSQL under the data dir, keeping sessions and tokens across restarts. */
class RestartIntegrationTest {
  @TempDir Path dataDir;

  private DropwizardTestSupport<RigshareConfiguration> app() {
    return new DropwizardTestSupport<>(
        TestApp.class,
        ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("dataDir", dataDir.toString()),
        ConfigOverride.config("database.url", ""));
  }

  @Test
  void dataSurvivesARestartOnTheSameDataDir() throws Exception {
    TestApp.CLOCK.set(Instant.parse("2026-11-23T10:00:00Z"));
    String session;
    String tokenId;
    DropwizardTestSupport<RigshareConfiguration> first = app();
    first.before();
    try {
      Http http = new Http(first.getLocalPort());
      session = Wallets.signIn(http, Vectors.keypair("host-2"));
      Http.Reply token = http.post("/api/node-tokens", session, null);
      assertThat(token.status()).isEqualTo(201);
      tokenId = token.json().get("id").asText();
    } finally {
      first.after();
    }
    assertThat(Files.exists(dataDir.resolve("pg/PG_VERSION"))).isTrue();

    DropwizardTestSupport<RigshareConfiguration> second = app();
    second.before();
    try {
      Http http = new Http(second.getLocalPort());
      Http.Reply me = http.get("/api/me", session);
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.json().get("address").asText()).isEqualTo(Vectors.keypair("host-2").address());
      Http.Reply list = http.get("/api/node-tokens", session);
      assertThat(list.json().get("tokens").get(0).get("id").asText()).isEqualTo(tokenId);
    } finally {
      second.after();
    }
  }
}
