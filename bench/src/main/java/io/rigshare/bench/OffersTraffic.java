package io.rigshare.bench;

import io.rigshare.bench.OffersQueries.Kind;
import io.rigshare.bench.OffersQueries.Spec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP load on the offers endpoints: K client threads, each with its own {@link HttpClient} (HTTP/1.1, one
 * keep-alive connection), drawing query kinds with equal weight from a seeded {@link Random}. Open loop at a total
 * rate (each client sends on its own schedule and a request's latency counts from its scheduled start, so a stalled
 * server is not hidden by the client waiting on it), or closed loop with rate 0 (each client sends when its last
 * answer arrived). Latency is from the start of the request to the last byte of the body.
 */
final class OffersTraffic {
  private final URI api;
  private final List<Kind> kinds;
  private final int clients;
  private final long seed;

  OffersTraffic(URI api, List<Kind> kinds, int clients, long seed) {
    this.api = api;
    this.kinds = kinds;
    this.clients = clients;
    this.seed = seed;
  }

  /** What one phase measured, per kind. */
  static final class Result {
    final Map<String, Latencies> latencies = new LinkedHashMap<>();
    final Map<String, AtomicLong> errors = new LinkedHashMap<>();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong unsent = new AtomicLong();
    final AtomicReference<String> firstError = new AtomicReference<>();
    double seconds;

    long requests() {
      return latencies.values().stream().mapToLong(Latencies::size).sum();
    }
  }

  /** Runs for {@code duration}; {@code rate} requests per second across all clients, or flat out when 0. */
  Result run(Duration duration, double rate, long phaseSalt) throws InterruptedException {
    Result result = new Result();
    for (Kind k : kinds) {
      result.latencies.put(k.name(), new Latencies());
      result.errors.put(k.name(), new AtomicLong());
    }
    long start = System.nanoTime() + 50_000_000L; // let every thread reach its first schedule
    long end = start + duration.toNanos();
    long interval = rate > 0 ? Math.round(1e9 * clients / rate) : 0;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> loop(result, client, start, end, interval, phaseSalt), "offers-client-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    result.seconds = (System.nanoTime() - start) / 1e9;
    return result;
  }

  private void loop(Result result, int client, long start, long end, long interval, long phaseSalt) {
    Random random = new Random(seed * 1_000_003L + phaseSalt * 101L + client);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    // Spread the clients' schedules over one interval so they do not fire together.
    long next = start + (interval * client) / clients;
    while (true) {
      long scheduled;
      if (interval > 0) {
        scheduled = next;
        next += interval;
        long wait = scheduled - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (-wait > 1_000_000L) {
          result.late.incrementAndGet();
        }
      } else {
        scheduled = System.nanoTime();
      }
      if (scheduled >= end) {
        return;
      }
      long now = System.nanoTime();
      if (now >= end) {
        // Behind schedule at the end of the phase: the requests still owed are counted, not sent.
        result.unsent.addAndGet(interval > 0 ? 1 + (end - scheduled - 1) / interval : 0);
        return;
      }
      Kind kind = kinds.get(random.nextInt(kinds.size()));
      Spec spec = kind.draw().apply(random);
      HttpRequest request = HttpRequest.newBuilder(api.resolve(spec.path())).timeout(Duration.ofSeconds(30))
          .GET().build();
      try {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long done = System.nanoTime();
        if (r.statusCode() != 200) {
          result.errors.get(kind.name()).incrementAndGet();
          result.firstError.compareAndSet(null, spec.path() + " -> " + r.statusCode() + " "
              + ApiClient.abbreviate(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)));
          continue;
        }
        result.latencies.get(kind.name()).add(done - scheduled);
        result.bytes.addAndGet(r.body().length);
      } catch (IOException e) {
        result.errors.get(kind.name()).incrementAndGet();
        result.firstError.compareAndSet(null, spec.path() + " -> " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
