package io.rigshare.marketplace.offers;

import io.rigshare.marketplace.jobs.Matcher;
import io.rigshare.marketplace.jobs.NodeOffers;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a node offers, as its offer shows it: the GPUs its owner offers (from the hardware report and the limits), the
 * most common model among them, how many, and the smallest VRAM share one of them gives a job.
 */
public record NodeShape(String gpuModel, int gpuCount, long vramMib) {
  public static final NodeShape NONE = new NodeShape(null, 0, 0);

  public static NodeShape of(String hardwareJson, String limitsJson) {
    List<Matcher.Gpu> gpus = NodeOffers.gpus(hardwareJson, limitsJson);
    if (gpus.isEmpty()) {
      return NONE;
    }
    Map<String, Long> byModel = gpus.stream()
        .collect(Collectors.groupingBy(g -> g.name() == null ? "unknown" : g.name(), Collectors.counting()));
    String model = byModel.entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey).orElseThrow();
    long vram = gpus.stream().mapToLong(Matcher.Gpu::usableVramMib).min().orElse(0);
    return new NodeShape(model, gpus.size(), vram);
  }
}
