package io.rigshare.marketplace.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.rigshare.contracts.Commitment;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.SolanaConfig;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-command default starts the local Solana runtime: a real mint and a funded treasury, kept across restarts. */
class ChainIntegrationTest {
  @TempDir Path dataDir;

  private DropwizardTestSupport<RigshareConfiguration> app() {
    return TestApp.support(
        ConfigOverride.config("dataDir", dataDir.toString()),
        ConfigOverride.config("chain.localnet", "true"));
  }

  @Test
  void localRuntimeCarriesTheRewardTokenAcrossRestarts() throws Exception {
    DropwizardTestSupport<RigshareConfiguration> first = app();
    first.before();
    JsonNode chain;
    try {
      Http http = new Http(first.getLocalPort());
      chain = http.get("/api/chain", null).json();
      assertThat(chain.get("cluster").asText()).isEqualTo("localnet");
      assertThat(chain.get("decimals").asInt()).isEqualTo(6);
      assertThat(chain.get("explorerUrl").asText()).contains("cluster=custom");
      // Read the chain independently of the service: the treasury holds the reward token.
      try (SolanaClient solana = SolanaClient.connect(new SolanaConfig(chain.get("rpcUrl").asText(),
          Commitment.CONFIRMED, 0, 200_000, chain.get("mint").asText(), 6,
          dataDir.resolve("solana/treasury.json")))) {
        assertThat(solana.treasury()).isEqualTo(chain.get("treasury").asText());
        assertThat(solana.tokenBalance(chain.get("treasury").asText()).baseUnits()).isPositive();
      }
      Http admin = new Http(first.getAdminPort());
      JsonNode health = admin.get("/healthcheck", null).json();
      assertThat(health.get("solana").get("healthy").asBoolean()).isTrue();
      assertThat(health.get("ledger").get("healthy").asBoolean()).as(health.toString()).isTrue();
    } finally {
      first.after();
    }
    DropwizardTestSupport<RigshareConfiguration> second = app();
    second.before();
    try {
      JsonNode again = new Http(second.getLocalPort()).get("/api/chain", null).json();
      assertThat(again.get("mint").asText()).isEqualTo(chain.get("mint").asText());
      assertThat(again.get("treasury").asText()).isEqualTo(chain.get("treasury").asText());
    } finally {
      second.after();
    }
  }

  @Test
  void withoutAChainTheEndpointSaysSo() throws Exception {
    DropwizardTestSupport<RigshareConfiguration> app = TestApp.support();
    app.before();
    try {
      Http.Reply reply = new Http(app.getLocalPort()).get("/api/chain", null);
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.code()).isEqualTo("SERVICE_UNAVAILABLE");
    } finally {
      app.after();
    }
  }
}
