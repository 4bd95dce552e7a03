package io.rigshare.marketplace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent (the built jar, in a child JVM) against the real service on the embedded database: it registers with a
 * token, comes back by itself after the API is stopped and started again on the same data dir, and its node goes
 * offline when the agent process is killed.
 */
class AgentProcessIntegrationTest {
  @TempDir Path apiData;
  @TempDir Path agentData;
  private Process agent;
  private DropwizardTestSupport<RigshareConfiguration> api;

  @AfterEach
  void tearDown() {
    if (agent != null) {
      agent.destroyForcibly();
    }
    if (api != null) {
      api.after();
    }
  }

  private DropwizardTestSupport<RigshareConfiguration> startApi(int httpPort, int agentPort) throws Exception {
    DropwizardTestSupport<RigshareConfiguration> app = new DropwizardTestSupport<>(
        TestApp.class,
        ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("dataDir", apiData.toString()),
        ConfigOverride.config("database.url", ""),
        ConfigOverride.config("publicUrl", "http://localhost:" + httpPort),
        ConfigOverride.config("server.applicationConnectors[0].port", String.valueOf(httpPort)),
        ConfigOverride.config("agentGateway.port", String.valueOf(agentPort)));
    app.before();
    return app;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static Path agentJar() {
    Path jar = Path.of("target/classes/agent/rigshare-agent.jar");
    assertThat(jar).as("the agent jar bundled by the build").exists();
    return jar;
  }

  private Process startAgent(String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", agentJar().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--data-dir", agentData.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(new File(agentData.toFile(), "../agent-" + System.nanoTime() + ".log"))
        .start();
  }

  private static void eventually(Supplier<Boolean> condition, Duration limit, String what) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String state(Http http, String session) {
    JsonNode items = http.get("/api/nodes/mine", session).json().path("items");
    return items.size() == 0 ? "none" : items.get(0).get("state").asText();
  }

  @Test
  void registersSurvivesAnApiRestartAndGoesOfflineWhenKilled() throws Exception {
    TestApp.CLOCK.followSystemTime();
    int httpPort = freePort();
    int agentPort = freePort();
    api = startApi(httpPort, agentPort);
    Http http = new Http(httpPort);
    String session = Wallets.signIn(http, Vectors.keypair("host-1"));
    JsonNode token = http.post("/api/node-tokens", session, null).json();
    String command = token.get("agentCommand").asText();
    assertThat(command).contains("register --api http://localhost:" + httpPort);

    agent = startAgent("register", "--api", "http://localhost:" + httpPort, "--token", token.get("token").asText(),
        "--name", "process-test");
    eventually(() -> state(http, session).equals("online"), Duration.ofSeconds(40), "the node online");
    JsonNode node = http.get("/api/nodes/mine", session).json().get("items").get(0);
    assertThat(node.get("name").asText()).isEqualTo("process-test");
    eventually(() -> http.get("/api/nodes/mine", session).json().get("items").get(0).hasNonNull("hardware"),
        Duration.ofSeconds(20), "the hardware report");
    JsonNode hardware = http.get("/api/nodes/mine", session).json().get("items").get(0).get("hardware");
    assertThat(hardware.get("cpu").get("logicalThreads").asInt()).isPositive();
    assertThat(hardware.get("memory").get("totalBytes").asLong()).isPositive();
    assertThat(Files.exists(agentData.resolve("node-key.json"))).isTrue();
    String nodeKey = node.get("nodeKey").asText();

    // Limits set by the owner reach the running agent, which checks them against its hardware and acknowledges.
    String id = node.get("id").asText();
    Http.Reply patched = http.send(http.builder("/api/nodes/" + id, session)
        .header("Content-Type", "application/json")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"limits\":{\"cpuCores\":1}}")));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    eventually(() -> http.get("/api/nodes/" + id, session).json().get("node").get("limitsAcknowledged").asBoolean(),
        Duration.ofSeconds(20), "the agent's acknowledgement of the limits");
    assertThat(Files.readString(agentData.resolve("limits.json"))).contains("\"cpuCores\"").contains("1");
    // Limits beyond this host's hardware are refused by the agent, with its reason shown to the owner.
    http.send(http.builder("/api/nodes/" + id, session)
        .header("Content-Type", "application/json")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"limits\":{\"cpuCores\":4096}}")));
    eventually(() -> http.get("/api/nodes/" + id, session).json().get("node").hasNonNull("limitsError"),
        Duration.ofSeconds(20), "the agent's refusal of impossible limits");

    // The same token again, from a second agent data dir: refused as used.
    Path otherData = Files.createTempDirectory("agent2");
    Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        agentJar().toString(), "register", "--api", "http://localhost:" + httpPort, "--token",
        token.get("token").asText(), "--no-run", "--data-dir", otherData.toString())
        .redirectErrorStream(true).start();
    String output = new String(second.getInputStream().readAllBytes());
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(output).isEqualTo(10);
    assertThat(output).contains("TOKEN_USED");

    // The API goes away and comes back on the same data dir and ports: the agent reconnects by itself.
    api.after();
    api = null;
    api = startApi(httpPort, agentPort);
    Http again = new Http(httpPort);
    eventually(() -> {
      JsonNode n = again.get("/api/nodes/mine", session).json().get("items").get(0);
      return n.get("state").asText().equals("online")
          && Instant.parse(n.get("lastHeartbeatAt").asText()).isAfter(Instant.now().minusSeconds(5));
    }, Duration.ofSeconds(60), "the node back online after the restart");
    assertThat(again.get("/api/nodes/mine", session).json().get("items").get(0).get("nodeKey").asText())
        .isEqualTo(nodeKey);
    // The stopping instance released its nodes in one statement, before its database went away.
    assertThat(again.get("/api/nodes/" + id, session).json().get("transitions").findValuesAsText("reason"))
        .contains("API instance shutting down");

    // The agent dies without a word: its socket closes and the node goes offline.
    agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    eventually(() -> state(again, session).equals("offline"), Duration.ofSeconds(15), "offline after the kill");
  }
}
