package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the API's Dropwizard metrics JSON ({@code GET ADMIN/metrics}). */
final class AdminMetrics {
  static final String HANDLE = "gateway.heartbeat.handle";
  static final String FLUSH = "gateway.heartbeats.flush";
  static final String CONNECTIONS = "gateway.connections";

  /** One Dropwizard timer, durations in nanoseconds. */
  record Timer(long count, double p50, double p75, double p99, double mean, double max) {
    static final Timer EMPTY = new Timer(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** The metrics this tool reports, at one moment. */
  record Snapshot(long atNanos, Timer handle, Timer flush, double connections, double heapUsed, double heapCommitted,
      double heapMax) {}

  private final HttpClient http;
  private final URI metrics;

  AdminMetrics(HttpClient http, URI admin) {
    this.http = http;
    this.metrics = admin.resolve("/metrics");
  }

  /** The current snapshot, or null when the admin port does not answer (e.g. during a restart). */
  Snapshot read() {
    try {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return null;
      }
      return parse(Wire.mapper().readTree(r.body()), System.nanoTime());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static Snapshot parse(JsonNode root, long atNanos) {
    JsonNode gauges = root.path("gauges");
    return new Snapshot(
        atNanos,
        timer(root.path("timers").path(HANDLE)),
        timer(root.path("timers").path(FLUSH)),
        gauges.path(CONNECTIONS).path("value").asDouble(Double.NaN),
        gauges.path("jvm.memory.heap.used").path("value").asDouble(Double.NaN),
        gauges.path("jvm.memory.heap.committed").path("value").asDouble(Double.NaN),
        gauges.path("jvm.memory.heap.max").path("value").asDouble(Double.NaN));
  }

  static Timer timer(JsonNode t) {
    if (t.isMissingNode() || !t.has("count")) {
      return Timer.EMPTY;
    }
    double toNanos = switch (t.path("duration_units").asText("seconds")) {
      case "nanoseconds" -> 1;
      case "microseconds" -> 1e3;
      case "milliseconds" -> 1e6;
      case "minutes" -> 60e9;
      default -> 1e9;
    };
    return new Timer(t.path("count").asLong(), t.path("p50").asDouble() * toNanos,
        t.path("p75").asDouble() * toNanos, t.path("p99").asDouble() * toNanos,
        t.path("mean").asDouble() * toNanos, t.path("max").asDouble() * toNanos);
  }
}
