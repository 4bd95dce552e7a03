package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Buyers submitting no-op jobs ({@code POST /api/jobs}: the process runner, {@code true}, no GPUs) over keep-alive
 * HTTP/1.1 connections: paced one at a time, or flat out from K threads. Each job carries its phase in {@code
 * runtime.env.BENCH_PHASE}, so the database can be asked about one phase's jobs.
 */
final class Submitters {
  /** The jobs' price cap: the default node price (1,000,000 per GPU-hour, a CPU job paying for one) fits. */
  static final long MAX_PRICE_PER_HOUR = 2_000_000;

  private final HttpClient[] clients;
  private final URI jobs;
  private final String bearer;
  private final JobLedger ledger;
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final Map<String, String> failureExamples = new ConcurrentHashMap<>();
  /** HTTP round trip of each successful submission, per phase. */
  private final Map<String, Latencies> httpLatency = new ConcurrentHashMap<>();

  Submitters(URI api, String buyerSession, JobLedger ledger, int connections) {
    this.jobs = api.resolve("/api/jobs");
    this.bearer = "Bearer " + buyerSession;
    this.ledger = ledger;
    this.clients = new HttpClient[Math.max(1, Math.min(4, connections))];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
    }
  }

  static String body(String phase) {
    try {
      return Wire.mapper().writeValueAsString(Map.of(
          "runtime", Map.of("type", "process", "command", "true", "env", Map.of("BENCH_PHASE", phase)),
          "requirements", Map.of("gpuCount", 0),
          "maxPricePerHour", MAX_PRICE_PER_HOUR,
          "timeLimitSeconds", 60));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Submits one job; true if the API queued it (201). Failures are counted by status, never thrown. */
  boolean submitOne(int client, String phase, String body) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(jobs).timeout(Duration.ofSeconds(30))
        .header("authorization", bearer).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long start = System.nanoTime();
    HttpResponse<String> r;
    try {
      r = clients[Math.floorMod(client, clients.length)].send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      fail("io: " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      return false;
    }
    long end = System.nanoTime();
    if (r.statusCode() != 201) {
      fail("http " + r.statusCode(), r.body());
      return false;
    }
    String id;
    try {
      JsonNode view = Wire.mapper().readTree(r.body());
      id = view.path("id").asText(null);
    } catch (IOException e) {
      id = null;
    }
    if (id == null) {
      fail("no job id in the answer", r.body());
      return false;
    }
    ledger.submitted(new JobLedger.Submission(id, phase, start, end));
    httpLatency.computeIfAbsent(phase, k -> new Latencies()).add(end - start);
    return true;
  }

  /** Phase 1: {@code rate} jobs per second, each submission waiting for the previous one, for {@code length}. */
  int paced(String phase, double rate, Duration length) throws InterruptedException {
    String body = body(phase);
    long periodNanos = Math.round(1e9 / rate);
    long start = System.nanoTime();
    long end = start + length.toNanos();
    int sent = 0;
    for (long next = start; next < end; next += periodNanos) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      if (submitOne(0, phase, body)) {
        sent++;
      }
    }
    return sent;
  }

  /**
   * Phase 2: {@code threads} submitters, each sending its next job as soon as the previous one was answered, until
   * {@code length} passed. With {@code inFlight} they first take a permit, which the job's acknowledgement returns.
   */
  int flatOut(String phase, int threads, Duration length, Semaphore inFlight) throws InterruptedException {
    String body = body(phase);
    long deadline = System.nanoTime() + length.toNanos();
    LongAdder sent = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int client = t;
      Thread w = new Thread(() -> {
        try {
          while (System.nanoTime() < deadline) {
            if (inFlight != null && !inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
              continue;
            }
            if (submitOne(client, phase, body)) {
              sent.increment();
            } else {
              if (inFlight != null) {
                inFlight.release();
              }
              Thread.sleep(10); // an API that refuses everything should not be hammered in a tight loop
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "dispatch-submit-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 35_000));
    }
    return (int) sent.sum();
  }

  Latencies httpLatency(String phase) {
    return httpLatency.getOrDefault(phase, new Latencies());
  }

  long failureCount() {
    return failures.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Object> failures() {
    Map<String, Object> out = new TreeMap<>();
    failures.forEach((k, v) -> out.put(k, Map.of("count", v.sum(), "example",
        ApiClient.abbreviate(failureExamples.getOrDefault(k, "")))));
    return out;
  }

  private void fail(String kind, String example) {
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    failureExamples.putIfAbsent(kind, example == null ? "" : example);
  }
}
