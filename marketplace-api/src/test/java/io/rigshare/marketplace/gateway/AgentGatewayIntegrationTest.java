package io.rigshare.marketplace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.Message;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway over a real WebSocket, frame by frame, with real keys; node state read back through the REST API. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AgentGatewayIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  static final DropwizardAppExtension<RigshareConfiguration> APP = TestApp.extension();

  private static int day;
  private final SecureRandom random = new SecureRandom();
  private String lastNodeId;
  private Http http;
  private String owner;
  private URI agentUrl;

  @BeforeEach
  void setUp() {
    // Each test on its own day, so tokens left by another test have expired.
    TestApp.CLOCK.set(Instant.parse("2026-11-23T10:00:00Z").plus(Duration.ofDays(day++)));
    http = new Http(APP.getLocalPort());
    owner = Wallets.signIn(http, Vectors.keypair("host-1"));
    JsonNode config = http.get("/api/agent/config", null).json();
    agentUrl = URI.create(config.get("agentUrl").asText());
    assertThat(config.get("domain").asText()).isEqualTo("localhost:8080");
    assertThat(config.get("heartbeatIntervalSeconds").asInt()).isEqualTo(1);
  }

  private String newToken() {
    Http.Reply reply = http.post("/api/node-tokens", owner, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().get("token").asText();
  }

  private SimulatedAgent agent(Keypair key) throws InterruptedException {
    SimulatedAgent agent = new SimulatedAgent(agentUrl, key, TestApp.CLOCK);
    agent.open(WAIT);
    return agent;
  }

  private SimulatedAgent registered(String name) throws InterruptedException {
    SimulatedAgent agent = agent(Keypair.generate(random));
    Message reply = agent.register(newToken(), name, WAIT);
    assertThat(reply).as("register reply").isInstanceOf(Message.Registered.class);
    lastNodeId = ((Message.Registered) reply).nodeId();
    return agent;
  }

  private JsonNode node(String id) {
    Http.Reply reply = http.get("/api/nodes/" + id, owner);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void registrationBringsTheNodeOnlineUnderTheWallet() throws Exception {
    try (SimulatedAgent agent = agent(Keypair.generate(random))) {
      Message reply = agent.register(newToken(), "rig-01", WAIT);
      Message.Registered registered = (Message.Registered) reply;
      assertThat(registered.wallet()).isEqualTo(Vectors.keypair("host-1").address());
      assertThat(registered.heartbeatIntervalSeconds()).isEqualTo(1);
      JsonNode node = node(registered.nodeId()).get("node");
      assertThat(node.get("state").asText()).isEqualTo("online");
      assertThat(node.get("name").asText()).isEqualTo("rig-01");
      assertThat(node.get("nodeKey").asText()).isEqualTo(agent.key().address());
      JsonNode mine = http.get("/api/nodes/mine", owner).json();
      assertThat(mine.get("items").findValuesAsText("id")).contains(registered.nodeId());
      List<String> states = node(registered.nodeId()).get("transitions").findValuesAsText("toState");
      assertThat(states).containsExactly("online", "installing");
    }
  }

  @Test
  void aTokenRegistersOnceAndExpires() throws Exception {
    Http.Reply issued = http.post("/api/node-tokens", owner, null);
    String token = issued.json().get("token").asText();
    String tokenId = issued.json().get("id").asText();
    assertThat(http.get("/api/node-tokens/" + tokenId, owner).json().get("state").asText()).isEqualTo("pending");
    try (SimulatedAgent first = agent(Keypair.generate(random));
        SimulatedAgent second = agent(Keypair.generate(random))) {
      assertThat(first.register(token, "a", WAIT)).isInstanceOf(Message.Registered.class);
      Message refused = second.register(token, "b", WAIT);
      assertThat(((Message.Error) refused).code()).isEqualTo("TOKEN_USED");
      assertThat(second.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1008);
    }
    JsonNode status = http.get("/api/node-tokens/" + tokenId, owner).json();
    assertThat(status.get("state").asText()).isEqualTo("used");
    assertThat(status.get("nodeId").asText()).isNotBlank();
    String stranger = Wallets.signIn(http, Vectors.keypair("buyer-1"));
    assertThat(http.get("/api/node-tokens/" + tokenId, stranger).code()).isEqualTo("NOT_FOUND");
    String late = newToken();
    TestApp.CLOCK.advance(Duration.ofMinutes(15));
    try (SimulatedAgent agent = agent(Keypair.generate(random))) {
      assertThat(((Message.Error) agent.register(late, "c", WAIT)).code()).isEqualTo("TOKEN_EXPIRED");
    }
    try (SimulatedAgent agent = agent(Keypair.generate(random))) {
      assertThat(((Message.Error) agent.register("rsn_nope", "d", WAIT)).code()).isEqualTo("INVALID_TOKEN");
    }
  }

  @Test
  void forgedReplayedAndUnknownProofsAreRefused() throws Exception {
    Keypair key = Keypair.generate(random);
    try (SimulatedAgent agent = agent(key)) {
      assertThat(agent.register(newToken(), "x", WAIT)).isInstanceOf(Message.Registered.class);
    }
    // Replay: a proof signed for one connection's nonce, presented on another.
    Message.Auth recorded;
    try (SimulatedAgent first = agent(key)) {
      Message.Challenge c = first.hello(WAIT);
      Instant at = AuthProof.signingTime(TestApp.CLOCK.instant());
      recorded = new Message.Auth(key.address(), at, AuthProof.sign(key, "auth", c.domain(), c.nonce(), at, null));
    }
    try (SimulatedAgent replayer = agent(key)) {
      replayer.hello(WAIT);
      replayer.send(recorded);
      assertThat(((Message.Error) replayer.next(WAIT)).code()).isEqualTo("INVALID_SIGNATURE");
    }
    // Forged: another key signs for this node's key.
    Keypair thief = Keypair.generate(random);
    try (SimulatedAgent forger = agent(key)) {
      Message.Challenge c = forger.hello(WAIT);
      Instant at = AuthProof.signingTime(TestApp.CLOCK.instant());
      String sig = AuthProof.sign(thief, "auth", c.domain(), c.nonce(), at, null);
      forger.send(new Message.Auth(key.address(), at, sig));
      assertThat(((Message.Error) forger.next(WAIT)).code()).isEqualTo("INVALID_SIGNATURE");
    }
    // Stale: a correct signature whose time is far from the server's.
    try (SimulatedAgent late = agent(key)) {
      Message.Challenge c = late.hello(WAIT);
      Instant at = AuthProof.signingTime(TestApp.CLOCK.instant().minus(Duration.ofMinutes(5)));
      late.send(new Message.Auth(key.address(), at, AuthProof.sign(key, "auth", c.domain(), c.nonce(), at, null)));
      assertThat(((Message.Error) late.next(WAIT)).code()).isEqualTo("CHALLENGE_EXPIRED");
    }
    try (SimulatedAgent stranger = agent(thief)) {
      assertThat(((Message.Error) stranger.authenticate(WAIT)).code()).isEqualTo("NODE_NOT_FOUND");
    }
    try (SimulatedAgent honest = agent(key)) {
      assertThat(honest.authenticate(WAIT)).isInstanceOf(Message.Authenticated.class);
    }
  }

  @Test
  void badFramesGetErrorFramesAndTheNodeStaysOnline() throws Exception {
    try (SimulatedAgent agent = registered("frames")) {
      agent.sendRaw("this is not json");
      assertThat(((Message.Error) agent.next(WAIT)).code()).isEqualTo("MALFORMED_MESSAGE");
      agent.sendRaw("{\"type\":\"heartbeat\",\"seq\":\"seven\"}");
      assertThat(((Message.Error) agent.next(WAIT)).code()).isEqualTo("MALFORMED_MESSAGE");
      agent.sendRaw("{\"type\":\"self-destruct\"}");
      assertThat(((Message.Error) agent.next(WAIT)).code()).isEqualTo("UNKNOWN_TYPE");
      agent.sendRaw("{\"type\":\"heartbeat\",\"seq\":1,\"pad\":\"" + "x".repeat(200_000) + "\"}");
      assertThat(((Message.Error) agent.next(WAIT)).code()).isEqualTo("FRAME_TOO_LARGE");
      agent.send(new Message.Hello(1, "again", agent.key().address()));
      assertThat(((Message.Error) agent.next(WAIT)).code()).isEqualTo("UNEXPECTED_MESSAGE");
      agent.send(new Message.Heartbeat(2, null));
      assertThat(agent.isOpen()).isTrue();
      assertThat(agent.next(Duration.ofMillis(300))).as("heartbeats get no reply").isNull();
    }
  }

  @Test
  void limitsArePushedLiveAndAcknowledged() throws Exception {
    try (SimulatedAgent agent = registered("limits")) {
      String id = lastNodeId;
      Map<String, Object> body = Map.of("limits", Map.of("cpuCores", 4, "memoryBytes", 8L << 30,
          "gpus", List.of(Map.of("index", 0, "offered", true, "vramPercent", 50))));
      Http.Reply patched = http.send(http.builder("/api/nodes/" + id, owner)
          .header("Content-Type", "application/json")
          .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
              new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body))));
      assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
      assertThat(patched.json().get("limitsAcknowledged").asBoolean()).isFalse();
      Message.Limits limits = agent.nextOf(Message.Limits.class, WAIT);
      assertThat(limits).isNotNull();
      assertThat(limits.limits().cpuCores()).isEqualTo(4);
      assertThat(limits.limits().gpus()).containsExactly(new Message.GpuLimit(0, true, 50));
      agent.send(new Message.Ack(limits.id(), true, null));
      eventually(() -> node(id).get("node").get("limitsAcknowledged").asBoolean(), "the ack to be stored");
    }
  }

  @Test
  void telemetryIsStoredAndReturned() throws Exception {
    try (SimulatedAgent agent = registered("telemetry")) {
      String id = lastNodeId;
      Instant start = TestApp.CLOCK.instant();
      for (int i = 0; i < 5; i++) {
        TestApp.CLOCK.advance(Duration.ofSeconds(1));
        agent.send(new Message.Heartbeat(i, new Message.Telemetry(
            List.of(new GpuSample(0, "GPU-1", 10 * i, 50 + i, 1000L * i, 24000L, 100.0 + i)), 25.0, 1L << 30,
            8L << 30, 100L << 30, 0)));
        Thread.sleep(300);
      }
      String query = "/api/nodes/" + id + "/telemetry?from=" + start + "&to=" + TestApp.CLOCK.instant().plusSeconds(1);
      eventually(() -> http.get(query, owner).json().get("points").size() >= 10, "telemetry rows");
      JsonNode points = http.get(query, owner).json().get("points");
      List<Integer> gpuUtil = points.findParents("gpuIndex").stream()
          .filter(p -> p.get("gpuIndex").asInt() == 0).map(p -> p.get("utilizationPercent").asInt()).toList();
      assertThat(gpuUtil).containsExactly(0, 10, 20, 30, 40);
      assertThat(http.get("/api/nodes/" + id + "/telemetry?from=yesterday", owner).code())
          .isEqualTo("VALIDATION_FAILED");
    }
  }

  @Test
  void closingTheSocketOrFallingSilentTakesTheNodeOffline() throws Exception {
    String id;
    try (SimulatedAgent agent = registered("closing")) {
      id = lastNodeId;
    }
    eventually(() -> node(id).get("node").get("state").asText().equals("offline"), "offline after close");
    // A node that authenticates and then never sends a heartbeat is closed after 3 missed intervals.
    Keypair key = Keypair.generate(random);
    try (SimulatedAgent quiet = agent(key)) {
      Message.Registered r = (Message.Registered) quiet.register(newToken(), "quiet", WAIT);
      Integer code;
      try {
        code = quiet.closed().get(15, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("no close in 15 s; missedHeartbeats "
            + APP.getConfiguration().getAgentGateway().getMissedHeartbeats() + "; socket open: " + quiet.isOpen()
            + ", node: "
            + node(r.nodeId()).get("node"), e);
      }
      assertThat(code).isEqualTo(AgentGateway.CLOSE_SILENT);
      eventually(() -> node(r.nodeId()).get("node").get("state").asText().equals("offline"), "offline after silence");
      List<String> reasons = node(r.nodeId()).get("transitions").findValuesAsText("reason");
      assertThat(reasons.get(0)).contains("4002");
    }
  }

  @Test
  void maintenanceRenameAndDeleteByTheOwnerOnly() throws Exception {
    try (SimulatedAgent agent = registered("owner-ops")) {
      String id = lastNodeId;
      String stranger = Wallets.signIn(http, Vectors.keypair("buyer-1"));
      assertThat(http.get("/api/nodes/" + id, stranger).code()).isEqualTo("NOT_FOUND");
      assertThat(http.delete("/api/nodes/" + id, stranger).code()).isEqualTo("NOT_FOUND");
      assertThat(patch(id, stranger, "{\"name\":\"mine now\"}").code()).isEqualTo("NOT_FOUND");

      Http.Reply renamed = patch(id, owner, "{\"name\":\"rig-renamed\",\"maintenance\":true}");
      assertThat(renamed.json().get("name").asText()).isEqualTo("rig-renamed");
      assertThat(renamed.json().get("state").asText()).isEqualTo("maintenance");
      assertThat(renamed.json().get("connected").asBoolean()).isTrue();
      assertThat(patch(id, owner, "{\"maintenance\":false}").json().get("state").asText()).isEqualTo("online");
      assertThat(patch(id, owner, "{\"limits\":{\"cpuCores\":0}}").code()).isEqualTo("VALIDATION_FAILED");
      assertThat(patch(id, owner, "{\"name\":\"\"}").code()).isEqualTo("VALIDATION_FAILED");

      assertThat(http.delete("/api/nodes/" + id, owner).status()).isEqualTo(204);
      Message.Error disabled = agent.nextOf(Message.Error.class, WAIT);
      assertThat(disabled.code()).isEqualTo("NODE_DISABLED");
      assertThat(agent.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1008);
      assertThat(http.get("/api/nodes/" + id, owner).code()).isEqualTo("NOT_FOUND");
      try (SimulatedAgent again = agent(agent.key())) {
        assertThat(((Message.Error) again.authenticate(WAIT)).code()).isEqualTo("NODE_DISABLED");
      }
    }
  }

  private Http.Reply patch(String id, String session, String json) {
    return http.send(http.builder("/api/nodes/" + id, session)
        .header("Content-Type", "application/json")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
  }
}
