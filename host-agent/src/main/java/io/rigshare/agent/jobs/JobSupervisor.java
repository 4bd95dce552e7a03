package io.rigshare.agent.jobs;

import io.rigshare.agent.config.AcceptedLimits;
import io.rigshare.agent.config.AgentConfig;
import io.rigshare.agent.config.DataDir;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's jobs (docs/protocol.md section 9): runs each assigned attempt at most once, several at a time, stops
 * them when cancelled or out of time, and keeps every {@code finished} report until the server answers it.
 *
 * <p>It outlives connections. The link {@link #attach attaches} a {@link JobSink} once authenticated and detaches it
 * when the connection closes; while none is attached, {@code started} and {@code log} frames are dropped (a
 * {@code started} is sent again on the next attach, logs are best effort), and {@code finished} reports wait.
 * Jobs keep running through reconnects.
 *
 * <p>Thread-safe. Nothing here blocks the caller for long: {@link #assign} starts the attempt on a thread of its own,
 * and no lock is held while a frame goes to the sink.
 */
public final class JobSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobSupervisor.class);
  /** Attempts remembered as seen, so that a repeated {@code assign} never runs one twice. */
  private static final int SEEN_LIMIT = 10_000;
  private static final Duration LOG_SEND_TIMEOUT = Duration.ofSeconds(10);

  private final JobSettings settings;
  private final Map<String, JobRunner> runners = new LinkedHashMap<>();
  private final Keypair key;
  private final Supplier<Message.NodeLimits> ownerLimits;
  private final Clock clock;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon("rigshare-job"));
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("rigshare-job-timer"));
  private final AtomicReference<JobSink> sink = new AtomicReference<>();
  private final PendingReports pending;

  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<String, JobRun> running = new LinkedHashMap<>();
  private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > SEEN_LIMIT;
    }
  });
  private boolean stopping;

  /**
   * @param runners the runners the host allows, available or not (an unavailable one is not offered, and its jobs
   *     are rejected with its reason)
   * @param key the node key that signs the receipts
   * @param ownerLimits the owner's limits the agent last accepted; read when each attempt starts
   * @param clock the time {@code startedAt} and {@code endedAt} report (time limits run on real time)
   */
  public JobSupervisor(JobSettings settings, List<JobRunner> runners, Keypair key,
      Supplier<Message.NodeLimits> ownerLimits, Clock clock) {
    this.settings = settings;
    runners.forEach(runner -> this.runners.put(runner.type(), runner));
    this.key = key;
    this.ownerLimits = ownerLimits;
    this.clock = clock;
    this.pending = new PendingReports(settings.reportsDir());
    synchronized (lock) {
      pending.all().forEach(finished -> seen.add(Receipts.ref(finished)));
    }
  }

  /** A supervisor that offers no runner: every assignment is rejected. For links that run no jobs. */
  public static JobSupervisor none(Keypair key, Clock clock) {
    return new JobSupervisor(JobSettings.defaults(), List.of(), key, Message.NodeLimits::none, clock);
  }

  /**
   * The supervisor of a real host: the runners {@code runners.allowed} names, detected on this machine, the owner's
   * limits from {@code limits.json}, and reports kept in the data directory. Logs what it offers and why not more.
   */
  public static JobSupervisor forHost(AgentConfig config, DataDir dir, Keypair key, Clock clock) {
    List<JobRunner> runners = new ArrayList<>();
    if (config.runnersAllowed().contains(ProcessRunner.TYPE)) {
      runners.add(ProcessRunner.create(dir.root(), config.jobs().user()));
    }
    if (config.runnersAllowed().contains(ContainerRunner.TYPE)) {
      runners.add(ContainerRunner.detect(config.jobs().networkAllowed()));
    }
    for (JobRunner runner : runners) {
      runner.unavailable().ifPresent(why -> LOG.warn("Not offering the {} runner: {}", runner.type(), why));
    }
    Supplier<Message.NodeLimits> limits =
        () -> dir.limits().read().map(AcceptedLimits::limits).orElse(Message.NodeLimits.none());
    JobSupervisor supervisor = new JobSupervisor(JobSettings.from(config, dir.root()), runners, key, limits, clock);
    LOG.info("Job runners offered: {}", supervisor.runners().isEmpty() ? "none" : supervisor.runners());
    return supervisor;
  }

  /** The runners this host offers in {@code hello}: allowed and available. */
  public List<String> runners() {
    return runners.values().stream().filter(r -> r.unavailable().isEmpty()).map(JobRunner::type).sorted().toList();
  }

  /**
   * Makes {@code connection} the place frames go, and returns what to send on it at once, in order: a
   * {@code started} for each running attempt (one may have been lost with the last connection) and every
   * unanswered {@code finished}.
   */
  public List<Message> attach(JobSink connection) {
    sink.set(connection);
    List<Message> resend = new ArrayList<>();
    synchronized (lock) {
      for (JobRun run : running.values()) {
        Optional.ofNullable(run.startedFrame()).ifPresent(resend::add);
      }
    }
    resend.addAll(pending.all());
    return resend;
  }

  /** The connection closed: frames wait (or are dropped) until the next {@link #attach}. */
  public void detach(JobSink connection) {
    sink.compareAndSet(connection, null);
  }

  /**
   * Runs the attempt, unless it was seen before: then its {@code started} or unanswered {@code finished} is sent
   * again, the server having evidently missed it. An attempt that cannot run is answered with {@code rejected}.
   */
  public void assign(Message.Assign assign) {
    String ref = UsageReceipt.ref(assign.jobId(), assign.attempt());
    Message resend = null;
    Message.Finished rejection = null;
    JobRun run = null;
    synchronized (lock) {
      if (seen.contains(ref)) {
        JobRun current = running.get(ref);
        resend = current != null ? current.startedFrame() : pending.get(ref).orElse(null);
      } else {
        seen.add(ref);
        Optional<String> problem = refusal(assign);
        if (problem.isPresent()) {
          rejection = Receipts.signed(Receipts.rejected(assign.jobId(), assign.attempt(), clock.instant(),
              problem.get()), key);
          pending.put(rejection);
        } else {
          run = newRun(assign);
          running.put(ref, run);
        }
      }
    }
    if (resend != null) {
      LOG.debug("Repeated assign of {}: sending {} again", ref, resend.getClass().getSimpleName());
      send(resend);
    } else if (rejection != null) {
      LOG.warn("Rejected job {} attempt {}: {}", assign.jobId(), assign.attempt(), rejection.error());
      send(rejection);
    } else if (run != null) {
      LOG.info("Starting job {} attempt {} ({})", assign.jobId(), assign.attempt(), assign.runtime().type());
      threads.execute(run);
    }
  }

  /** Why the attempt may not run here, checked before it is accepted. Called under the lock. */
  private Optional<String> refusal(Message.Assign assign) {
    if (stopping) {
      return Optional.of("the host agent is stopping");
    }
    Optional<String> problem = Assignments.problem(assign);
    if (problem.isPresent()) {
      return problem;
    }
    JobRunner runner = runners.get(assign.runtime().type());
    if (runner == null) {
      return Optional.of("this host does not offer the " + assign.runtime().type() + " runner");
    }
    if (runner.unavailable().isPresent()) {
      return Optional.of("the " + runner.type() + " runner is unavailable here: " + runner.unavailable().get());
    }
    if (running.size() >= settings.maxConcurrent()) {
      return Optional.of("this host already runs " + running.size() + " jobs (jobs.max.concurrent)");
    }
    return Optional.empty();
  }

  private JobRun newRun(Message.Assign assign) {
    JobRunner runner = runners.get(assign.runtime().type());
    String ref = UsageReceipt.ref(assign.jobId(), assign.attempt());
    // The owner's limits are read when the attempt starts, not when it was assigned.
    JobRun.Starter starter = () -> runner.start(spec(assign));
    return new JobRun(assign.jobId(), assign.attempt(), assign.resources().timeLimitSeconds(), starter,
        Assignments.forwardCap(assign, settings), settings.killGrace(), timers, threads, clock, new JobRun.Events() {
          @Override
          public void started(Message.Started started) {
            send(started);
          }

          @Override
          public boolean log(Message.Log chunk) {
            return forward(chunk);
          }

          @Override
          public void finished(Message.Finished finished) {
            onFinished(ref, finished);
          }
        });
  }

  private JobSpec spec(Message.Assign assign) throws JobRejectedException {
    Message.NodeLimits owner;
    try {
      owner = ownerLimits.get();
    } catch (RuntimeException e) {
      throw new JobRejectedException("cannot read the owner's accepted limits: " + e.getMessage());
    }
    return Assignments.spec(assign, owner == null ? Message.NodeLimits.none() : owner, settings);
  }

  private void onFinished(String ref, Message.Finished unsigned) {
    Message.Finished finished = Receipts.signed(unsigned, key);
    synchronized (lock) {
      pending.put(finished);
      running.remove(ref);
      lock.notifyAll();
    }
    LOG.info("Job {} attempt {} {}{} ({} output bytes)", finished.jobId(), finished.attempt(), finished.outcome(),
        finished.error() == null ? "" : ": " + finished.error(), finished.outputBytes());
    send(finished);
  }

  /** Stops the attempt with outcome {@code cancelled}; a cancel for an attempt not running here is ignored. */
  public void cancel(Message.Cancel cancel) {
    JobRun run;
    synchronized (lock) {
      run = running.get(UsageReceipt.ref(cancel.jobId(), cancel.attempt()));
    }
    if (run == null) {
      LOG.debug("Ignoring cancel of job {} attempt {}: not running here", cancel.jobId(), cancel.attempt());
      return;
    }
    LOG.info("Cancelling job {} attempt {}: {}", cancel.jobId(), cancel.attempt(), cancel.reason());
    run.stop(Outcomes.CANCELLED, cancel.reason() == null || cancel.reason().isBlank()
        ? "cancelled by the server" : "cancelled: " + cancel.reason());
  }

  /** The server stored the receipt {@code ref} ({@code fin:<jobId>:<attempt>}): forget the report. */
  public boolean onAck(String ref) {
    boolean known = pending.remove(ref);
    if (known) {
      LOG.info("The server stored the receipt {}", ref);
    }
    return known;
  }

  /**
   * The server answered the report {@code ref} with an error. {@code STALE_ATTEMPT} and {@code INVALID_RECEIPT}
   * are final: the report is dropped. Anything else leaves it to be sent again after a reconnect.
   */
  public boolean onError(String code, String ref) {
    if (ErrorCodes.STALE_ATTEMPT.equals(code) || ErrorCodes.INVALID_RECEIPT.equals(code)) {
      boolean known = pending.remove(ref);
      LOG.warn("The server refused the report {} ({}); dropping it", ref, code);
      return known;
    }
    LOG.warn("The server answered the report {} with {}; it will be sent again", ref, code);
    return false;
  }

  /** The finished reports still waiting for the server's answer. */
  public List<Message.Finished> unacknowledged() {
    return pending.all();
  }

  /** What a heartbeat lists in {@code jobs}: running attempts, then those with unanswered reports. */
  public List<Message.JobRef> heartbeatJobs() {
    Set<Message.JobRef> jobs = new LinkedHashSet<>();
    synchronized (lock) {
      for (JobRun run : running.values()) {
        jobs.add(run.ref());
      }
    }
    for (Message.Finished finished : pending.all()) {
      jobs.add(new Message.JobRef(finished.jobId(), finished.attempt()));
    }
    return List.copyOf(jobs);
  }

  /** Attempts accepted and not yet finished, for the heartbeat's {@code runningJobs}. */
  public int runningCount() {
    synchronized (lock) {
      return running.size();
    }
  }

  /**
   * Stops every running attempt (outcome {@code failed}: the agent stopped) and waits up to {@code timeout} for
   * them to report; later assignments are rejected.
   */
  public void shutdown(Duration timeout) {
    List<JobRun> runs;
    synchronized (lock) {
      stopping = true;
      runs = new ArrayList<>(running.values());
    }
    runs.forEach(run -> run.stop(Outcomes.FAILED, "the host agent stopped"));
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!running.isEmpty()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          // Their processes lead sessions of their own and would outlive the agent.
          LOG.warn("{} jobs were still stopping when the agent stopped; killing them", running.size());
          running.values().forEach(JobRun::killNow);
          break;
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    timers.shutdownNow();
    threads.shutdown();
  }

  @Override
  public void close() {
    shutdown(settings.killGrace().plusSeconds(2));
  }

  private void send(Message frame) {
    JobSink connection = sink.get();
    if (connection != null) {
      connection.send(frame);
    }
  }

  /** Sends a log chunk and waits until the connection took it; false when it did not (or there is none). */
  private boolean forward(Message.Log chunk) {
    JobSink connection = sink.get();
    if (connection == null) {
      return false;
    }
    try {
      return connection.send(chunk).toCompletableFuture().get(LOG_SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
