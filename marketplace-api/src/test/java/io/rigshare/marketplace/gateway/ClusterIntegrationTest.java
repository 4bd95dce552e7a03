package io.rigshare.marketplace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.TestDatabases;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two API instances on one PostgreSQL: state written by one is what the other serves, and events cross over. */
class ClusterIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final DatabaseUrl DB = TestDatabases.fresh();
  private static DropwizardTestSupport<RigshareConfiguration> a;
  private static DropwizardTestSupport<RigshareConfiguration> b;

  private static DropwizardTestSupport<RigshareConfiguration> instance() throws Exception {
    DropwizardTestSupport<RigshareConfiguration> app = new DropwizardTestSupport<>(
        TestApp.class,
        ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.url", DB.jdbcUrl()),
        ConfigOverride.config("database.user", DB.user()));
    app.before();
    return app;
  }

  @BeforeAll
  static void start() throws Exception {
    TestApp.CLOCK.set(Instant.parse("2026-12-01T10:00:00Z"));
    a = instance();
    b = instance();
  }

  @AfterAll
  static void stop() {
    // In reverse order: each support restores the system properties it found when it started, so stopping a first
    // would let b put a's config overrides back for every later test class in this JVM.
    if (b != null) {
      b.after();
    }
    if (a != null) {
      a.after();
    }
  }

  private static URI agentUrl(Http http) {
    return URI.create(http.get("/api/agent/config", null).json().get("agentUrl").asText());
  }

  @Test
  void aNodeOnInstanceAIsOnlineThroughBAndFollowsBsCommands() throws Exception {
    Http viaA = new Http(a.getLocalPort());
    Http viaB = new Http(b.getLocalPort());
    assertThat(agentUrl(viaA)).isNotEqualTo(agentUrl(viaB));
    String session = Wallets.signIn(viaA, Vectors.keypair("host-2"));
    String token = viaB.post("/api/node-tokens", session, null).json().get("token").asText();

    Keypair key = Keypair.generate(new SecureRandom());
    try (SimulatedAgent onA = new SimulatedAgent(agentUrl(viaA), key, TestApp.CLOCK)) {
      onA.open(WAIT);
      String nodeId = ((Message.Registered) onA.register(token, "clustered", WAIT)).nodeId();

      JsonNode seenByB = viaB.get("/api/nodes/" + nodeId, session).json().get("node");
      assertThat(seenByB.get("state").asText()).isEqualTo("online");

      // Limits changed through B reach the socket held by A (LISTEN/NOTIFY), and A stores the ack.
      Http.Reply patched = viaB.send(viaB.builder("/api/nodes/" + nodeId, session)
          .header("Content-Type", "application/json")
          .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"limits\":{\"cpuCores\":2}}")));
      assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
      Message.Limits limits = onA.nextOf(Message.Limits.class, WAIT);
      assertThat(limits).isNotNull();
      assertThat(limits.limits().cpuCores()).isEqualTo(2);
      onA.send(new Message.Ack(limits.id(), true, null));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!viaB.get("/api/nodes/" + nodeId, session).json().get("node").get("limitsAcknowledged").asBoolean()) {
        assertThat(System.nanoTime()).as("ack visible through B").isLessThan(deadline);
        Thread.sleep(50);
      }

      // The node moves to B: A's connection is closed as replaced, and the node stays online.
      try (SimulatedAgent onB = new SimulatedAgent(agentUrl(viaB), key, TestApp.CLOCK)) {
        onB.open(WAIT);
        assertThat(onB.authenticate(WAIT)).isInstanceOf(Message.Authenticated.class);
        assertThat(onA.closed().get(10, TimeUnit.SECONDS)).isEqualTo(AgentGateway.CLOSE_REPLACED);
        Thread.sleep(500);
        assertThat(viaA.get("/api/nodes/" + nodeId, session).json().get("node").get("state").asText())
            .isEqualTo("online");
      }
    }
  }
}
