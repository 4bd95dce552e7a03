package io.rigshare.marketplace.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.marketplace.testing.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Real agent processes (the agent jar the build bundles) registered with tokens from the API, killed at the end. */
public final class AgentProcesses implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final Http http;
  private final String owner;
  private final String apiUrl;
  private final Path root;
  private final List<Agent> started = new ArrayList<>();

  /** One agent: its process, data dir and node. */
  public record Agent(Process process, Path dataDir, String nodeId, Path log) {
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  public AgentProcesses(Http http, String owner, String apiUrl) throws IOException {
    this.http = http;
    this.owner = owner;
    this.apiUrl = apiUrl;
    // Jobs run as an unprivileged user when the agent is root: the path to their work dirs must let others pass.
    this.root = Files.createDirectories(Path.of("target", "agents")).toAbsolutePath();
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static Path agentJar() {
    Path jar = Path.of("target/classes/agent/rigshare-agent.jar");
    assertThat(jar).as("the agent jar bundled by the build").exists();
    return jar.toAbsolutePath();
  }

  /** Starts {@code register} with a fresh token and data dir, with extra environment; returns once it is online. */
  public Agent register(String name, Map<String, String> env) throws Exception {
    Http.Reply token = http.post("/api/node-tokens", owner, null);
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    Path dataDir = Files.createTempDirectory(root, name + "-");
    Path log = root.resolve(dataDir.getFileName() + ".log");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", agentJar().toString(),
        "register", "--api", apiUrl, "--token", token.json().get("token").asText(), "--name", name,
        "--data-dir", dataDir.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    String[] nodeId = new String[1];
    eventually(() -> {
      for (JsonNode node : http.get("/api/nodes/mine?size=200", owner).json().path("items")) {
        if (node.get("name").asText().equals(name) && node.get("state").asText().equals("online")
            && node.path("runners").toString().contains("process")) {
          nodeId[0] = node.get("id").asText();
          return true;
        }
      }
      return !process.isAlive();
    }, "agent " + name + " online offering the process runner (log: " + log + ")");
    assertThat(process.isAlive()).as("agent " + name + " exited; see " + log).isTrue();
    Agent agent = new Agent(process, dataDir, nodeId[0], log);
    started.add(agent);
    return agent;
  }

  void awaitLimitsAcknowledged(String nodeId) throws InterruptedException {
    eventually(() -> http.get("/api/nodes/" + nodeId, owner).json().get("node").get("limitsAcknowledged")
        .asBoolean(), "the agent's acknowledgement of the limits");
  }

  void awaitOutput(String jobId, String text, Http http, String buyer) throws InterruptedException {
    eventually(() -> http.get("/api/jobs/" + jobId + "/logs", buyer).json().path("chunks").toString().contains(text),
        "output '" + text + "' of job " + jobId);
  }

  public static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @Override
  public void close() {
    for (Agent agent : started) {
      agent.process().destroyForcibly();
    }
  }
}
