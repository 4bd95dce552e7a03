package io.rigshare.agent.jobs;

import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt from start to report: start it on its runner, forward its output, stop it at its time limit or when
 * asked, and describe how it ended in an (unsigned) {@code finished} frame. Reports exactly one {@code finished},
 * whatever happens.
 */
final class JobRun implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
  /** How long the pipes may stay open after the job's processes were killed; longer means one escaped. */
  private static final Duration PIPE_GRACE = Duration.ofSeconds(2);

  /** What the run tells the supervisor. {@link #log} blocks until the chunk was sent or given up. */
  interface Events {
    void started(Message.Started started);

    boolean log(Message.Log chunk);

    void finished(Message.Finished finished);
  }

  /** Starts the attempt on its runner; throws when nothing was started. */
  @FunctionalInterface
  interface Starter {
    RunningJob start() throws JobRejectedException;
  }

  private final String jobId;
  private final int attempt;
  private final int timeLimitSeconds;
  private final Starter starter;
  private final long forwardCap;
  private final Duration killGrace;
  private final ScheduledExecutorService timers;
  private final Executor threads;
  private final Clock clock;
  private final Events events;

  // Guarded by this.
  private RunningJob job;
  private Message.Started started;
  private String stopOutcome;
  private String stopReason;
  private ScheduledFuture<?> killTimer;
  private boolean ended; // after this, the job's pid may belong to someone else: no more signals

  /** This attempt, as heartbeats list it. */
  Message.JobRef ref() {
    return new Message.JobRef(jobId, attempt);
  }

  JobRun(String jobId, int attempt, int timeLimitSeconds, Starter starter, long forwardCap, Duration killGrace,
      ScheduledExecutorService timers, Executor threads, Clock clock, Events events) {
    this.jobId = jobId;
    this.attempt = attempt;
    this.timeLimitSeconds = timeLimitSeconds;
    this.starter = starter;
    this.forwardCap = forwardCap;
    this.killGrace = killGrace;
    this.timers = timers;
    this.threads = threads;
    this.clock = clock;
    this.events = events;
  }

  /** The {@code started} frame once the job started; null before. */
  synchronized Message.Started startedFrame() {
    return started;
  }

  /**
   * Stops the attempt: SIGTERM now, SIGKILL after the grace period; it ends with {@code outcome}. The first call
   * counts; before the job started, it is never started.
   */
  void stop(String outcome, String reason) {
    RunningJob target;
    synchronized (this) {
      if (stopOutcome != null || ended) {
        return;
      }
      stopOutcome = outcome;
      stopReason = reason;
      target = job;
    }
    if (target != null) {
      signalStop(target);
    }
  }

  /** SIGKILL now, whatever was asked before: the agent is about to exit. */
  void killNow() {
    RunningJob target;
    synchronized (this) {
      target = ended ? null : job;
    }
    if (target != null) {
      target.kill();
    }
  }

  private void signalStop(RunningJob target) {
    try {
      ScheduledFuture<?> timer =
          timers.schedule(() -> threads.execute(this::killNow), killGrace.toMillis(), TimeUnit.MILLISECONDS);
      synchronized (this) {
        killTimer = timer;
      }
      threads.execute(target::terminate);
    } catch (RejectedExecutionException e) {
      target.kill(); // the agent is shutting down: no time for a grace period
    }
  }

  @Override
  public void run() {
    Message.Finished finished;
    try {
      finished = attempt();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Instant at = now();
      finished = ended(Outcomes.FAILED, at, at, "the agent was interrupted");
    } catch (RuntimeException e) {
      LOG.error("Job {} attempt {} failed in the agent", jobId, attempt, e);
      Instant at = now();
      Message.Started start = startedFrame();
      finished = ended(Outcomes.FAILED, start == null ? at : start.startedAt(), at, "agent error: " + e);
    }
    events.finished(finished);
  }

  private Message.Finished attempt() throws InterruptedException {
    synchronized (this) {
      if (stopOutcome != null) {
        Instant at = now();
        return ended(stopOutcome, at, at, stopReason);
      }
    }
    RunningJob running;
    try {
      running = starter.start();
    } catch (JobRejectedException e) {
      Instant at = now();
      return ended(Outcomes.REJECTED, at, at, e.getMessage());
    }
    Instant startedAt = now();
    boolean stopAtOnce;
    synchronized (this) {
      job = running;
      started = new Message.Started(jobId, attempt, startedAt);
      stopAtOnce = stopOutcome != null;
    }
    events.started(startedFrame());
    if (stopAtOnce) {
      signalStop(running);
    }
    try {
      return supervise(running, startedAt);
    } finally {
      running.close();
      synchronized (this) {
        ended = true;
      }
    }
  }

  private Message.Finished supervise(RunningJob running, Instant startedAt) throws InterruptedException {
    JobOutput output = new JobOutput(jobId, attempt, forwardCap, events::log);
    output.start(running.stdout(), running.stderr(), threads);
    ScheduledFuture<?> limit = timers.schedule(
        () -> stop(Outcomes.TIMED_OUT, "stopped at its time limit of " + timeLimitSeconds + " s"),
        timeLimitSeconds, TimeUnit.SECONDS);
    int exit = running.waitFor();
    Instant endedAt = now();
    limit.cancel(false);
    running.kill(); // what the job left running in its group would otherwise hold the pipes open
    JobOutput.Result result = output.awaitEnd(PIPE_GRACE.compareTo(killGrace) > 0 ? PIPE_GRACE : killGrace);
    String outcome;
    String reason;
    synchronized (this) {
      ended = true;
      if (killTimer != null) {
        killTimer.cancel(false);
      }
      outcome = stopOutcome;
      reason = stopReason;
    }
    Integer exitCode = exit;
    if (outcome != null) {
      // Java reports death by signal as 128 + the signal: the job has no exit status of its own then.
      exitCode = exit >= 128 ? null : exit;
    } else if (exit == 0) {
      outcome = Outcomes.SUCCEEDED;
    } else {
      outcome = Outcomes.FAILED;
      reason = exit > 128 && exit < 128 + 65
          ? "exited with code " + exit + " (128 + signal " + (exit - 128) + ")"
          : "exited with code " + exit;
    }
    if (!result.complete()) {
      reason = (reason == null ? "" : reason + "; ")
          + "a process of the job kept its output open after the job ended; the receipt covers what was read";
    }
    if (result.unsent() > 0) {
      LOG.warn("{} output chunks of job {} attempt {} were not sent (the connection was down)", result.unsent(),
          jobId, attempt);
    }
    return new Message.Finished(jobId, attempt, outcome, exitCode, startedAt, endedAt, result.bytes(),
        result.sha256(), result.truncated(), reason, null);
  }

  /** How an attempt ended that produced no output: never started, or failed in the agent. */
  private Message.Finished ended(String outcome, Instant startedAt, Instant endedAt, String reason) {
    return new Message.Finished(jobId, attempt, outcome, null, startedAt, endedAt, 0,
        Receipts.EMPTY_SHA256, false, reason, null);
  }

  private Instant now() {
    return UsageReceipt.receiptTime(clock.instant());
  }
}
