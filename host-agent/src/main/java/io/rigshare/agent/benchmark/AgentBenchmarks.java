package io.rigshare.agent.benchmark;

import io.rigshare.agent.config.JsonFile;
import io.rigshare.agent.config.SetupException;
import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.protocol.verify.BenchmarkScore;
import io.rigshare.protocol.verify.ChallengeMatrices;
import io.rigshare.protocol.verify.ChallengeRules;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's benchmarking (docs/protocol.md section 10): runs the benchmark when {@link BenchmarkSchedule} says one
 * is due and no job is running, keeps the last report in {@code benchmark.json} and sends it on every connection, and
 * answers the server's challenges.
 *
 * <p>Two threads: one runs benchmarks, one computes challenges and opens their rows, so a challenge never waits behind
 * a benchmark. A challenge (or a job starting) makes a running benchmark stop at its next measurement; it runs again
 * at a later heartbeat. The last commitment is kept for {@link #COMMITMENT_LIFETIME}, or until the next challenge.
 */
public final class AgentBenchmarks implements BenchmarkService {
  private static final Logger LOG = LoggerFactory.getLogger(AgentBenchmarks.class);
  static final Duration COMMITMENT_LIFETIME = Duration.ofMinutes(10);

  private final BenchmarkEngine engine;
  private final JsonFile<StoredBenchmark> store;
  private final HardwareProbe probe;
  private final IntSupplier runningJobs;
  private final Duration interval;
  private final Clock clock;
  private final ExecutorService runs = Executors.newSingleThreadExecutor(daemon("rigshare-benchmark"));
  private final ExecutorService challenges = Executors.newSingleThreadExecutor(daemon("rigshare-verify"));
  private final AtomicReference<Sink> sink = new AtomicReference<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicInteger challengesInFlight = new AtomicInteger();

  // Touched on the challenges thread only.
  private String committedId;
  private Commitment committed;
  private Instant committedAt;

  AgentBenchmarks(BenchmarkEngine engine, Path file, HardwareProbe probe, IntSupplier runningJobs, Duration interval,
      Clock clock) {
    this.engine = engine;
    this.store = new JsonFile<>(file, StoredBenchmark.class);
    this.probe = probe;
    this.runningJobs = runningJobs;
    this.interval = interval;
    this.clock = clock;
  }

  /**
   * The service of a real host: OpenCL, the report in {@code file}.
   *
   * @param intervalHours {@code benchmark.interval.hours}; 0 runs no scheduled benchmarks
   */
  public static AgentBenchmarks forHost(
      Path file, HardwareProbe probe, IntSupplier runningJobs, int intervalHours, Clock clock) {
    return openCl(file, probe, runningJobs, Duration.ofHours(intervalHours), clock, false);
  }

  /** The same on any interval, with {@code quick} sizes (seconds per device) where tests need them. */
  public static AgentBenchmarks openCl(
      Path file, HardwareProbe probe, IntSupplier runningJobs, Duration interval, Clock clock, boolean quick) {
    return new AgentBenchmarks(BenchmarkEngine.openCl(probe, clock, quick), file, probe, runningJobs, interval, clock);
  }

  /** The last stored report, if there is a readable one. */
  public Optional<StoredBenchmark> last() {
    try {
      return store.read();
    } catch (SetupException e) {
      LOG.warn("Ignoring {}: {}", store.file(), e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void attach(Sink attached) {
    sink.set(attached);
    last().map(StoredBenchmark::report).ifPresent(attached::send);
    tick();
  }

  @Override
  public void detach(Sink detached) {
    sink.compareAndSet(detached, null);
  }

  @Override
  public void tick() {
    submit(challenges, this::dropExpiredCommitment);
    if (running.get() || shouldYield()) {
      return;
    }
    Optional<String> trigger = BenchmarkSchedule.due(
        last(), StoredBenchmark.fingerprint(probe.report().gpus()), clock.instant(), interval);
    if (trigger.isPresent() && running.compareAndSet(false, true)) {
      if (!submit(runs, () -> runOnce(trigger.get()))) {
        running.set(false);
      }
    }
  }

  /** A job or a challenge takes the device: a benchmark running now would measure neither fairly. */
  private boolean shouldYield() {
    return runningJobs.getAsInt() > 0 || challengesInFlight.get() > 0;
  }

  private void runOnce(String trigger) {
    try {
      LOG.info("Benchmarking this machine's OpenCL devices ({})", trigger);
      Message.Benchmark report;
      try {
        report = engine.benchmark(trigger, this::shouldYield);
      } catch (CancellationException e) {
        LOG.info("The benchmark gave way to a job or a challenge; it runs again later");
        return;
      } catch (OpenClUnavailableException e) {
        LOG.warn("No benchmark: {}; {}", e.getMessage(), OpenCl.INSTALL_HINT);
        report = failed(trigger, e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("The benchmark failed", e);
        report = failed(trigger, e.toString());
      }
      try {
        store.write(new StoredBenchmark(report, StoredBenchmark.fingerprint(probe.report().gpus())));
      } catch (IOException e) {
        LOG.warn("Cannot store {}: {}", store.file(), e.getMessage());
      }
      LOG.info("Benchmark done: score {}, {} device(s)", report.score(), report.results().size());
      send(report);
    } finally {
      running.set(false);
    }
  }

  private Message.Benchmark failed(String trigger, String error) {
    return new Message.Benchmark(List.of(), null, null, BenchmarkScore.FORMULA_VERSION, clock.instant(), 0, trigger,
        error);
  }

  @Override
  public void verify(Message.Verify verify) {
    long received = System.nanoTime();
    long seed;
    try {
      seed = ChallengeMatrices.parseSeed(verify.seed());
    } catch (IllegalArgumentException e) {
      refuse(ErrorCodes.VERIFY_FAILED, e.getMessage(), verify.id());
      return;
    }
    if (verify.id() == null || !ChallengeRules.validN(verify.n())) {
      refuse(ErrorCodes.VERIFY_FAILED, verify.id() == null ? "a verify needs an id"
          : "n must be a multiple of " + ChallengeRules.N_MULTIPLE + " from " + ChallengeRules.MIN_N + " to "
              + ChallengeRules.MAX_N + ", not " + verify.n(), verify.id());
      return;
    }
    if (runningJobs.getAsInt() > 0) {
      refuse(ErrorCodes.VERIFY_BUSY, "a job is running on this node", verify.id());
      return;
    }
    challengesInFlight.incrementAndGet();
    boolean queued = submit(challenges, () -> {
      try {
        commit(verify, seed, received);
      } finally {
        challengesInFlight.decrementAndGet();
      }
    });
    if (!queued) {
      challengesInFlight.decrementAndGet();
    }
  }

  private void commit(Message.Verify verify, long seed, long received) {
    committed = null; // the previous challenge's C is no longer needed; free it before computing the next
    committedId = null;
    try {
      Commitment commitment = engine.commit(verify.gpuIndex(), seed, verify.n());
      committed = commitment;
      committedId = verify.id();
      committedAt = clock.instant();
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - received);
      LOG.info("Challenge {} (n={}) computed on {} in {} ms", verify.id(), verify.n(), commitment.device(),
          commitment.computeMs());
      send(new Message.VerifyCommit(
          verify.id(), commitment.root(), commitment.computeMs(), elapsedMs, commitment.device()));
    } catch (ChallengeComputation.ChallengeException e) {
      LOG.warn("Cannot compute challenge {}: {}", verify.id(), e.getMessage());
      refuse(ErrorCodes.VERIFY_FAILED, e.getMessage(), verify.id());
    } catch (RuntimeException | OutOfMemoryError e) {
      LOG.warn("Challenge {} failed", verify.id(), e);
      refuse(ErrorCodes.VERIFY_FAILED, "the computation failed: " + e, verify.id());
    }
  }

  @Override
  public void open(Message.VerifyOpen open) {
    submit(challenges, () -> answerOpen(open));
  }

  private void answerOpen(Message.VerifyOpen open) {
    dropExpiredCommitment();
    if (committed == null || open.id() == null || !open.id().equals(committedId)) {
      refuse(ErrorCodes.VERIFY_UNKNOWN, "no commitment for " + open.id() + " here (replaced or expired)", open.id());
      return;
    }
    int n = committed.n();
    for (int row : open.rows()) {
      if (row < 0 || row >= n) {
        refuse(ErrorCodes.VERIFY_FAILED, "row " + row + " is outside 0.." + (n - 1), open.id());
        return;
      }
    }
    int perFrame = ChallengeRules.maxRowsPerFrame(n);
    List<Integer> rows = open.rows();
    for (int from = 0; from < rows.size(); from += perFrame) {
      List<Message.OpenedRow> opened = new ArrayList<>();
      for (int row : rows.subList(from, Math.min(rows.size(), from + perFrame))) {
        opened.add(committed.open(row));
      }
      send(new Message.VerifyRows(open.id(), opened));
    }
  }

  private void dropExpiredCommitment() {
    if (committed != null && !clock.instant().isBefore(committedAt.plus(COMMITMENT_LIFETIME))) {
      committed = null;
      committedId = null;
    }
  }

  private void refuse(String code, String message, String ref) {
    send(new Message.Error(code, message, ref));
  }

  private void send(Message frame) {
    Sink current = sink.get();
    if (current != null) {
      current.send(frame);
    }
  }

  private static boolean submit(ExecutorService executor, Runnable task) {
    try {
      executor.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("Benchmark task failed", e);
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      return false; // closed
    }
  }

  /** Waits (bounded) until nothing runs or is queued; for tests and shutdown. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ExecutorService executor : List.of(runs, challenges)) {
      java.util.concurrent.Future<?> marker = executor.submit(() -> {});
      try {
        marker.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        return false;
      }
    }
    return !running.get();
  }

  @Override
  public void close() {
    runs.shutdownNow();
    challenges.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
