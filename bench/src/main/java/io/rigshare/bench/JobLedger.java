package io.rigshare.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the benchmark saw of each job, all in {@link System#nanoTime()}: when its submission began and answered (the
 * submitters), when its agent sent {@code started} and when the agent got the {@code ack} of its {@code finished}
 * (the agents' socket threads). Keyed by job id, since an agent may see the assignment before the submitter has read
 * the job's id from the HTTP answer.
 */
final class JobLedger {
  /** One submitted job. */
  record Submission(String jobId, String phase, long startNanos, long endNanos) {}

  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final Map<String, Long> acked = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<Submission>> byPhase = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> agentErrors = new ConcurrentHashMap<>();
  final LongAdder assigns = new LongAdder();
  final LongAdder cancels = new LongAdder();
  /** Bounds jobs submitted and not yet acknowledged (phase 2's --max-in-flight); null: unbounded. */
  private volatile Semaphore inFlight;

  void bound(Semaphore permits) {
    this.inFlight = permits;
  }

  void submitted(Submission s) {
    byPhase.computeIfAbsent(s.phase(), k -> new ConcurrentLinkedQueue<>()).add(s);
  }

  /** An agent sent {@code started} for the job's attempt (called right after the send, on its socket thread). */
  void started(String jobId) {
    started.putIfAbsent(jobId, System.nanoTime());
  }

  /** The server acknowledged the job's receipt: the job is {@code succeeded}. */
  void acked(String jobId) {
    if (acked.putIfAbsent(jobId, System.nanoTime()) == null) {
      Semaphore s = inFlight;
      if (s != null) {
        s.release();
      }
    }
  }

  void agentError(String code) {
    agentErrors.computeIfAbsent(code == null ? "?" : code, k -> new LongAdder()).increment();
  }

  Map<String, Long> agentErrors() {
    Map<String, Long> out = new TreeMap<>();
    agentErrors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  List<Submission> phase(String phase) {
    ConcurrentLinkedQueue<Submission> q = byPhase.get(phase);
    return q == null ? List.of() : new ArrayList<>(q);
  }

  Long startedAt(String jobId) {
    return started.get(jobId);
  }

  Long ackedAt(String jobId) {
    return acked.get(jobId);
  }

  /** How many of the phase's jobs are not acknowledged yet. */
  long unfinished(String phase) {
    long n = 0;
    for (Submission s : phase(phase)) {
      if (!acked.containsKey(s.jobId())) {
        n++;
      }
    }
    return n;
  }

  /** Acknowledgements received in [from, to) (nanoTime), of any job. */
  long ackedBetween(long from, long to) {
    long n = 0;
    for (long t : acked.values()) {
      if (t >= from && t < to) {
        n++;
      }
    }
    return n;
  }

  /** Per-second counts of acknowledgements from {@code from} for {@code seconds} seconds. */
  long[] ackTimeline(long from, int seconds) {
    long[] out = new long[Math.max(0, seconds)];
    for (long t : acked.values()) {
      long s = (t - from) / 1_000_000_000L;
      if (t >= from && s < out.length) {
        out[(int) s]++;
      }
    }
    return out;
  }
}
