package io.rigshare.marketplace.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Funds;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.TestDatabases;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.wire.UsageReceipt;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Jobs on real agent processes (the built agent jar, in child JVMs, running real `sh` jobs under its sandbox) against
 * the real service: live logs, cancel, the time limit, the memory cap, a scrubbed environment, and an agent killed
 * mid-job whose job finishes on another node with one receipt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentJobsIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static DropwizardTestSupport<RigshareConfiguration> api;
  private static Http http;
  private static String host;
  private static String buyer;
  private static AgentProcesses agents;
  private static AgentProcesses.Agent first;

  @BeforeAll
  static void start() throws Exception {
    TestApp.CLOCK.followSystemTime();
    int httpPort = AgentProcesses.freePort();
    DatabaseUrl db = TestDatabases.fresh();
    api = new DropwizardTestSupport<>(
        TestApp.class,
        ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.url", db.jdbcUrl()),
        ConfigOverride.config("database.user", db.user()),
        ConfigOverride.config("publicUrl", "http://localhost:" + httpPort),
        ConfigOverride.config("server.applicationConnectors[0].port", String.valueOf(httpPort)),
        ConfigOverride.config("jobs.leaseTtl", "4 seconds"));
    api.before();
    http = new Http(httpPort);
    host = Wallets.signIn(http, Vectors.keypair("host-1"));
    buyer = Wallets.signIn(http, Vectors.keypair("buyer-1"));
    Funds.credit(api.getConfiguration(), Vectors.keypair("buyer-1").address(), Funds.PLENTY);
    agents = new AgentProcesses(http, host, "http://localhost:" + httpPort);
    first = agents.register("first", Map.of("RIGSHARE_TEST_AGENT_SECRET", "agent-only-secret"));
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

  private static String submit(String command, int timeLimitSeconds, String nodeId) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of(
        "runtime", Map.of("type", "process", "command", command, "env", Map.of("GREETING", "hello")),
        "requirements", Map.of("gpuCount", 0), "maxPricePerHour", 5_000_000, "timeLimitSeconds", timeLimitSeconds));
    if (nodeId != null) {
      body.put("nodeId", nodeId);
    }
    Http.Reply reply = http.postJson("/api/jobs", buyer, body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().get("id").asText();
  }

  private static JsonNode await(String id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode detail;
    do {
      detail = http.get("/api/jobs/" + id, buyer).json();
      String now = detail.get("job").get("state").asText();
      if (now.equals(state)) {
        return detail;
      }
      assertThat(JobStates.ALL.indexOf(now)).as("job %s is %s, waiting for %s: %s", id, now, state, detail)
          .isLessThanOrEqualTo(Math.max(JobStates.ALL.indexOf(state), 2));
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("job " + id + " never became " + state + ": " + detail);
  }

  private static String output(String id) {
    StringBuilder out = new StringBuilder();
    for (JsonNode chunk : http.get("/api/jobs/" + id + "/logs?limit=5000", buyer).json().get("chunks")) {
      out.append(chunk.get("data").asText());
    }
    return out.toString();
  }

  @Test
  @Order(1)
  void aJobRunsInTheSandboxWithItsLogsStreamingLiveAndAVerifiedReceipt() throws Exception {
    String id = submit("for i in 1 2 3; do echo \"$GREETING $i\"; sleep 0.4; done; echo oops >&2; exit 0", 60,
        first.nodeId());
    await(id, "running");
    HttpResponse<InputStream> stream = http.send(
        http.builder("/api/jobs/" + id + "/logs?follow=true", buyer).GET(), HttpResponse.BodyHandlers.ofInputStream());
    List<String> arrivals = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          arrivals.add(System.nanoTime() + " " + line);
        }
      } catch (java.io.IOException e) {
        arrivals.add("error " + e);
      }
    });
    reader.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode done = await(id, "succeeded");
    List<String> logLines = arrivals.stream().filter(l -> l.contains("\"stream\"")).toList();
    assertThat(String.join("\n", logLines)).contains("hello 1", "hello 2", "hello 3", "oops");
    // Live: the first line arrived well before the end event (the job takes 1.2 s).
    long firstAt = Long.parseLong(logLines.get(0).split(" ")[0]);
    long endAt = arrivals.stream().filter(l -> l.endsWith("event: end")).mapToLong(l -> Long.parseLong(l.split(" ")[0]))
        .findFirst().orElseThrow();
    assertThat(Duration.ofNanos(endAt - firstAt)).isGreaterThan(Duration.ofMillis(500));

    JsonNode job = done.get("job");
    assertThat(job.get("exitCode").asInt()).isZero();
    String expected = "hello 1\nhello 2\nhello 3\noops\n";
    assertThat(job.get("outputBytes").asLong()).isEqualTo(expected.length());
    assertThat(job.get("outputSha256").asText())
        .isEqualTo(SimulatedAgent.sha256(expected.getBytes(StandardCharsets.UTF_8)));
    JsonNode r = job.get("receipt");
    UsageReceipt receipt = new UsageReceipt(id, r.get("attempt").asInt(), r.get("nodeKey").asText(),
        r.get("outcome").asText(), r.get("exitCode").asInt(), Instant.parse(r.get("startedAt").asText()),
        Instant.parse(r.get("endedAt").asText()), r.get("outputBytes").asLong(), r.get("resultSha256").asText());
    assertThat(receipt.verify(r.get("signature").asText())).isTrue();
    assertThat(Duration.between(receipt.startedAt(), receipt.endedAt())).isGreaterThan(Duration.ofMillis(1000));
  }

  @Test
  @Order(2)
  void theJobSeesOnlyItsOwnEnvironmentAndCannotReadTheAgentsKey() throws Exception {
    String id = submit("env | sort; cat " + first.dataDir().resolve("node-key.json") + " && echo KEY-READ; exit 0",
        60, first.nodeId());
    JsonNode done = await(id, "succeeded");
    String out = output(id);
    assertThat(out).contains("GREETING=hello", "RIGSHARE_JOB_ID=" + id, "RIGSHARE_JOB_ATTEMPT=1",
        "Permission denied");
    assertThat(out).doesNotContain("agent-only-secret", "RIGSHARE_TEST_AGENT_SECRET", "KEY-READ", "JAVA_HOME");
    assertThat(done.get("job").get("exitCode").asInt()).isZero();
  }

  @Test
  @Order(3)
  void cancelKillsARunningJobOnItsHost() throws Exception {
    String id = submit("echo started; sleep 300", 600, first.nodeId());
    await(id, "running");
    agents.awaitOutput(id, "started", http, buyer);
    assertThat(http.post("/api/jobs/" + id + "/cancel", buyer, null).status()).isEqualTo(200);
    JsonNode done = await(id, "cancelled");
    assertThat(done.get("job").get("receipt").get("outcome").asText()).isEqualTo("cancelled");
    assertThat(Duration.between(Instant.parse(done.get("job").get("receipt").get("startedAt").asText()),
        Instant.parse(done.get("job").get("receipt").get("endedAt").asText()))).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  @Order(4)
  void theTimeLimitStopsAJob() throws Exception {
    String id = submit("echo tick; sleep 300", 2, first.nodeId());
    JsonNode done = await(id, "timed_out");
    JsonNode receipt = done.get("job").get("receipt");
    assertThat(receipt.get("outcome").asText()).isEqualTo("timed_out");
    Duration ran = Duration.between(Instant.parse(receipt.get("startedAt").asText()),
        Instant.parse(receipt.get("endedAt").asText()));
    assertThat(ran).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
  }

  @Test
  @Order(5)
  void theOwnersMemoryLimitCapsAProcessJob() throws Exception {
    Http.Reply limited = http.send(http.builder("/api/nodes/" + first.nodeId(), host)
        .header("Content-Type", "application/json")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"limits\":{\"memoryBytes\":" + (256L << 20) + "}}")));
    assertThat(limited.status()).as(limited.toString()).isEqualTo(200);
    agents.awaitLimitsAcknowledged(first.nodeId());
    // tail keeps a line without newline in memory: 600 MB of zeros cannot fit under 256 MB.
    String id = submit("head -c 600000000 /dev/zero | tail > /dev/null; echo \"exit=$?\"", 60, first.nodeId());
    await(id, "succeeded");
    assertThat(output(id)).doesNotContain("exit=0").containsPattern("exit=[1-9]");
    String fits = submit("head -c 50000000 /dev/zero | tail > /dev/null; echo \"exit=$?\"", 60, first.nodeId());
    await(fits, "succeeded");
    assertThat(output(fits)).contains("exit=0");
  }

  @Test
  @Order(6)
  void anAgentKilledMidJobHasItsJobFinishedByAnotherNodeWithOneReceipt() throws Exception {
    String id = submit("echo begin; sleep 8; echo end", 120, null);
    JsonNode running = await(id, "running");
    assertThat(running.get("job").get("nodeId").asText()).isEqualTo(first.nodeId());
    AgentProcesses.Agent second = agents.register("second", Map.of());
    first.kill(); // SIGKILL: no goodbye, no report; only the lease (4 s here) notices
    JsonNode done = await(id, "succeeded");
    JsonNode job = done.get("job");
    assertThat(job.get("attempt").asInt()).isEqualTo(2);
    assertThat(job.get("nodeId").asText()).isEqualTo(second.nodeId());
    assertThat(job.get("receipt").get("attempt").asInt()).isEqualTo(2);
    assertThat(done.get("attempts").findValuesAsText("outcome")).containsExactly("lost", "succeeded");
    List<String> to = new ArrayList<>(done.get("transitions").findValuesAsText("to"));
    assertThat(to).containsExactly("queued", "assigned", "running", "queued", "assigned", "running", "succeeded");
  }
}
