package io.rigshare.marketplace.offers;

import io.rigshare.marketplace.errors.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The public marketplace: nodes that are online, verified, scored and have a free GPU, filtered, sorted and paged in
 * one indexed query on the node table (the offer's columns live on the node row), and a per-model summary.
 */
public class OfferService {
  /** Sort keys and their SQL, each ending in the id so pages are stable. */
  static final Map<String, String> SORTS = Map.of(
      "price", "n.price_per_gpu_hour ASC, n.id",
      "pricePerUnit", "n.price_per_unit ASC, n.id",
      "score", "n.benchmark_score DESC, n.id",
      "reliability", "n.reliability DESC NULLS LAST, n.id");
  private static final Duration SUMMARY_TTL = Duration.ofSeconds(5);

  private final Jdbi jdbi;
  private final Clock clock;
  private final AtomicReference<CachedSummary> summary = new AtomicReference<>();

  public OfferService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** An offer: one node's free GPUs at its price. Prices are base units of the reward token. */
  public record Offer(
      UUID id,
      String gpuModel,
      int gpuCount,
      int freeGpus,
      long vramMib,
      long score,
      long pricePerGpuHour,
      long pricePerHour,
      String pricePerScoreUnitHour,
      Integer reliability,
      String region,
      Instant verifiedAt) {}

  public record Page(List<Offer> items, int page, int size, boolean hasMore, String sort) {}

  /** Filters; null means no filter. {@code minReliability} is in basis points (10000 = 100%). */
  public record Filter(
      String model, Long minVramGb, Long minScore, Long maxPricePerGpuHour, Integer minReliability, UUID node) {
    public Filter(String model, Long minVramGb, Long minScore, Long maxPricePerGpuHour, Integer minReliability) {
      this(model, minVramGb, minScore, maxPricePerGpuHour, minReliability, null);
    }
  }

  /** The offer of one node, if it is listed now with a free GPU. */
  public Optional<Offer> find(UUID node) {
    return list(new Filter(null, null, null, null, null, node), "pricePerUnit", 0, 1).items().stream().findFirst();
  }

  public Page list(Filter filter, String sort, int page, int size) {
    String order = SORTS.get(sort);
    if (order == null) {
      throw ApiException.validation("sort: one of " + SORTS.keySet().stream().sorted().toList());
    }
    StringBuilder sql = new StringBuilder(
        """
        SELECT n.id, n.gpu_model, n.gpu_count, n.gpu_count - u.gpus AS free_gpus, n.vram_mib,
               n.benchmark_score, n.price_per_gpu_hour, n.price_per_unit, n.reliability, n.region, n.verified_at
        FROM nodes n
        -- Per node, through jobs_active_node: the planner then walks a sort index and stops at the page's end,
        -- instead of aggregating every active job and sorting every listed node (measured: 72-102 ms -> 0.1-1 ms).
        CROSS JOIN LATERAL (
          SELECT COALESCE(sum(cardinality(j.gpu_indices)), 0) AS gpus FROM jobs j
          WHERE j.node_id = n.id AND j.state IN ('assigned', 'running')
        ) u
        WHERE n.listed AND n.gpu_count > u.gpus
        """);
    if (filter.model() != null) {
      sql.append(" AND lower(n.gpu_model) LIKE '%' || lower(:model) || '%' ESCAPE '\\'");
    }
    if (filter.minVramGb() != null) {
      sql.append(" AND n.vram_mib >= :minVramMib");
    }
    if (filter.minScore() != null) {
      sql.append(" AND n.benchmark_score >= :minScore");
    }
    if (filter.maxPricePerGpuHour() != null) {
      sql.append(" AND n.price_per_gpu_hour <= :maxPrice");
    }
    if (filter.minReliability() != null) {
      sql.append(" AND n.reliability >= :minReliability");
    }
    if (filter.node() != null) {
      sql.append(" AND n.id = :node");
    }
    sql.append(" ORDER BY ").append(order).append(" LIMIT :limit OFFSET :offset");
    List<Offer> rows = jdbi.withHandle(handle -> {
      Query query = handle.createQuery(sql.toString())
          .bind("limit", size + 1).bind("offset", page * size);
      if (filter.model() != null) {
        query.bind("model", filter.model().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
      }
      if (filter.minVramGb() != null) {
        query.bind("minVramMib", io.rigshare.marketplace.jobs.JobSpec.vramMib(filter.minVramGb()));
      }
      if (filter.minScore() != null) {
        query.bind("minScore", filter.minScore());
      }
      if (filter.maxPricePerGpuHour() != null) {
        query.bind("maxPrice", filter.maxPricePerGpuHour());
      }
      if (filter.minReliability() != null) {
        query.bind("minReliability", filter.minReliability());
      }
      if (filter.node() != null) {
        query.bind("node", filter.node());
      }
      return query.map((rs, ctx) -> {
        long price = rs.getLong("price_per_gpu_hour");
        int count = rs.getInt("gpu_count");
        BigDecimal perUnit = rs.getBigDecimal("price_per_unit");
        return new Offer(rs.getObject("id", UUID.class), rs.getString("gpu_model"), count,
            rs.getInt("free_gpus"), rs.getLong("vram_mib"), rs.getLong("benchmark_score"), price,
            Math.multiplyExact(price, (long) count), perUnit(perUnit), (Integer) rs.getObject("reliability"),
            rs.getString("region"), rs.getObject("verified_at", java.time.OffsetDateTime.class) == null ? null
                : rs.getObject("verified_at", java.time.OffsetDateTime.class).toInstant());
      }).list();
    });
    boolean more = rows.size() > size;
    return new Page(more ? new ArrayList<>(rows.subList(0, size)) : rows, page, size, more, sort);
  }

  /** Base units per score-unit-hour, exact to four decimals, as a string (amounts are never floating point). */
  static String perUnit(BigDecimal value) {
    return value == null ? null : value.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** One GPU model on the market: listed nodes, their GPUs, and the price range per GPU-hour. */
  public record ModelSummary(
      String gpuModel, long nodes, long gpus, long minPricePerGpuHour, long medianPricePerGpuHour,
      long maxPricePerGpuHour, long maxScore) {}

  public record Summary(List<ModelSummary> models, long nodes, Instant at) {}

  /** Per-model counts and price ranges of what is listed; cached for a few seconds per instance. */
  public Summary summary() {
    Instant now = clock.instant();
    CachedSummary cached = summary.get();
    if (cached != null && cached.at().plus(SUMMARY_TTL).isAfter(now) && !cached.at().isAfter(now)) {
      return cached.summary();
    }
    List<ModelSummary> models = jdbi.withHandle(handle -> handle.createQuery(
            """
            SELECT gpu_model, count(*) AS nodes, sum(gpu_count) AS gpus, min(price_per_gpu_hour) AS lo,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY price_per_gpu_hour) AS mid,
                   max(price_per_gpu_hour) AS hi, max(benchmark_score) AS best
            FROM nodes WHERE listed GROUP BY gpu_model ORDER BY count(*) DESC, gpu_model
            """)
        .map((rs, ctx) -> new ModelSummary(rs.getString("gpu_model"), rs.getLong("nodes"), rs.getLong("gpus"),
            rs.getLong("lo"), rs.getLong("mid"), rs.getLong("hi"), rs.getLong("best")))
        .list());
    Summary fresh = new Summary(models, models.stream().mapToLong(ModelSummary::nodes).sum(), now);
    summary.set(new CachedSummary(fresh, now));
    return fresh;
  }

  private record CachedSummary(Summary summary, Instant at) {}
}
