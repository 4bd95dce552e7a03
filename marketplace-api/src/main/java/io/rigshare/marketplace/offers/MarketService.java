package io.rigshare.marketplace.offers;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.marketplace.db.NodeDao.Node;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What a host needs to price a node and to see why it may be idle: its score and price against comparable listed
 * nodes (the same GPU model), the suggested price, the bounds it may ask within, the queued jobs its GPUs could
 * serve, its verification and its reliability with the parts.
 */
public class MarketService {
  private final Jdbi jdbi;
  private final Pricing pricing;
  private final ReliabilityJob reliability;

  public MarketService(Jdbi jdbi, Pricing pricing, ReliabilityJob reliability) {
    this.jdbi = jdbi;
    this.pricing = pricing;
    this.reliability = reliability;
  }

  public Pricing pricing() {
    return pricing;
  }

  public record NodeMarket(
      UUID nodeId,
      String gpuModel,
      int gpuCount,
      Long score,
      long pricePerGpuHour,
      String priceSource,
      Pricing.Bounds bounds,
      long suggestedPricePerGpuHour,
      String marketMedianPerScoreUnitHour,
      long comparableNodes,
      long queuedJobsItCouldRun,
      Integer reliability,
      JsonNode reliabilityParts,
      String verification,
      String verificationReason,
      Instant verifiedAt,
      boolean listed,
      List<String> idleReasons) {}

  public NodeMarket of(Node node, long defaultPrice) {
    reliability.update(node.id());
    return jdbi.withHandle(handle -> {
      Node fresh = handle.attach(io.rigshare.marketplace.db.NodeDao.class).find(node.id()).orElse(node);
      long score = fresh.benchmarkScore() == null ? 0 : fresh.benchmarkScore();
      Object[] market = handle.createQuery(
              """
              SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY price_per_unit) AS median, count(*) AS n
              FROM nodes WHERE listed AND lower(gpu_model) = lower(:model) AND id <> :id
              """)
          .bind("model", fresh.gpuModel()).bind("id", fresh.id())
          .map((rs, ctx) -> new Object[] {rs.getBigDecimal("median"), rs.getLong("n")}).one();
      BigDecimal median = (BigDecimal) market[0];
      long comparable = (Long) market[1];
      long demand = fresh.gpuModel() == null ? 0 : handle.createQuery(
              """
              SELECT count(*) FROM jobs
              WHERE state = 'queued' AND gpu_count BETWEEN 1 AND :count AND min_vram_mib <= :vram
                AND min_score <= :score
                AND (cardinality(gpu_models) = 0
                     OR EXISTS (SELECT 1 FROM unnest(gpu_models) m WHERE lower(:model) LIKE '%' || lower(m) || '%'))
              """)
          .bind("count", fresh.gpuCount()).bind("vram", fresh.vramMib()).bind("score", score)
          .bind("model", fresh.gpuModel()).mapTo(Long.class).one();
      boolean listed = handle.createQuery("SELECT listed FROM nodes WHERE id = :id").bind("id", fresh.id())
          .mapTo(Boolean.class).one();
      long price = fresh.pricePerGpuHour() != null ? fresh.pricePerGpuHour() : defaultPrice;
      String source = fresh.priceByOwner() ? "owner" : fresh.pricePerGpuHour() != null ? "benchmark" : "default";
      long suggested = pricing.suggested(score, median);
      List<String> reasons = reasons(fresh, listed, score, price, median, demand);
      return new NodeMarket(fresh.id(), fresh.gpuModel(), fresh.gpuCount(), score == 0 ? null : score, price,
          source, pricing.bounds(score), suggested, OfferService.perUnit(median), comparable, demand,
          fresh.reliability(), ReliabilityJob.tree(fresh.reliabilityParts()), fresh.verification(),
          fresh.verificationReason(), fresh.verifiedAt(), listed, reasons);
    });
  }

  private static List<String> reasons(
      Node node, boolean listed, long score, long price, BigDecimal median, long demand) {
    List<String> reasons = new ArrayList<>();
    if (!"online".equals(node.state())) {
      reasons.add("the node is " + node.state() + ": it takes no jobs");
    }
    if (node.runners() == null || node.runners().length == 0) {
      reasons.add("the agent offers no job runner (see runners.allowed and `doctor` on the host)");
    }
    if (node.gpuCount() == 0) {
      reasons.add("no GPU is offered: the node is not listed among the offers");
    }
    if ("unverified".equals(node.verification())) {
      reasons.add("not verified: " + (node.verificationReason() == null ? "the last challenge failed"
          : node.verificationReason()));
    } else if ("pending".equals(node.verification())) {
      reasons.add("not verified yet: the benchmark challenge has not passed");
    }
    if (score == 0 && node.gpuCount() > 0) {
      reasons.add("no benchmark score yet");
    }
    if (median != null && score > 0) {
      BigDecimal perUnit = BigDecimal.valueOf(price).divide(BigDecimal.valueOf(score), 6,
          java.math.RoundingMode.HALF_EVEN);
      if (perUnit.compareTo(median) > 0) {
        long percent = perUnit.subtract(median).multiply(BigDecimal.valueOf(100))
            .divide(median, 0, java.math.RoundingMode.HALF_EVEN).longValue();
        reasons.add("its price per score unit is " + percent + "% above the median of comparable nodes");
      }
    }
    if (listed && demand == 0) {
      reasons.add("no queued job asks for what this node offers right now");
    }
    return reasons;
  }
}
