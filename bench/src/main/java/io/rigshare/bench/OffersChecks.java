package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.bench.OffersQueries.Kind;
import io.rigshare.bench.OffersQueries.Spec;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Checks one answer of each {@link OffersLoad} query kind against the API's rules, so fast answers are right ones. */
final class OffersChecks {
  private OffersChecks() {}

  /** One answer of each kind (its first draw) checked against the rules: order, filters, page size, free GPUs. */
  static Map<String, Object> check(URI api, List<Kind> kinds, long seed)
      throws IOException, InterruptedException {
    ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), api);
    Map<String, Object> checks = new LinkedHashMap<>();
    for (Kind k : kinds) {
      Spec s = k.draw().apply(new Random(seed));
      JsonNode reply = client.get(s.path());
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("request", OffersQueries.describe(s));
      if (s.summary()) {
        c.put("models", reply.path("models").size());
        c.put("nodes", reply.path("nodes").asLong());
        c.put("problems", List.of());
      } else {
        c.put("items", reply.path("items").size());
        c.put("hasMore", reply.path("hasMore").asBoolean());
        c.put("problems", problems(s, reply));
      }
      checks.put(k.name(), c);
    }
    return checks;
  }

  static List<String> problems(Spec s, JsonNode reply) {
    List<String> problems = new ArrayList<>();
    JsonNode items = reply.path("items");
    if (items.size() > s.size()) {
      problems.add("more items than the page size");
    }
    if (!s.effectiveSort().equals(reply.path("sort").asText())) {
      problems.add("sort echoed as " + reply.path("sort").asText());
    }
    JsonNode previous = null;
    for (JsonNode item : items) {
      if (item.path("freeGpus").asInt() <= 0) {
        problems.add(item.path("id").asText() + ": no free GPU");
      }
      if (s.model() != null && !item.path("gpuModel").asText().toLowerCase(Locale.ROOT)
          .contains(s.model().toLowerCase(Locale.ROOT))) {
        problems.add(item.path("id").asText() + ": model " + item.path("gpuModel").asText());
      }
      if (s.minVramGb() != null && item.path("vramMib").asLong() < s.minVramGb() * 1024) {
        problems.add(item.path("id").asText() + ": VRAM below the filter");
      }
      if (s.minScore() != null && item.path("score").asLong() < s.minScore()) {
        problems.add(item.path("id").asText() + ": score below the filter");
      }
      if (s.maxPricePerGpuHour() != null && item.path("pricePerGpuHour").asLong() > s.maxPricePerGpuHour()) {
        problems.add(item.path("id").asText() + ": price above the filter");
      }
      if (s.minReliability() != null
          && (item.path("reliability").isNull() || item.path("reliability").asInt() < s.minReliability() * 100)) {
        problems.add(item.path("id").asText() + ": reliability below the filter");
      }
      if (previous != null && compare(s.effectiveSort(), previous, item) > 0) {
        problems.add(item.path("id").asText() + ": out of " + s.effectiveSort() + " order");
      }
      previous = item;
    }
    return problems;
  }

  /** Negative or 0 when a may come before b in this sort (ties are broken by id, which is not checked). */
  private static int compare(String sort, JsonNode a, JsonNode b) {
    return switch (sort) {
      case "price" -> Long.compare(a.path("pricePerGpuHour").asLong(), b.path("pricePerGpuHour").asLong());
      case "pricePerUnit" -> new BigDecimal(a.path("pricePerScoreUnitHour").asText())
          .compareTo(new BigDecimal(b.path("pricePerScoreUnitHour").asText()));
      case "score" -> Long.compare(b.path("score").asLong(), a.path("score").asLong());
      default -> {
        long ra = a.path("reliability").isNull() ? -1 : a.path("reliability").asLong();
        long rb = b.path("reliability").isNull() ? -1 : b.path("reliability").asLong();
        yield Long.compare(rb, ra);
      }
    };
  }
}
