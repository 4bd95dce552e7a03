package io.rigshare.marketplace.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.jobs.AgentProcesses;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.TestDatabases;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.wire.Wire;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real agent process (the bundled jar) on this machine's OpenCL: on PoCL its only device is the CPU. Its benchmark
 * frame arrives after registration and is stored; the CPU device is labeled CPU, so the node gets no score and no
 * listing. The node has no GPU, so the server challenges that device (n = 1024): the agent's real commitment and
 * opened rows are checked by the server's real row checks, and the node becomes verified.
 */
class AgentBenchmarkIntegrationTest {
  private static DropwizardTestSupport<RigshareConfiguration> api;
  private static DatabaseUrl db;
  private static Http http;
  private static String owner;
  private static AgentProcesses agents;

  @BeforeAll
  static void start() throws Exception {
    TestApp.CLOCK.followSystemTime();
    int httpPort = AgentProcesses.freePort();
    db = TestDatabases.fresh();
    api = new DropwizardTestSupport<>(TestApp.class, ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.url", db.jdbcUrl()), ConfigOverride.config("database.user", db.user()),
        ConfigOverride.config("publicUrl", "http://localhost:" + httpPort),
        ConfigOverride.config("server.applicationConnectors[0].port", String.valueOf(httpPort)));
    api.before();
    http = new Http(httpPort);
    owner = Wallets.signIn(http, Vectors.keypair("host-1"));
    agents = new AgentProcesses(http, owner, "http://localhost:" + httpPort);
  }

  @AfterAll
  static void stop() {
    if (agents != null) {
      agents.close();
    }
    if (api != null) {
      api.after();
    }
  }

  @Test
  void theAgentsCpuDeviceIsLabeledCpuPassesTheChallengeAndIsNeverListed() throws Exception {
    AgentProcesses.Agent agent = agents.register("bench-rig", Map.of());
    AgentProcesses.eventually(() -> !http.get("/api/nodes/" + agent.nodeId(), owner).json().get("node")
        .get("benchmarkAt").isNull(), "the agent's benchmark frame (log: " + agent.log() + ")");

    JsonNode report = Wire.mapper().readTree(storedBenchmark(agent.nodeId()));
    assertThat(report.get("formulaVersion").asInt()).isEqualTo(1);
    assertThat(report.path("score").isNull() || report.path("score").isMissingNode()).as("no GPU score").isTrue();
    assertThat(report.get("results")).as("OpenCL devices benchmarked: " + report).isNotEmpty();
    for (JsonNode device : report.get("results")) {
      assertThat(device.get("kind").asText()).as("device " + device.get("device")).isEqualTo("CPU");
      assertThat(device.path("score").isNull() || device.path("score").isMissingNode()).isTrue();
      assertThat(device.path("note").asText()).contains("never priced");
    }

    AgentProcesses.eventually(() -> !http.get("/api/nodes/" + agent.nodeId(), owner).json().get("node")
        .get("verification").asText().equals("pending"), "the challenge's outcome (log: " + agent.log() + ")");
    JsonNode node = http.get("/api/nodes/" + agent.nodeId(), owner).json().get("node");
    assertThat(node.get("verification").asText()).as(node.toString()).isEqualTo("verified");
    assertThat(challenges(agent.nodeId())).as("the challenge: gpu index, n, outcome, opened rows")
        .isEqualTo("null 1024 passed 4");
    assertThat(node.get("score").isNull()).isTrue();
    assertThat(node.get("gpuCount").asInt()).isZero();
    assertThat(http.get("/api/offers?size=100", null).json().get("items").findValuesAsText("id"))
        .doesNotContain(agent.nodeId());
  }

  private static String challenges(String nodeId) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement s = c.prepareStatement("SELECT gpu_index || '', n, outcome, cardinality(rows), reason"
            + " FROM benchmark_challenges WHERE node_id = ?")) {
      s.setObject(1, UUID.fromString(nodeId));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a challenge").isTrue();
        String row = rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getInt(4)
            + (rs.getString(5) == null ? "" : " (" + rs.getString(5) + ")");
        assertThat(rs.next()).as("one challenge").isFalse();
        return row;
      }
    }
  }

  private static String storedBenchmark(String nodeId) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement s = c.prepareStatement("SELECT benchmark::text FROM nodes WHERE id = ?")) {
      s.setObject(1, UUID.fromString(nodeId));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }
}
