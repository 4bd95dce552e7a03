package io.rigshare.marketplace.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import io.rigshare.protocol.wire.Message;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Jobs tests' shared moves: hardware with GPUs, registered simulated agents, submissions and waiting for states. */
final class JobKit {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Http http;
  private final String owner;
  private final URI agentUrl;

  JobKit(Http http, String owner) {
    this.http = http;
    this.owner = owner;
    this.agentUrl = URI.create(http.get("/api/agent/config", null).json().get("agentUrl").asText());
  }

  /** A host with {@code gpus} GPUs of this model and VRAM. */
  static HardwareReport hardware(int gpus, String model, long vramMib) {
    List<GpuInfo> list = new ArrayList<>();
    for (int i = 0; i < gpus; i++) {
      list.add(new GpuInfo(i, "nvidia", model, "GPU-" + RANDOM.nextLong(), vramMib, vramMib, 0, 35, 20.0, 450.0,
          "550.54", "12.4", "nvidia-smi"));
    }
    return new HardwareReport("sim", new OsInfo("Debian", "12", "amd64"), new CpuInfo("sim", 8, 16, 4000),
        new MemoryInfo(64L << 30, 60L << 30), List.of(), list, Instant.parse("2026-11-23T10:00:00Z"));
  }

  /** A registered agent offering the process runner on this hardware; call runningJobs on it to run jobs. */
  SimulatedAgent agent(String name, HardwareReport hardware) throws InterruptedException {
    SimulatedAgent agent = new SimulatedAgent(agentUrl, Keypair.generate(RANDOM), TestApp.CLOCK)
        .offering(List.of("process"), hardware);
    agent.open(WAIT);
    Message reply = agent.register(token(), name, WAIT);
    assertThat(reply).as("register reply").isInstanceOf(Message.Registered.class);
    return agent;
  }

  String nodeIdOf(SimulatedAgent agent) {
    JsonNode items = http.get("/api/nodes/mine?size=200", owner).json().get("items");
    for (JsonNode node : items) {
      if (node.get("nodeKey").asText().equals(agent.key().address())) {
        return node.get("id").asText();
      }
    }
    throw new AssertionError("no node for " + agent.key().address());
  }

  private String token() {
    Http.Reply reply = http.post("/api/node-tokens", owner, null);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().get("token").asText();
  }

  static Map<String, Object> processJob(String command, int gpuCount) {
    return Map.of("runtime", Map.of("type", "process", "command", command),
        "requirements", Map.of("gpuCount", gpuCount), "maxPricePerHour", 10_000_000, "timeLimitSeconds", 600);
  }

  String submit(String buyer, Object body) {
    Http.Reply reply = http.postJson("/api/jobs", buyer, body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().get("state").asText()).isEqualTo("queued");
    return reply.json().get("id").asText();
  }

  JsonNode job(String buyer, String id) {
    Http.Reply reply = http.get("/api/jobs/" + id, buyer);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  /** Polls the job until its state satisfies {@code done}; the last detail read. */
  JsonNode awaitState(String buyer, String id, Predicate<String> done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode detail;
    do {
      detail = job(buyer, id);
      if (done.test(detail.get("job").get("state").asText())) {
        return detail;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("job " + id + " stayed " + detail.get("job").get("state") + ": " + detail);
  }

  JsonNode awaitState(String buyer, String id, String state) throws InterruptedException {
    return awaitState(buyer, id, state::equals);
  }
}
