package io.rigshare.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all simulated agents share: a few {@link HttpClient}s (one selector thread each), a small callback pool, one
 * timer pool for heartbeats and reconnects, and the counters the report is built from. Thousands of agents cost a
 * handful of threads.
 */
final class Fleet implements AutoCloseable {
  /** Closes with these codes end an agent's link for good (docs/protocol.md §5 error table). */
  static final java.util.Set<String> TERMINAL_ERRORS = java.util.Set.of(
      "NODE_NOT_FOUND", "NODE_DISABLED", "NODE_EXISTS", "INVALID_TOKEN", "TOKEN_EXPIRED", "TOKEN_USED",
      "INVALID_SIGNATURE", "UNSUPPORTED_VERSION");

  final URI agentUrl;
  final String agentVersion = "bench-agent-load/0.1";
  volatile int heartbeatSeconds;
  final long seed;
  final int maxAttempts;
  final Duration handshakeTimeout = Duration.ofSeconds(30);
  private final HttpClient[] clients;
  final ExecutorService callbacks;
  final ScheduledThreadPoolExecutor timers;

  final AtomicInteger authenticated = new AtomicInteger();
  final AtomicInteger gaveUp = new AtomicInteger();
  final LongAdder attempts = new LongAdder();
  final LongAdder handshakes = new LongAdder();
  final LongAdder heartbeats = new LongAdder();
  final LongAdder connectFailures = new LongAdder();
  final LongAdder handshakeTimeouts = new LongAdder();
  final LongAdder sendFailures = new LongAdder();
  private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  /** Connect start to authenticated/registered, per successful handshake. */
  volatile Latencies handshakeLatency = new Latencies();
  /** Connect start to the WebSocket being open (TCP + HTTP upgrade). */
  volatile Latencies upgradeLatency = new Latencies();
  /** System.nanoTime() of every successful handshake, for the reconnect timeline. */
  final Latencies authTimes = new Latencies();
  volatile boolean stopping;

  Fleet(URI agentUrl, int heartbeatSeconds, long seed, int clientCount, int threads, int maxAttempts) {
    this.agentUrl = agentUrl;
    this.heartbeatSeconds = heartbeatSeconds;
    this.seed = seed;
    this.maxAttempts = maxAttempts;
    this.callbacks = Executors.newFixedThreadPool(threads, named("agent-cb"));
    this.timers = new ScheduledThreadPoolExecutor(2, named("agent-timer"));
    this.timers.setRemoveOnCancelPolicy(true);
    this.clients = new HttpClient[clientCount];
    for (int i = 0; i < clientCount; i++) {
      clients[i] = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(10)).build();
    }
  }

  HttpClient client(int index) {
    return clients[Math.floorMod(index, clients.length)];
  }

  void closed(String code) {
    closes.computeIfAbsent(code, k -> new LongAdder()).increment();
  }

  private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();

  /** Why connections failed, by message (at most 50 distinct kept). */
  void problem(String what) {
    if (what == null) {
      return;
    }
    String key = what.length() > 160 ? what.substring(0, 160) : what;
    if (problems.size() < 50 || problems.containsKey(key)) {
      problems.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
  }

  Map<String, Long> problems() {
    return snapshot(problems);
  }

  void error(String code) {
    errors.computeIfAbsent(code, k -> new LongAdder()).increment();
  }

  Map<String, Long> closes() {
    return snapshot(closes);
  }

  Map<String, Long> errors() {
    return snapshot(errors);
  }

  long errorCount(String code) {
    LongAdder a = errors.get(code);
    return a == null ? 0 : a.sum();
  }

  /** Starts fresh latency lists (e.g. for the reconnect phase) and returns the previous ones. */
  Latencies[] resetLatencies() {
    Latencies[] old = {handshakeLatency, upgradeLatency};
    handshakeLatency = new Latencies();
    upgradeLatency = new Latencies();
    return old;
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public void close() {
    stopping = true;
    timers.shutdownNow();
    callbacks.shutdownNow();
    try {
      timers.awaitTermination(2, TimeUnit.SECONDS);
      callbacks.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
