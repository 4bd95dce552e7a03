package io.rigshare.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The phases of {@link DispatchLoad} that run jobs: warm-up, idle latency and throughput. Each tags its jobs, waits
 * (bounded) for all of them to finish, and reports what the client saw and what the database recorded.
 */
final class JobPhases {
  /** The API under test: how to reach it, its process and database (null members when unknown). */
  record Target(ApiClient client, URI admin, Long apiPid, Path pgDir, QueueSql sql, Path workDir, JfrProfile jfr) {}

  private final DispatchOptions o;
  private final JobLedger ledger;
  private final Submitters submitters;
  private final Target target;
  private final QueueSql sql;
  private final Long apiPid;

  JobPhases(DispatchOptions o, JobLedger ledger, Submitters submitters, Target target) {
    this.o = o;
    this.ledger = ledger;
    this.submitters = submitters;
    this.target = target;
    this.sql = target.sql();
    this.apiPid = target.apiPid();
  }

  Map<String, Object> warmup(String tag) throws InterruptedException {
    System.err.printf("warm-up: %d submitters for %d s%n", o.submitters, o.warmup.toSeconds());
    int n = submitters.flatOut(tag, o.submitters, o.warmup, bound());
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("submitted", n);
    w.put("drainSeconds", drain(tag));
    w.put("unfinished", ledger.unfinished(tag));
    return w;
  }

  /** Phase 1: one job at a time at --idle-rate; every node is idle whenever a job arrives. */
  Map<String, Object> idle(String tag) throws IOException, InterruptedException {
    System.err.printf("phase 1 (idle latency): %.0f jobs/s, one at a time, for %d s%n", o.idleRate,
        o.idleSeconds.toSeconds());
    ledger.bound(null);
    long t0 = System.nanoTime();
    int sent = submitters.paced(tag, o.idleRate, o.idleSeconds);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("tag", tag);
    r.put("submitted", sent);
    r.put("submittedPerSecond", AgentLoad.round(sent / seconds, 1));
    r.put("drainSeconds", drain(tag));
    r.put("unfinished", ledger.unfinished(tag));
    clientLatencies(tag, r);
    server(tag, r);
    Map<String, Object> q = asMap(r.get("clientQueuedToRunningMs"));
    System.err.printf("phase 1: queued -> running p50 %s ms, p99 %s ms (%d jobs)%n", q.get("p50"), q.get("p99"),
        sent);
    return r;
  }

  /** Phase 2: K submitters flat out for --seconds; completions counted from the agents' acks. */
  Map<String, Object> throughput(String tag) throws IOException, InterruptedException {
    System.err.printf("phase 2 (throughput): %d submitters for %d s (max in flight %s)%n", o.submitters,
        o.seconds.toSeconds(), o.maxInFlight > 0 ? o.maxInFlight : "unbounded");
    Semaphore bound = bound();
    long windowNanos = o.seconds.toNanos();
    JfrProfile jfr = target.jfr();
    boolean recording = jfr != null
        && jfr.startWindow(target.workDir().resolve("dispatch-" + tag.replaceAll("[^A-Za-z0-9_-]", "") + ".jfr"));
    long[] countersBefore = sql == null ? null : sql.counters();
    long countedFrom = System.nanoTime();
    ResourceWindow resources = new ResourceWindow(apiPid, target.pgDir());
    ApiProfile profile = apiPid == null ? null : ApiProfile.begin(apiPid);
    long t0 = System.nanoTime();
    Thread sampler = profile == null || o.jstackSamples == 0 ? null : startSampler(profile, t0, windowNanos);
    int sent = submitters.flatOut(tag, o.submitters, o.seconds, bound);
    long t1 = t0 + windowNanos;
    Map<String, Object> cpu = resources.end();
    long countedTo = System.nanoTime();
    long[] countersAfter = sql == null ? null : sql.counters();
    long completedWhileCounted = ledger.ackedBetween(countedFrom, countedTo);
    boolean recorded = recording && jfr.stopWindow();
    if (sampler != null) {
      sampler.join();
    }
    Map<String, Object> profiled = profile == null ? null : profile.end(o.seconds.toMillis() / 1000.0);
    long completed = ledger.ackedBetween(t0, t1);
    long inWindow = submittedBetween(tag, t0, t1);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("tag", tag);
    r.put("seconds", o.seconds.toSeconds());
    r.put("submitted", sent);
    r.put("submittedPerSecond", AgentLoad.round(inWindow / (windowNanos / 1e9), 1));
    r.put("completed", completed);
    r.put("completedPerSecond", AgentLoad.round(completed / (windowNanos / 1e9), 1));
    r.put("completedPerSecondTimeline", ledger.ackTimeline(t0, (int) o.seconds.toSeconds()));
    r.put("backlogAtEnd", inWindow - completed);
    if (countersBefore != null && completedWhileCounted > 0) {
      // Backends report their counters at most once a second: over a window of many seconds that evens out.
      double countedSeconds = (countedTo - countedFrom) / 1e9;
      long commits = countersAfter[0] - countersBefore[0];
      r.put("dbCommitsPerJob", AgentLoad.round(commits / (double) completedWhileCounted, 2));
      r.put("dbCommitsPerSecond", AgentLoad.round(commits / countedSeconds, 0));
      r.put("dbRollbacks", countersAfter[1] - countersBefore[1]);
      r.put("walBytesPerJob", Math.round((countersAfter[2] - countersBefore[2]) / (double) completedWhileCounted));
    }
    r.put("cpu", cpu);
    r.put("cpuMsPerJob", cpuPerJob(cpu, completed / (windowNanos / 1e9)));
    r.put("drainSeconds", drain(tag));
    r.put("unfinished", ledger.unfinished(tag));
    clientLatencies(tag, r);
    server(tag, r);
    r.put("adminMetrics", AdminSnapshot.read(target.admin()));
    r.put("apiProfile", profiled);
    if (recorded) {
      System.err.println("reading the JFR recording of the API...");
      r.put("apiJfr", jfr.analyze(completedWhileCounted));
    }
    System.err.printf("phase 2: %.0f jobs/s completed, %.0f/s submitted; queued -> running p99 %s ms%n",
        completed / (windowNanos / 1e9), inWindow / (windowNanos / 1e9),
        asMap(r.get("clientQueuedToRunningMs")).get("p99"));
    return r;
  }

  /**
   * CPU milliseconds per completed job of the API, PostgreSQL and this tool: on a shared machine a steadier figure
   * than jobs/s. From them, the jobs/s all cores could carry for the server alone and with this load generator.
   */
  static Map<String, Object> cpuPerJob(Map<String, Object> cpu, double jobsPerSecond) {
    Map<String, Object> m = new LinkedHashMap<>();
    Double api = perJob(cpu.get("apiPctOfOneCore"), jobsPerSecond);
    Double db = perJob(cpu.get("dbPctOfOneCore"), jobsPerSecond);
    Double loadgen = perJob(cpu.get("loadgenPctOfOneCore"), jobsPerSecond);
    m.put("api", api);
    m.put("db", db);
    m.put("loadgen", loadgen);
    double cores = Runtime.getRuntime().availableProcessors();
    if (api != null && db != null) {
      m.put("serverOnlyCeilingJobsPerSecond", AgentLoad.round(cores * 1000 / (api + db), 0));
      if (loadgen != null) {
        m.put("withLoadgenCeilingJobsPerSecond", AgentLoad.round(cores * 1000 / (api + db + loadgen), 0));
      }
    }
    return m;
  }

  private static Double perJob(Object pctOfOneCore, double jobsPerSecond) {
    if (!(pctOfOneCore instanceof Double pct) || jobsPerSecond <= 0) {
      return null;
    }
    return AgentLoad.round(pct * 10 / jobsPerSecond, 3);
  }

  private Semaphore bound() {
    Semaphore s = o.maxInFlight > 0 ? new Semaphore(o.maxInFlight) : null;
    ledger.bound(s);
    return s;
  }

  private Thread startSampler(ApiProfile profile, long t0, long windowNanos) {
    int n = o.jstackSamples;
    Thread t = new Thread(() -> {
      try {
        for (int i = 0; i < n; i++) {
          long at = t0 + Math.round((i + 0.5) * windowNanos / n);
          long wait = at - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          profile.sample();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "dispatch-jstack");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** What the client measured for the phase's jobs. */
  private void clientLatencies(String tag, Map<String, Object> r) {
    List<Long> queuedToRunning = new ArrayList<>();
    List<Long> queuedToSucceeded = new ArrayList<>();
    for (JobLedger.Submission s : ledger.phase(tag)) {
      Long started = ledger.startedAt(s.jobId());
      Long acked = ledger.ackedAt(s.jobId());
      if (started != null) {
        queuedToRunning.add(started - s.startNanos());
      }
      if (acked != null) {
        queuedToSucceeded.add(acked - s.startNanos());
      }
    }
    r.put("clientQueuedToRunningMs", DispatchLoad.millis(queuedToRunning));
    r.put("clientQueuedToSucceededMs", DispatchLoad.millis(queuedToSucceeded));
    r.put("submitHttpMs", DispatchLoad.millis(submitters.httpLatency(tag)));
  }

  /** The database's view of the phase, and GET /api/queue/stats as it reads right now. */
  private void server(String tag, Map<String, Object> r) throws IOException, InterruptedException {
    if (sql != null) {
      r.put("server", sql.phase(tag));
    }
    try {
      r.put("queueStats", target.client().get("/api/queue/stats"));
    } catch (IOException e) {
      r.put("queueStats", "unavailable: " + e.getMessage());
    }
  }

  private long submittedBetween(String tag, long from, long to) {
    long n = 0;
    for (JobLedger.Submission s : ledger.phase(tag)) {
      if (s.endNanos() >= from && s.endNanos() < to) {
        n++;
      }
    }
    return n;
  }

  /** Waits (up to --drain-timeout) until every job of the phase is acknowledged; the seconds it took, or null. */
  private Double drain(String tag) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + o.drainTimeout.toNanos();
    List<JobLedger.Submission> pending = ledger.phase(tag);
    while (true) {
      pending.removeIf(s -> ledger.ackedAt(s.jobId()) != null);
      if (pending.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        System.err.printf("warning: %d jobs of %s still unfinished after %d s%n", pending.size(), tag,
            o.drainTimeout.toSeconds());
        return null;
      }
      Thread.sleep(20);
    }
    return AgentLoad.round((System.nanoTime() - start) / 1e9, 2);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
