package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.benchmark.AgentBenchmarks;
import io.rigshare.agent.config.AcceptedLimits;
import io.rigshare.agent.config.JsonFile;
import io.rigshare.agent.jobs.JobSupervisor;
import io.rigshare.agent.testing.FakeGateway;
import io.rigshare.agent.testing.StubHardwareProbe;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.verify.ChallengeMatrices;
import io.rigshare.protocol.verify.ChallengeRules;
import io.rigshare.protocol.verify.Merkle;
import io.rigshare.protocol.verify.RowCheck;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/protocol.md section 10 over a real socket against {@link FakeGateway}, with the real OpenCL computation (PoCL
 * here and in CI): the agent benchmarks at registration and sends the report, and answers a challenge the way the
 * server will check it.
 */
class BenchmarkLinkIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private FakeGateway gateway;
  private AgentLink link;
  private AgentBenchmarks benchmarks;
  private final Keypair key = Keypair.generate(new SecureRandom());
  private final StubHardwareProbe probe = new StubHardwareProbe();

  @BeforeEach
  void start() throws Exception {
    gateway = new FakeGateway().startAndWait();
    Clock clock = Clock.systemUTC();
    JobSupervisor jobs = JobSupervisor.none(key, clock);
    benchmarks = AgentBenchmarks.openCl(dir.resolve("benchmark.json"), probe, jobs::runningCount, Duration.ZERO,
        clock, true);
    LimitsHandler limits = new LimitsHandler(new LimitsValidator(null, null), probe,
        new JsonFile<>(dir.resolve("limits.json"), AcceptedLimits.class), clock);
    LinkContext context = new LinkContext(key, probe, () -> new Message.Telemetry(List.of(), 1.0, 1L, 2L, 3L, 0),
        limits, LinkListener.NONE, clock, jobs, benchmarks);
    link = new AgentLink(context, new Credentials.Register("rsn_bench", "rig-bench"),
        () -> new ServerInfo(gateway.url(), FakeGateway.DOMAIN, List.of(1), 15, Instant.now()),
        new LinkSettings("test", null, Duration.ofSeconds(5), Duration.ofSeconds(10), 3, false),
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), new Random(1)));
    link.start();
  }

  @AfterEach
  void stop() throws Exception {
    link.stop();
    link.awaitStopped(Duration.ofSeconds(10));
    benchmarks.close();
    gateway.stop(1000);
  }

  private <T extends Message> T await(Class<T> type, java.util.function.Predicate<T> test) throws Exception {
    return gateway.await(r -> type.isInstance(r.message()) && test.test(type.cast(r.message())), WAIT)
        .map(r -> type.cast(r.message()))
        .orElseThrow(() -> new AssertionError("no matching " + type.getSimpleName() + "; got " + gateway.received()));
  }

  @Test
  void answersAChallengeAtOnceAndSendsItsBenchmarkReport() throws Exception {
    await(Message.Metrics.class, m -> true);
    long seed = new Random(31).nextLong();
    int n = 128;

    // At once after authenticating, while the registration benchmark may be running: the challenge comes first.
    gateway.push(new Message.Verify("vfy-1", ChallengeMatrices.formatSeed(seed), n, null));
    Message.VerifyCommit commit = await(Message.VerifyCommit.class, c -> c.id().equals("vfy-1"));
    assertThat(commit.root()).matches("[0-9a-f]{64}");
    assertThat(commit.elapsedMs()).isGreaterThanOrEqualTo(commit.computeMs());

    gateway.push(new Message.VerifyOpen("vfy-1", List.of(3, 77, 127)));
    Message.VerifyRows rows = await(Message.VerifyRows.class, r -> r.id().equals("vfy-1"));
    assertThat(rows.rows()).extracting(Message.OpenedRow::index).containsExactly(3, 77, 127);
    RowCheck check = new RowCheck(seed, n);
    for (Message.OpenedRow row : rows.rows()) {
      byte[] bytes = ChallengeRules.decodeRow(row.values(), n);
      assertThat(Merkle.verify(commit.root(), n, row.index(), bytes, row.proof())).as("proof of row %d", row.index())
          .isTrue();
      RowCheck.Result result = check.check(row.index(), bytes);
      assertThat(result.ok()).as(result.reason()).isTrue();
    }

    // GPU 0 of the hardware report is no OpenCL device here (PoCL only has the CPU): refused, with the reason.
    gateway.push(new Message.Verify("vfy-2", ChallengeMatrices.formatSeed(seed), n, 0));
    Message.Error refused = await(Message.Error.class, e -> "vfy-2".equals(e.ref()));
    assertThat(refused.code()).isEqualTo(ErrorCodes.VERIFY_FAILED);
    assertThat(refused.message()).contains("GPU 0");

    Message.Benchmark report = await(Message.Benchmark.class, b -> true);
    assertThat(report.trigger()).isEqualTo("registration");
    assertThat(report.results()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.sgemmVerified()).isTrue();
      if (r.kind().equals("CPU")) {
        assertThat(r.score()).isNull();
      }
    });
    assertThat(benchmarks.last()).map(s -> s.report()).contains(report);
  }
}
