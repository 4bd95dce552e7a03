package io.rigshare.marketplace.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.testing.Funds;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.TestDatabases;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two API instances on one PostgreSQL, with agents connected to each: 500 jobs submitted through both complete
 * exactly once, wherever their node is connected.
 */
class JobsClusterIntegrationTest {
  private static final DatabaseUrl DB = TestDatabases.fresh();
  private static final int JOBS = 500;
  private static final int AGENTS_PER_INSTANCE = 4;
  private static DropwizardTestSupport<RigshareConfiguration> a;
  private static DropwizardTestSupport<RigshareConfiguration> b;

  private static DropwizardTestSupport<RigshareConfiguration> instance() throws Exception {
    DropwizardTestSupport<RigshareConfiguration> app = new DropwizardTestSupport<>(
        TestApp.class,
        ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.url", DB.jdbcUrl()),
        ConfigOverride.config("database.user", DB.user()),
        ConfigOverride.config("agentGateway.missedHeartbeats", "100"));
    app.before();
    return app;
  }

  @BeforeAll
  static void start() throws Exception {
    TestApp.CLOCK.set(Instant.parse("2027-01-05T10:00:00Z"));
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

  @Test
  void everyOneOf500JobsCompletesExactlyOnceAcrossTwoInstances() throws Exception {
    Http viaA = new Http(a.getLocalPort());
    Http viaB = new Http(b.getLocalPort());
    String host = Wallets.signIn(viaA, Vectors.keypair("host-1"));
    String buyer = Wallets.signIn(viaB, Vectors.keypair("buyer-1"));
    Funds.credit(a.getConfiguration(), Vectors.keypair("buyer-1").address(), Funds.PLENTY);
    List<SimulatedAgent> onA = new ArrayList<>();
    List<SimulatedAgent> onB = new ArrayList<>();
    Set<String> runs = ConcurrentHashMap.newKeySet();
    List<String> doubleRuns = new ArrayList<>();
    try {
      for (int i = 0; i < AGENTS_PER_INSTANCE; i++) {
        onA.add(start(new JobKit(viaA, host), "a-" + i, runs, doubleRuns));
        onB.add(start(new JobKit(viaB, host), "b-" + i, runs, doubleRuns));
      }
      ExecutorService submitters = Executors.newFixedThreadPool(8);
      List<Future<String>> submitted = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        Http via = i % 2 == 0 ? viaA : viaB;
        Map<String, Object> body = Map.of("runtime", Map.of("type", "process", "command", "true"),
            "requirements", Map.of("gpuCount", 0), "maxPricePerHour", 2_000_000, "timeLimitSeconds", 60);
        submitted.add(submitters.submit(() -> new JobKit(via, host).submit(buyer, body)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : submitted) {
        ids.add(f.get());
      }
      submitters.shutdown();

      long deadline = System.nanoTime() + 60_000_000_000L;
      long done;
      do {
        done = count(DB, "SELECT count(*) FROM jobs WHERE state = 'succeeded'");
        if (done == JOBS) {
          break;
        }
        Thread.sleep(100);
      } while (System.nanoTime() < deadline);
      assertThat(done).as("succeeded jobs").isEqualTo(JOBS);

      // Exactly once: one run per job on the agents, one receipt and one terminal transition per job.
      assertThat(doubleRuns).isEmpty();
      assertThat(runs).hasSize(JOBS);
      assertThat(count(DB, "SELECT count(*) FROM job_receipts")).isEqualTo(JOBS);
      assertThat(count(DB, "SELECT count(DISTINCT job_id) FROM job_receipts")).isEqualTo(JOBS);
      assertThat(count(DB, "SELECT count(*) FROM job_transitions WHERE to_state = 'succeeded'")).isEqualTo(JOBS);
      assertThat(count(DB, "SELECT max(attempt) FROM jobs")).isEqualTo(1);
      // Both instances' agents ran jobs submitted through both instances.
      long ranOnA = onA.stream().mapToLong(SimulatedAgent::jobsRun).sum();
      long ranOnB = onB.stream().mapToLong(SimulatedAgent::jobsRun).sum();
      assertThat(ranOnA + ranOnB).isEqualTo(JOBS);
      assertThat(ranOnA).isPositive();
      assertThat(ranOnB).isPositive();
      JsonNode someJob = viaA.get("/api/jobs/" + ids.get(1), buyer).json(); // submitted via B, read via A
      assertThat(someJob.get("job").get("state").asText()).isEqualTo("succeeded");
      assertThat(someJob.get("job").get("receipt").isObject()).isTrue();
    } finally {
      onA.forEach(SimulatedAgent::close);
      onB.forEach(SimulatedAgent::close);
    }
  }

  private static SimulatedAgent start(JobKit kit, String name, Set<String> runs, List<String> doubleRuns)
      throws InterruptedException {
    SimulatedAgent agent = kit.agent(name, JobKit.hardware(0, "none", 0));
    agent.runningJobs(assign -> {
      if (!runs.add(assign.jobId())) {
        synchronized (doubleRuns) {
          doubleRuns.add(assign.jobId() + " attempt " + assign.attempt());
        }
      }
      return SimulatedAgent.JobResult.OK;
    });
    return agent;
  }

  static long count(DatabaseUrl db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
