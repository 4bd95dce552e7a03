package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API's own timers and gauges that bear on dispatch, from the admin port's {@code GET /metrics}: the job and
 * gateway timers (Dropwizard's decaying reservoirs: mostly the last minutes), the database pool, threads and GC.
 */
final class AdminSnapshot {
  private static final Pattern TIMERS = Pattern.compile("(?i).*(job|queue|gateway|dispatch).*");
  private static final Pattern GAUGES = Pattern.compile(
      "(?i).*(job|gateway|pool|hikari|jvm\\.threads\\.(count|runnable|blocked)|jvm\\.gc\\..*\\.(count|time)).*");

  private AdminSnapshot() {}

  static Object read(URI admin) {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(admin.resolve("/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return "GET " + admin + "/metrics answered " + r.statusCode();
      }
      return select(Wire.mapper().readTree(r.body()));
    } catch (IOException e) {
      return "admin metrics unavailable: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  static Map<String, Object> select(JsonNode root) {
    Map<String, Object> timers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("timers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (TIMERS.matcher(e.getKey()).matches()) {
        AdminMetrics.Timer t = AdminMetrics.timer(e.getValue());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", t.count());
        m.put("p50Ms", AgentLoad.round(t.p50() / 1e6, 3));
        m.put("p99Ms", AgentLoad.round(t.p99() / 1e6, 3));
        m.put("meanMs", AgentLoad.round(t.mean() / 1e6, 3));
        m.put("maxMs", AgentLoad.round(t.max() / 1e6, 3));
        timers.put(e.getKey(), m);
      }
    }
    Map<String, Object> gauges = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("gauges").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (GAUGES.matcher(e.getKey()).matches() && e.getValue().path("value").isValueNode()) {
        gauges.put(e.getKey(), e.getValue().path("value"));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("timers", timers);
    out.put("gauges", gauges);
    return out;
  }
}
