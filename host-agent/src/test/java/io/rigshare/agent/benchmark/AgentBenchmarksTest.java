package io.rigshare.agent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.config.JsonFile;
import io.rigshare.agent.testing.Hardware;
import io.rigshare.agent.testing.StubHardwareProbe;
import io.rigshare.protocol.verify.ChallengeRules;
import io.rigshare.protocol.verify.Merkle;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the agent benchmarks and how it answers challenges, with a stand-in for OpenCL. */
class AgentBenchmarksTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final StubHardwareProbe probe = new StubHardwareProbe();
  private final AtomicInteger runningJobs = new AtomicInteger();
  private final SettableClock clock = new SettableClock();
  private final FakeEngine engine = new FakeEngine();
  private final List<Message> sent = new CopyOnWriteArrayList<>();
  private AgentBenchmarks benchmarks;

  private static final class SettableClock extends Clock {
    volatile Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Benchmarks instantly (or until released, when {@code gate} is set); commits a 64 x 64 C of row numbers. */
  private final class FakeEngine implements BenchmarkEngine {
    final AtomicInteger runs = new AtomicInteger();
    volatile CountDownLatch gate;
    volatile CountDownLatch started = new CountDownLatch(1);

    @Override
    public Message.Benchmark benchmark(String trigger, BooleanSupplier cancelled) {
      runs.incrementAndGet();
      started.countDown();
      CountDownLatch wait = gate;
      while (wait != null && wait.getCount() > 0) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("yielded");
        }
        try {
          wait.await(5, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("interrupted");
        }
      }
      return new Message.Benchmark(List.of(), 1234, null, 1, clock.instant(), 5, trigger, null);
    }

    @Override
    public Commitment commit(Integer gpuIndex, long seed, int n) {
      if (gpuIndex != null && gpuIndex == 7) {
        throw new ChallengeComputation.ChallengeException("no OpenCL device is GPU 7 of this node");
      }
      float[] c = new float[n * n];
      for (int i = 0; i < c.length; i++) {
        c[i] = i / n;
      }
      return Commitment.of(n, c, 3, "fake device");
    }
  }

  private AgentBenchmarks start(Duration interval) {
    benchmarks = new AgentBenchmarks(engine, dir.resolve("benchmark.json"), probe, runningJobs::get, interval, clock);
    return benchmarks;
  }

  @AfterEach
  void close() {
    if (benchmarks != null) {
      benchmarks.close();
    }
  }

  private void idle() throws InterruptedException {
    assertThat(benchmarks.awaitIdle(WAIT)).isTrue();
  }

  private <T extends Message> List<T> sent(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void withoutAReportItBenchmarksAtOnceStoresTheReportAndSendsIt() throws Exception {
    BenchmarkService.Sink sink = sent::add; // one object: detach must name the sink that was attached
    start(Duration.ofHours(24)).attach(sink);
    idle();

    assertThat(engine.runs).hasValue(1);
    Message.Benchmark report = sent(Message.Benchmark.class).get(0);
    assertThat(report.trigger()).isEqualTo("registration");
    StoredBenchmark stored = new JsonFile<>(dir.resolve("benchmark.json"), StoredBenchmark.class).read().orElseThrow();
    assertThat(stored.report()).isEqualTo(report);
    assertThat(stored.gpus()).isEqualTo(StoredBenchmark.fingerprint(Hardware.report().gpus()));

    // The next connection gets the stored report and no new run.
    benchmarks.detach(sink);
    sent.clear();
    benchmarks.attach(sink);
    idle();
    assertThat(sent).containsExactly(report);
    assertThat(engine.runs).hasValue(1);
  }

  @Test
  void runsAgainAfterAHardwareChangeAndOnTheSchedule() throws Exception {
    start(Duration.ofHours(24)).attach(sent::add);
    idle();
    probe.set(Hardware.withExtraGpu());
    benchmarks.tick();
    idle();
    assertThat(sent(Message.Benchmark.class)).extracting(Message.Benchmark::trigger)
        .containsExactly("registration", "hardware-change");

    benchmarks.tick();
    clock.now = T0.plus(Duration.ofHours(24));
    benchmarks.tick();
    idle();
    assertThat(sent(Message.Benchmark.class)).extracting(Message.Benchmark::trigger)
        .containsExactly("registration", "hardware-change", "schedule");
  }

  @Test
  void neverStartsWhileAJobRunsAndGivesWayWhenOneStarts() throws Exception {
    runningJobs.set(1);
    start(Duration.ofHours(24)).attach(sent::add);
    idle();
    assertThat(engine.runs).hasValue(0);

    runningJobs.set(0);
    engine.gate = new CountDownLatch(1);
    benchmarks.tick();
    assertThat(engine.started.await(10, TimeUnit.SECONDS)).isTrue();
    runningJobs.set(1); // a job arrives mid-run: the run stops and nothing is stored
    idle();
    assertThat(sent(Message.Benchmark.class)).isEmpty();
    assertThat(benchmarks.last()).isEmpty();

    runningJobs.set(0);
    engine.gate = null;
    benchmarks.tick();
    idle();
    assertThat(sent(Message.Benchmark.class)).hasSize(1);
  }

  @Test
  void aChallengeIsCommittedThenItsRowsOpenedInFramesThatFit() throws Exception {
    start(Duration.ZERO).attach(sent::add);
    benchmarks.verify(new Message.Verify("vfy-1", "0123456789abcdef", 64, null));
    idle();
    Message.VerifyCommit commit = sent(Message.VerifyCommit.class).get(0);
    assertThat(commit.id()).isEqualTo("vfy-1");
    assertThat(commit.device()).isEqualTo("fake device");
    assertThat(commit.computeMs()).isEqualTo(3);

    List<Integer> rows = List.of(0, 5, 63, 7, 8, 9, 10, 11, 12, 13); // 10 rows: 8 fit one frame at n = 64
    benchmarks.open(new Message.VerifyOpen("vfy-1", rows));
    idle();
    List<Message.VerifyRows> frames = sent(Message.VerifyRows.class);
    assertThat(frames).extracting(f -> f.rows().size()).containsExactly(8, 2);
    List<Message.OpenedRow> opened = frames.stream().flatMap(f -> f.rows().stream()).toList();
    assertThat(opened).extracting(Message.OpenedRow::index).containsExactlyElementsOf(rows);
    for (Message.OpenedRow row : opened) {
      byte[] bytes = ChallengeRules.decodeRow(row.values(), 64);
      assertThat(ChallengeRules.rowValues(bytes)).containsOnly((float) row.index());
      assertThat(Merkle.verify(commit.root(), 64, row.index(), bytes, row.proof())).isTrue();
    }
  }

  @Test
  void refusesBadChallengesWhileBusyAndUnknownOrExpiredOpenings() throws Exception {
    start(Duration.ZERO).attach(sent::add);
    benchmarks.verify(new Message.Verify("v-seed", "xyz", 64, null));
    benchmarks.verify(new Message.Verify("v-n", "0123456789abcdef", 100, null));
    benchmarks.verify(new Message.Verify("v-gpu", "0123456789abcdef", 64, 7));
    idle();
    runningJobs.set(1);
    benchmarks.verify(new Message.Verify("v-busy", "0123456789abcdef", 64, null));
    runningJobs.set(0);
    benchmarks.open(new Message.VerifyOpen("v-never", List.of(1)));
    benchmarks.verify(new Message.Verify("v-ok", "0123456789abcdef", 64, null));
    benchmarks.open(new Message.VerifyOpen("v-ok", List.of(64)));
    idle();
    clock.now = T0.plus(AgentBenchmarks.COMMITMENT_LIFETIME);
    benchmarks.open(new Message.VerifyOpen("v-ok", List.of(1)));
    idle();

    assertThat(sent(Message.Error.class)).extracting(Message.Error::ref, Message.Error::code).containsExactly(
        Tuple.tuple("v-seed", ErrorCodes.VERIFY_FAILED),
        Tuple.tuple("v-n", ErrorCodes.VERIFY_FAILED),
        Tuple.tuple("v-gpu", ErrorCodes.VERIFY_FAILED),
        Tuple.tuple("v-busy", ErrorCodes.VERIFY_BUSY),
        Tuple.tuple("v-never", ErrorCodes.VERIFY_UNKNOWN),
        Tuple.tuple("v-ok", ErrorCodes.VERIFY_FAILED),
        Tuple.tuple("v-ok", ErrorCodes.VERIFY_UNKNOWN));
    assertThat(sent(Message.Error.class).get(2).message()).contains("GPU 7");
    assertThat(sent(Message.VerifyCommit.class)).extracting(Message.VerifyCommit::id).containsExactly("v-ok");
  }

  @Test
  void theServiceThatDoesNotBenchmarkRefusesChallenges() {
    BenchmarkService none = BenchmarkService.none();
    none.attach(sent::add);
    none.tick();
    none.verify(new Message.Verify("v", "0123456789abcdef", 64, 0));

    assertThat(sent).containsExactly(
        new Message.Error(ErrorCodes.VERIFY_FAILED, "this agent does not run benchmarks", "v"));
  }
}
