package io.rigshare.marketplace.jobs;

import io.rigshare.marketplace.core.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshare.marketplace.api.JobApi;
import io.rigshare.marketplace.config.JobsConfig;
import io.rigshare.marketplace.db.JobDao;
import io.rigshare.marketplace.db.JobDao.Job;
import io.rigshare.marketplace.db.NodeDao;
import io.rigshare.marketplace.db.NodeDao.Node;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import io.rigshare.protocol.wire.Wire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The job queue in PostgreSQL: submission (idempotent per buyer and key), matching passes, the node's reports
 * (started, finished with its usage receipt) fenced by attempt number, leases and their sweeps, cancels, and what
 * buyers and hosts may read. Every state change is one transaction that also writes its transition; nothing about a
 * job lives only in one instance's memory.
 */
public class JobService {
  /** How far a node's clock may be from ours in the times of a receipt. */
  static final Duration RECEIPT_SKEW = Duration.ofSeconds(60);
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final Set<String> OUTCOMES = Set.of("succeeded", "failed", "timed_out", "cancelled", "rejected");

  private final Jdbi jdbi;
  private final JobsConfig config;
  private final Clock clock;
  private final JobEvents events;
  private final JobBilling billing;

  public JobService(Jdbi jdbi, JobsConfig config, Clock clock, JobEvents events, JobBilling billing) {
    this.jdbi = jdbi;
    this.config = config;
    this.clock = clock;
    this.events = events;
    this.billing = billing;
  }

  public JobsConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  // ---- buyers -------------------------------------------------------------------------------------------------

  public record Submitted(Job job, boolean created) {}

  /** Queues the job; the same buyer and Idempotency-Key give back the same job (and a different body is refused). */
  public Submitted submit(String buyer, String idempotencyKey, JobSpec spec) {
    if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw ApiException.validation("Idempotency-Key: 1 to 255 visible ASCII characters");
    }
    Instant now = clock.instant();
    String sha = spec.sha256();
    return events.inTransaction(jdbi, handle -> {
      JobDao jobs = handle.attach(JobDao.class);
      if (idempotencyKey != null) {
        Optional<Job> prior = jobs.findByKey(buyer, idempotencyKey);
        if (prior.isPresent()) {
          return replay(prior.get(), sha);
        }
      }
      if (spec.nodeId() != null && !handle.createQuery("SELECT EXISTS (SELECT 1 FROM nodes WHERE id = :id"
          + " AND deleted_at IS NULL)").bind("id", spec.nodeId()).mapTo(Boolean.class).one()) {
        throw ApiException.validation("nodeId: no such node");
      }
      Optional<Job> inserted = jobs.insertQueued(UUID.randomUUID(), buyer, idempotencyKey, sha, spec.runtimeJson(),
          spec.runtime().type(), spec.gpuCount(), spec.minVramMib(), spec.gpuModels().toArray(String[]::new),
          spec.minScore(), spec.maxPricePerHour(), spec.timeLimitSeconds(), spec.startDeadline(), spec.nodeId(),
          now);
      if (inserted.isEmpty()) {
        return replay(jobs.findByKey(buyer, idempotencyKey).orElseThrow(), sha);
      }
      events.queued(handle);
      return new Submitted(inserted.get(), true);
    });
  }

  /** The job an Idempotency-Key already made, if this request is the same one (else IDEMPOTENCY_CONFLICT). */
  private static Submitted replay(Job existing, String sha) {
    if (!existing.requestSha256().equals(sha)) {
      throw new ApiException(ErrorCode.IDEMPOTENCY_CONFLICT,
          "this Idempotency-Key was used for a different job request; use a new key for a new job");
    }
    return new Submitted(existing, false);
  }

  /**
   * When the request with this Idempotency-Key was first made, or now: a replay is validated as of its original
   * time, so a start deadline that has passed since does not turn the replay into an error.
   */
  public Instant requestTime(String buyer, String idempotencyKey) {
    if (idempotencyKey == null) {
      return clock.instant();
    }
    return jdbi.withExtension(JobDao.class, jobs -> jobs.findByKey(buyer, idempotencyKey))
        .map(Job::createdAt).orElseGet(clock::instant);
  }

  /** The job if this wallet bought it or one of its nodes ran it; otherwise NOT_FOUND, whoever owns it. */
  public JobApi.Detail detail(String wallet, String id) {
    return jdbi.withHandle(handle -> {
      JobDao jobs = handle.attach(JobDao.class);
      Job job = visible(jobs, wallet, id);
      boolean buyer = job.buyer().equals(wallet);
      JobApi.View view = view(job, jobs.receipt(job.id()).orElse(null), jobs.charge(job.id()).orElse(null), buyer);
      List<JobApi.Attempt> attempts = jobs.attempts(job.id()).stream()
          .map(a -> new JobApi.Attempt(a.attempt(), a.nodeId(), list(a.gpuIndices()), a.queuedAt(), a.assignedAt(),
              a.startedAt(), a.endedAt(), a.outcome(), a.reason()))
          .toList();
      List<JobApi.Transition> transitions = jobs.transitions(job.id()).stream()
          .map(t -> new JobApi.Transition(t.attempt(), t.at(), t.fromState(), t.toState(), t.reason()))
          .toList();
      return new JobApi.Detail(view, buyer ? "buyer" : "host", attempts, transitions);
    });
  }

  /** The job for a reader (its buyer, or the owner of a node that ran it). */
  public Job visible(String wallet, String id) {
    return jdbi.withExtension(JobDao.class, jobs -> visible(jobs, wallet, id));
  }

  private static Job visible(JobDao jobs, String wallet, String id) {
    return Ids.parse(id)
        .flatMap(jobs::find)
        .filter(job -> job.buyer().equals(wallet) || jobs.ranOnNodeOf(job.id(), wallet))
        .orElseThrow(() -> ApiException.notFound("job"));
  }

  public JobApi.Page listMine(String buyer, String state, int page, int size) {
    if (state != null && !JobStates.ALL.contains(state)) {
      throw ApiException.validation("state: one of " + JobStates.ALL);
    }
    return jdbi.withExtension(JobDao.class, jobs -> new JobApi.Page(
        jobs.listByBuyer(buyer, state, size, page * size).stream().map(j -> view(j, null, null, true)).toList(),
        page, size, jobs.countByBuyer(buyer, state)));
  }

  /** The attempts that ran (or were assigned) on this node, newest first: the host's job history. */
  public JobApi.NodeJobPage nodeJobs(Node node, int page, int size) {
    return jdbi.withExtension(JobDao.class, jobs -> {
      List<JobApi.NodeJob> items = new ArrayList<>();
      for (JobDao.Attempt a : jobs.attemptsOnNode(node.id(), size, page * size)) {
        Job job = jobs.find(a.jobId()).orElseThrow();
        Long price = job.attempt() == a.attempt() ? job.pricePerHour() : null;
        items.add(new JobApi.NodeJob(a.jobId(), a.attempt(), job.state(), job.runtimeType(), list(a.gpuIndices()),
            a.assignedAt(), a.startedAt(), a.endedAt(), a.outcome(), a.reason(), price));
      }
      return new JobApi.NodeJobPage(items, page, size, jobs.countAttemptsOnNode(node.id()));
    });
  }

  /**
   * The buyer cancels. A queued or not yet started job ends at once; a running one is stopped on its node, which
   * then reports it (and its receipt) as cancelled. Cancelling a cancelled job again changes nothing.
   */
  public JobApi.View cancel(String buyer, String id) {
    Instant now = clock.instant();
    Job after = events.inTransaction(jdbi, handle -> {
      JobDao jobs = handle.attach(JobDao.class);
      Job job = Ids.parse(id).flatMap(jobs::lock).filter(j -> j.buyer().equals(buyer))
          .orElseThrow(() -> ApiException.notFound("job"));
      switch (job.state()) {
        case "queued" -> end(handle, job, "cancelled", "cancelled by the buyer", now);
        case "assigned" -> {
          end(handle, job, "cancelled", "cancelled by the buyer before it started", now);
          jobs.endAttempt(job.id(), job.attempt(), null, now, "cancelled", "cancelled by the buyer");
          events.cancel(handle, job.nodeId(), job.id(), job.attempt());
          events.queued(handle);
        }
        case "running" -> {
          if (job.cancelRequestedAt() == null) {
            jobs.requestCancel(job.id(), now);
            jobs.transition(job.id(), job.attempt(), now, "running", "running", "cancel requested by the buyer");
          }
          events.cancel(handle, job.nodeId(), job.id(), job.attempt());
        }
        case "cancelled" -> { }
        default -> throw new ApiException(ErrorCode.JOB_FINISHED, "the job already ended (" + job.state() + ")");
      }
      return jobs.find(job.id()).orElseThrow();
    });
    return view(after, null, null, true);
  }

  public JobApi.Logs logs(Job job, String after, int limit) {
    int attempt = 0;
    long seq = -1;
    if (after != null && !after.isBlank()) {
      String[] parts = after.split("\\.", -1);
      try {
        if (parts.length != 2) {
          throw new IllegalArgumentException("two parts");
        }
        attempt = Integer.parseInt(parts[0]);
        seq = Long.parseLong(parts[1]);
      } catch (RuntimeException e) {
        throw ApiException.validation("after: a cursor such as 1.41, as returned in 'next'");
      }
    }
    int a = attempt;
    long s = seq;
    return jdbi.withHandle(handle -> {
      JobDao jobs = handle.attach(JobDao.class);
      Job now = jobs.find(job.id()).orElseThrow();
      List<JobDao.LogChunk> chunks = jobs.logsAfter(job.id(), a, s, limit);
      String next = chunks.isEmpty() ? (after == null || after.isBlank() ? "0.-1" : after)
          : chunks.get(chunks.size() - 1).attempt() + "." + chunks.get(chunks.size() - 1).seq();
      boolean complete = now.terminal() && chunks.size() < limit;
      return new JobApi.Logs(job.id(), now.state(), chunks.stream().map(JobApi.LogChunk::of).toList(), next,
          complete, now.logsTruncated());
    });
  }

  public JobApi.QueueStats stats(Duration window) {
    Instant now = clock.instant();
    return jdbi.withHandle(handle -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String state : JobStates.ALL) {
        counts.put(state, 0L);
      }
      handle.createQuery("SELECT state, count(*) AS n FROM jobs GROUP BY state")
          .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
          .forEach(e -> counts.put(e.getKey(), e.getValue()));
      Instant oldest = handle.createQuery("SELECT min(queued_at) FROM jobs WHERE state = 'queued'")
          .mapTo(Instant.class).findOne().orElse(null);
      JobApi.LatencyStats latency = handle.createQuery(
              """
              SELECT count(*) AS n,
                     percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
                     percentile_disc(0.9) WITHIN GROUP (ORDER BY ms) AS p90,
                     percentile_disc(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
                     max(ms) AS mx
              FROM (SELECT (extract(epoch FROM (started_at - queued_at)) * 1000)::bigint AS ms
                    FROM jobs WHERE started_at > :since) t
              """)
          .bind("since", now.minus(window))
          .map((rs, ctx) -> new JobApi.LatencyStats(rs.getLong("n"), (Long) rs.getObject("p50", Long.class),
              rs.getObject("p90", Long.class), rs.getObject("p99", Long.class), rs.getObject("mx", Long.class)))
          .one();
      Long age = oldest == null ? null : Math.max(0, Duration.between(oldest, now).toSeconds());
      return new JobApi.QueueStats(counts, age, latency, (int) window.toSeconds(), now);
    });
  }

  // ---- matching -----------------------------------------------------------------------------------------------

  /**
   * One matching pass: claims queued jobs (FOR UPDATE SKIP LOCKED), places them on the best eligible online nodes,
   * and tells the instances holding those nodes to send the assignments. Passes of all instances are serialized by
   * an advisory lock, so capacity is never given twice. Returns how many jobs were claimed (not only assigned).
   */
  public int matchOnce() {
    Instant now = clock.instant();
    return events.inTransaction(jdbi, handle -> {
      JobDao jobs = handle.attach(JobDao.class);
      jobs.lockMatching();
      List<Job> claimed = jobs.claimQueued(now, config.getMatchBatch());
      if (claimed.isEmpty()) {
        return 0;
      }
      JobBilling.Funding funding = billing.fund(handle, claimed, now);
      List<Matcher.Node> nodes = NodeOffers.of(jobs.candidates(), jobs.activeUse(), config);
      List<Matcher.Demand> demands = funding.matchable().stream().map(JobService::demand).toList();
      List<Matcher.Assignment> placed = Matcher.match(demands, nodes);
      if (!placed.isEmpty()) {
        Map<UUID, Job> byId = new HashMap<>();
        funding.matchable().forEach(job -> byId.put(job.id(), job));
        int n = placed.size();
        UUID[] ids = new UUID[n];
        UUID[] nodeIds = new UUID[n];
        String[] gpus = new String[n];
        Long[] prices = new Long[n];
        Long[] escrows = new Long[n];
        UUID[] escrowTransfers = new UUID[n];
        Set<UUID> touched = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
          Matcher.Assignment a = placed.get(i);
          ids[i] = a.jobId();
          nodeIds[i] = a.nodeId();
          gpus[i] = a.gpus().stream().map(String::valueOf).reduce((x, y) -> x + "," + y).orElse("");
          prices[i] = a.pricePerHour();
          Long escrow = funding.toEscrow().get(a.jobId());
          if (escrow != null) {
            escrows[i] = escrow;
            escrowTransfers[i] = billing.escrow(handle, byId.get(a.jobId()), escrow);
          }
          touched.add(a.nodeId());
        }
        jobs.assign(ids, nodeIds, gpus, prices, escrows, escrowTransfers, now, now.plus(config.getLeaseTtl()));
        for (UUID node : touched) {
          events.assigned(handle, node);
        }
      }
      return claimed.size() == config.getMatchBatch() ? claimed.size() : placed.size();
    });
  }

  static Matcher.Demand demand(Job job) {
    return new Matcher.Demand(job.id(), job.runtimeType(), job.gpuCount(), job.minVramMib(),
        Arrays.asList(job.gpuModels()), job.minScore(), job.maxPricePerHour(), job.targetNode());
  }

  // ---- the node's reports -------------------------------------------------------------------------------------

  /**
   * The assignments the node holds and has not reported started: what its agent must be sent, with the owner's CPU
   * and memory limits (read in the same query).
   */
  public List<Message.Assign> assignmentsFor(UUID nodeId) {
    List<Message.Assign> out = new ArrayList<>();
    for (JobDao.Held held : jdbi.withExtension(JobDao.class, jobs -> jobs.assignedTo(nodeId))) {
      Message.NodeLimits limits = NodeDao.limits(held.limits());
      out.add(new Message.Assign(held.id().toString(), held.attempt(), runtime(held.runtime()),
          new Message.JobResources(held.timeLimitSeconds(), list(held.gpuIndices()), limits.cpuCores(),
              limits.memoryBytes(), config.getMaxOutputBytes())));
    }
    return out;
  }

  /** The node started the attempt. False if it does not hold it (the caller sends a cancel). */
  public boolean started(UUID nodeId, Message.Started started) {
    Optional<UUID> jobId = Ids.parse(started.jobId());
    if (jobId.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    // One statement: the state, the attempt's start and the transition. Nobody waits on a start (log followers
    // wake on output), so it sends no notice.
    return jdbi.withHandle(handle -> {
      JobDao jobs = handle.attach(JobDao.class);
      if (jobs.markRunning(jobId.get(), started.attempt(), nodeId, now.plus(config.getLeaseTtl()), now) > 0) {
        return true;
      }
      return jobs.holds(jobId.get(), started.attempt(), nodeId);
    });
  }

  /** How a {@code finished} report was taken: the answer to send ({@code ack}, or an error code and reason). */
  public record Verdict(String errorCode, String reason) {
    static final Verdict ACK = new Verdict(null, null);

    public boolean ok() {
      return errorCode == null;
    }

    static Verdict stale(String why) {
      return new Verdict("STALE_ATTEMPT", why);
    }

    static Verdict invalid(String why) {
      return new Verdict("INVALID_RECEIPT", why);
    }
  }

  /**
   * The node ended an attempt. Verifies the receipt (signature with the node's key, times against the lease),
   * stores it and ends the job in one transaction; a repeat of a stored receipt is acknowledged again; a report for
   * an attempt the node does not hold changes nothing.
   */
  public Verdict finished(UUID nodeId, String nodeKey, Message.Finished f) {
    Optional<UUID> jobId = Ids.parse(f.jobId());
    if (jobId.isEmpty()) {
      return Verdict.stale("no such job");
    }
    if (f.outcome() == null || !OUTCOMES.contains(f.outcome())) {
      return Verdict.invalid("outcome must be one of " + OUTCOMES);
    }
    if (f.startedAt() == null || f.endedAt() == null || f.resultSha256() == null || f.signature() == null) {
      return Verdict.invalid("startedAt, endedAt, resultSha256 and signature are required");
    }
    if ("succeeded".equals(f.outcome()) && !Integer.valueOf(0).equals(f.exitCode())) {
      return Verdict.invalid("outcome succeeded needs exit code 0");
    }
    // The signature is checked before any row is locked: it needs only the node's key, which the connection proved.
    if (!UsageReceipt.of(f, nodeKey).verify(f.signature())) {
      return Verdict.invalid("the receipt signature does not verify for this node's key");
    }
    Instant now = clock.instant();
    return events.inTransaction(jdbi, handle -> {
      JobDao jobs = handle.attach(JobDao.class);
      Optional<Job> locked = jobs.lock(jobId.get());
      if (locked.isEmpty()) {
        return Verdict.stale("no such job");
      }
      Job job = locked.get();
      JobDao.ReportContext context = jobs.reportContext(job.id(), nodeId).orElse(null);
      if (context == null || !nodeKey.equals(context.nodeKey())) {
        return Verdict.stale("this connection does not speak for that node");
      }
      if (context.receiptAttempt() != null && context.receiptAttempt() == f.attempt()
          && nodeId.equals(context.receiptNode())) {
        return context.receiptSignature().equals(f.signature()) ? Verdict.ACK
            : Verdict.invalid("a different receipt is already stored for this attempt");
      }
      if (!job.active() || job.attempt() != f.attempt() || !nodeId.equals(job.nodeId())) {
        return Verdict.stale("this node does not hold attempt " + f.attempt() + " of the job (it is "
            + job.state() + ")");
      }
      String timing = checkTimes(job, f, now);
      if (timing != null) {
        return Verdict.invalid(timing);
      }
      String error = f.error() == null ? null : abbreviate(f.error());
      if ("rejected".equals(f.outcome())) {
        jobs.endAttempt(job.id(), job.attempt(), null, now, "rejected", error);
        retryOrEnd(handle, job, "node " + nodeId + " rejected it" + (error == null ? "" : ": " + error), now);
        events.queued(handle);
        return Verdict.ACK;
      }
      String state = f.outcome();
      String reason = switch (state) {
        case "succeeded" -> "exited with 0";
        case "failed" -> error != null ? error : "exited with " + f.exitCode();
        case "timed_out" -> "stopped at its time limit of " + job.timeLimitSeconds() + " s";
        default -> job.cancelRequestedAt() != null ? "cancelled by the buyer" : "stopped by the host";
      };
      if ("cancelled".equals(state) && job.cancelRequestedAt() == null) {
        state = "failed";
      }
      jobs.finishWithReceipt(new JobDao.Receipt(job.id(), f.attempt(), nodeId, nodeKey, f.outcome(), f.exitCode(),
          f.startedAt(), f.endedAt(), f.outputBytes(), f.resultSha256(), f.signature(), now), state, reason,
          f.outputTruncated(), job.state());
      // The host, not the job, ended a run it calls cancelled that nobody asked to cancel: not billed.
      boolean billable = !("cancelled".equals(f.outcome()) && job.cancelRequestedAt() == null);
      billing.charge(handle, job, Duration.between(f.startedAt(), f.endedAt()), billable, state, f.endedAt(), now);
      events.changed(handle, job.id());
      events.queued(handle);
      return Verdict.ACK;
    });
  }

  /** Null if the receipt's times agree with our record of the lease; otherwise why not. */
  static String checkTimes(Job job, Message.Finished f, Instant now) {
    if (f.endedAt().isBefore(f.startedAt())) {
      return "endedAt is before startedAt";
    }
    if (job.assignedAt() != null && f.startedAt().isBefore(job.assignedAt().minus(RECEIPT_SKEW))) {
      return "startedAt is before the attempt was assigned";
    }
    if (f.endedAt().isAfter(now.plus(RECEIPT_SKEW))) {
      return "endedAt is in the future";
    }
    if (Duration.between(f.startedAt(), f.endedAt())
        .compareTo(Duration.ofSeconds(job.timeLimitSeconds()).plus(RECEIPT_SKEW)) > 0) {
      return "the run is longer than the job's time limit";
    }
    return null;
  }

  /** Extends the leases the heartbeats listed; returns the listed attempts their nodes do not hold. */
  public List<JobDao.NodeJob> extendLeases(List<JobDao.NodeJob> listed) {
    if (listed.isEmpty()) {
      return List.of();
    }
    int n = listed.size();
    UUID[] nodes = new UUID[n];
    UUID[] ids = new UUID[n];
    Integer[] attempts = new Integer[n];
    for (int i = 0; i < n; i++) {
      nodes[i] = listed.get(i).nodeId();
      ids[i] = listed.get(i).id();
      attempts[i] = listed.get(i).attempt();
    }
    Instant lease = clock.instant().plus(config.getLeaseTtl());
    return jdbi.withExtension(JobDao.class, jobs -> jobs.extendLeases(nodes, ids, attempts, lease));
  }

  /** A chunk of output from a node, as the gateway buffered it. */
  public record Chunk(UUID nodeId, UUID jobId, int attempt, long seq, String stream, String data) {}

  /** Stores a batch of chunks for attempts their nodes hold, within each job's cap; wakes the followers. */
  public void appendLogs(List<Chunk> chunks) {
    if (chunks.isEmpty()) {
      return;
    }
    int n = chunks.size();
    UUID[] nodes = new UUID[n];
    UUID[] ids = new UUID[n];
    Integer[] attempts = new Integer[n];
    Long[] seqs = new Long[n];
    String[] streams = new String[n];
    String[] data = new String[n];
    for (int i = 0; i < n; i++) {
      Chunk c = chunks.get(i);
      nodes[i] = c.nodeId();
      ids[i] = c.jobId();
      attempts[i] = c.attempt();
      seqs[i] = c.seq();
      streams[i] = c.stream();
      data[i] = c.data();
    }
    events.inTransaction(jdbi, handle -> {
      List<UUID> changed = handle.attach(JobDao.class).appendLogs(nodes, ids, attempts, seqs, streams, data,
          config.getMaxLogBytesPerJob(), clock.instant());
      for (UUID job : new LinkedHashSet<>(changed)) {
        events.changed(handle, job);
      }
      return changed.size();
    });
  }

  // ---- sweeps -------------------------------------------------------------------------------------------------

  /**
   * Run when an instance starts: gives every running attempt at least one lease period from now. After the whole API
   * was down (a crash, a deploy), agents need a moment to reconnect and report; without this grace the first sweep
   * would requeue work that is still running fine. A node that is really gone loses its jobs one lease later.
   */
  public int startupGrace() {
    Instant until = clock.instant().plus(config.getLeaseTtl());
    return jdbi.withHandle(handle -> handle.createUpdate(
            "UPDATE jobs SET lease_expires_at = :until WHERE state IN ('assigned', 'running')"
                + " AND lease_expires_at < :until")
        .bind("until", until).execute());
  }

  /**
   * Requeues (or fails, after the last attempt) jobs whose lease lapsed, expires queued jobs past their start
   * deadline, and times out running jobs their node did not stop. Safe on every instance at once (SKIP LOCKED).
   */
  public int sweep() {
    Instant now = clock.instant();
    return events.inTransaction(jdbi, handle -> {
      JobDao jobs = handle.attach(JobDao.class);
      int changed = 0;
      for (JobDao.Expired e : jobs.lapsedLeases(now, 500)) {
        Job job = jobs.find(e.id()).orElseThrow();
        String why = "lease lapsed: node " + e.nodeId() + " stopped reporting attempt " + e.attempt();
        jobs.endAttempt(job.id(), job.attempt(), null, now, "lost", why);
        retryOrEnd(handle, job, why, now);
        changed++;
      }
      for (JobDao.Expired e : jobs.pastDeadline(now, 500)) {
        Job job = jobs.find(e.id()).orElseThrow();
        end(handle, job, "expired", "no node matched before the start deadline " + job.startDeadline(), now);
        changed++;
      }
      Instant cutoff = now.minus(config.getLeaseTtl()).minus(RECEIPT_SKEW);
      for (JobDao.Expired e : jobs.overTime(cutoff, 500)) {
        Job job = jobs.find(e.id()).orElseThrow();
        String why = "the node did not stop it at its time limit of " + job.timeLimitSeconds() + " s";
        end(handle, job, "timed_out", why, now);
        jobs.endAttempt(job.id(), job.attempt(), null, now, "timed_out", why);
        events.cancel(handle, job.nodeId(), job.id(), job.attempt());
        changed++;
      }
      if (changed > 0) {
        events.queued(handle);
      }
      return changed;
    });
  }

  /** After an attempt ended without finishing the job: cancelled if asked, failed after the last attempt, else requeued. */
  private void retryOrEnd(Handle handle, Job job, String why, Instant now) {
    if (job.cancelRequestedAt() != null) {
      end(handle, job, "cancelled", "cancelled by the buyer; " + why, now);
    } else if (job.attempt() >= config.getMaxAttempts()) {
      end(handle, job, "failed", why + "; no attempts left (" + config.getMaxAttempts() + ")", now);
    } else {
      Instant at = now.plus(backoff(job.attempt()));
      handle.attach(JobDao.class).requeue(job.id(), why, at, now);
      handle.attach(JobDao.class).transition(job.id(), job.attempt(), now, job.state(), "queued",
          why + "; retry " + (job.attempt() + 1) + " of " + config.getMaxAttempts() + " not before " + at);
      events.changed(handle, job.id());
    }
  }

  Duration backoff(int attemptsMade) {
    Duration base = config.getRetryBackoff();
    Duration max = config.getRetryBackoffMax();
    int shift = Math.max(0, Math.min(30, attemptsMade - 1));
    Duration wait = base.multipliedBy(1L << shift);
    return wait.compareTo(max) > 0 ? max : wait;
  }

  private void end(Handle handle, Job job, String state, String reason, Instant now) {
    JobDao jobs = handle.attach(JobDao.class);
    jobs.finish(job.id(), state, reason, null, null, null, null, now);
    jobs.transition(job.id(), job.attempt(), now, job.state(), state, reason);
    billing.charge(handle, job, null, false, state, now, now);
    events.changed(handle, job.id());
  }

  // ---- views --------------------------------------------------------------------------------------------------

  /** A job as the API shows it; a host sees the names of the buyer's environment variables but not their values. */
  static JobApi.View view(Job job, JobDao.Receipt receipt, JobDao.Charge charge, boolean buyer) {
    Message.JobRuntime rt = runtime(job.runtime());
    Map<String, String> env = rt.env();
    if (!buyer) {
      Map<String, String> masked = new LinkedHashMap<>();
      env.keySet().forEach(k -> masked.put(k, "***"));
      env = masked;
    }
    JobApi.Runtime runtime = new JobApi.Runtime(rt.type(), rt.command(), rt.image(), env,
        "container".equals(rt.type()) ? rt.network() : null);
    JobApi.Requirements req = new JobApi.Requirements(job.gpuCount(), JobSpec.vramGb(job.minVramMib()),
        Arrays.asList(job.gpuModels()), job.minScore());
    Long duration = job.startedAt() != null && job.finishedAt() != null
        ? Duration.between(job.startedAt(), job.finishedAt()).toMillis() : null;
    if (receipt != null) {
      duration = Duration.between(receipt.startedAt(), receipt.endedAt()).toMillis();
    }
    return new JobApi.View(job.id(), job.state(), job.reason(), runtime, req, job.maxPricePerHour(),
        job.timeLimitSeconds(), job.startDeadline(), job.targetNode(), job.attempt(), job.nodeId(),
        list(job.gpuIndices()), job.pricePerHour(), job.cancelRequestedAt() != null, job.createdAt(),
        job.queuedAt(), job.assignedAt(), job.startedAt(), job.finishedAt(), duration, job.exitCode(),
        job.outputBytes(), job.outputSha256(), job.outputTruncated(), job.logBytes(), job.logsTruncated(),
        JobApi.Receipt.of(receipt), JobApi.Billing.of(job.escrow(), charge),
        "queued".equals(job.state()) && job.fundingReason() != null
            ? new JobApi.Waiting(JobBilling.INSUFFICIENT_BALANCE, job.fundingReason()) : null);
  }

  public static JobApi.View buyerView(Job job) {
    return view(job, null, null, true);
  }

  static Message.JobRuntime runtime(String json) {
    try {
      return Wire.mapper().readValue(json, Message.JobRuntime.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored runtime is not readable", e);
    }
  }

  static List<Integer> list(Integer[] values) {
    return values == null ? List.of() : List.of(values);
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500);
  }
}
