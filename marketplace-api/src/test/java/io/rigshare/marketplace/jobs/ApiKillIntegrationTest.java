package io.rigshare.marketplace.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.testing.Funds;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestDatabases;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API as a real process (the shaded jar, the shipped config.yml) is killed with SIGKILL while real agents run its
 * jobs, and started again on the same database: every job ends exactly once, with one receipt and one terminal
 * transition, and nothing is lost.
 */
class ApiKillIntegrationTest {
  private static final int JOBS = 12;
  private final DatabaseUrl db = TestDatabases.fresh();
  private final List<Process> processes = new ArrayList<>();
  private AgentProcesses agents;

  @AfterEach
  void tearDown() {
    if (agents != null) {
      agents.close();
    }
    processes.forEach(Process::destroyForcibly);
  }

  private static Path apiJar() throws IOException {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "marketplace-api-*-all.jar")) {
      for (Path jar : jars) {
        return jar.toAbsolutePath();
      }
    }
    throw new AssertionError("the shaded API jar is built in the package phase, before integration tests");
  }

  private Process startApi(int httpPort, int adminPort, int agentPort, Path dataDir) throws Exception {
    Path log = Path.of("target", "api-kill-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", apiJar().toString(),
        "server", Path.of("..", "config.yml").toAbsolutePath().toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("RIGSHARE_HTTP_PORT", String.valueOf(httpPort));
    env.put("RIGSHARE_ADMIN_PORT", String.valueOf(adminPort));
    env.put("RIGSHARE_AGENT_PORT", String.valueOf(agentPort));
    env.put("RIGSHARE_AGENT_BIND_HOST", "127.0.0.1");
    env.put("RIGSHARE_PUBLIC_URL", "http://localhost:" + httpPort);
    env.put("RIGSHARE_DATA_DIR", dataDir.toString());
    env.put("DATABASE_URL", db.jdbcUrl());
    env.put("DATABASE_USER", db.user());
    env.put("RIGSHARE_LOCALNET", "false");
    env.put("RIGSHARE_HEARTBEAT_INTERVAL", "1 second");
    env.put("RIGSHARE_JOB_LEASE_TTL", "30 seconds");
    Process api = builder.start();
    processes.add(api);
    Http http = new Http(httpPort);
    AgentProcesses.eventually(() -> {
      try {
        return http.get("/api/agent/config", null).status() == 200 || !api.isAlive();
      } catch (RuntimeException notYet) {
        return false;
      }
    }, "the API process to serve (log: " + log + ")");
    assertThat(api.isAlive()).as("API process exited; see " + log).isTrue();
    return api;
  }

  @Test
  void killingTheApiMidJobLosesNothingAndCountsNothingTwice() throws Exception {
    int httpPort = AgentProcesses.freePort();
    int adminPort = AgentProcesses.freePort();
    int agentPort = AgentProcesses.freePort();
    Path dataDir = Files.createTempDirectory("api-kill");
    Process api = startApi(httpPort, adminPort, agentPort, dataDir);
    Http http = new Http(httpPort);
    String host = Wallets.signIn(http, Vectors.keypair("host-1"));
    String buyer = Wallets.signIn(http, Vectors.keypair("buyer-1"));
    Funds.credit(db, Vectors.keypair("buyer-1").address(), Funds.PLENTY);
    agents = new AgentProcesses(http, host, "http://localhost:" + httpPort);
    agents.register("kill-a", Map.of());
    agents.register("kill-b", Map.of());

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      Http.Reply reply = http.postJson("/api/jobs", buyer, Map.of(
          "runtime", Map.of("type", "process", "command", "echo job " + i + "; sleep 2; echo done " + i),
          "requirements", Map.of("gpuCount", 0), "maxPricePerHour", 5_000_000, "timeLimitSeconds", 120));
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
      ids.add(reply.json().get("id").asText());
    }
    // Kill it while jobs are running on both agents and others wait in the queue.
    AgentProcesses.eventually(() -> count("SELECT count(*) FROM jobs WHERE state = 'running'") >= 2,
        "jobs running before the kill");
    api.destroyForcibly().waitFor();
    long endedBeforeKill = count("SELECT count(*) FROM jobs WHERE state = 'succeeded'");
    assertThat(endedBeforeKill).isLessThan(JOBS);

    startApi(httpPort, adminPort, agentPort, dataDir);
    AgentProcesses.eventually(() -> count("SELECT count(*) FROM jobs WHERE state IN ('succeeded', 'failed',"
        + " 'cancelled', 'timed_out', 'expired')") == JOBS, "every job to end after the restart");

    assertThat(count("SELECT count(*) FROM jobs WHERE state = 'succeeded'")).isEqualTo(JOBS);
    assertThat(count("SELECT count(*) FROM job_receipts")).isEqualTo(JOBS);
    assertThat(count("SELECT count(*) FROM job_transitions WHERE to_state = 'succeeded'")).isEqualTo(JOBS);
    // Each job's result is whole: the receipt's hash is over exactly the output that job printed (logs streamed
    // while the API was down may be missing; the hash, computed by the agent, is not).
    for (int i = 0; i < JOBS; i++) {
      String expected = io.rigshare.bench.SimulatedAgent.sha256(
          ("job " + i + "\ndone " + i + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(http.get("/api/jobs/" + ids.get(i), buyer).json().get("job").get("receipt").get("resultSha256")
          .asText()).as("result of job %d", i).isEqualTo(expected);
    }
  }

  private long count(String sql) {
    try {
      return JobsClusterIntegrationTest.count(db, sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
