package io.rigshare.marketplace.offers;

import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.jobs.JobSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The public marketplace: nodes that are online, verified, scored and have a free GPU, filtered, sorted and paged in
 * indexed queries on the node table (the offer's columns live on the node row). Pages are keyset cursors
 * ({@link OfferCursor}), which cost the same at any depth, or offsets (at most {@link #MAX_OFFSET} deep), read as the
 * cursor range after the last skipped offer, which a narrow walk of the order's index finds. The per-model summary is
 * {@link OfferSummaries}'.
 */
public class OfferService {
  /** The deepest offset served; deeper pages are read with a cursor ({@code after}). */
  public static final int MAX_OFFSET = 10_000;

  /**
   * An order of the offers: its key column, its ORDER BY (which its {@code nodes_offers_*} index serves, ending in
   * the id so pages are stable), whether the key descends, whether listed nodes may lack it (they come last), and
   * whether the key is an integer column (cursor keys are bound as that type, so the index can use them).
   */
  record Sort(String column, String orderBy, boolean descending, boolean nullable, boolean integral) {}

  static final Map<String, Sort> SORTS = Map.of(
      "price", new Sort("n.price_per_gpu_hour", "n.price_per_gpu_hour ASC, n.id", false, true, true),
      "pricePerUnit", new Sort("n.price_per_unit", "n.price_per_unit ASC, n.id", false, true, false),
      // A listed node always has a score (listed requires benchmark_score > 0).
      "score", new Sort("n.benchmark_score", "n.benchmark_score DESC, n.id", true, false, true),
      "reliability", new Sort("n.reliability", "n.reliability DESC NULLS LAST, n.id", true, true, true));

  /**
   * The offers: listed nodes with a GPU that their active jobs leave free. Per node, through jobs_active_node: the
   * planner then walks a sort index and stops at the page's end, instead of aggregating every active job and sorting
   * every listed node (measured: 72-102 ms -> 0.1-1 ms).
   */
  private static final String OFFERS =
      """
      FROM nodes n
      CROSS JOIN LATERAL (
        SELECT COALESCE(sum(cardinality(j.gpu_indices)), 0) AS gpus FROM jobs j
        WHERE j.node_id = n.id AND j.state IN ('assigned', 'running')
      ) u
      WHERE n.listed AND n.gpu_count > u.gpus
      """;

  private static final String FROM =
      """
      SELECT n.id, n.gpu_model, n.gpu_count, n.gpu_count - u.gpus AS free_gpus, n.vram_mib,
             n.benchmark_score, n.price_per_gpu_hour, n.price_per_unit, n.reliability, n.region, n.verified_at
      """ + OFFERS;

  /**
   * The key and id of the offer at an offset: a walk of the order's index without its rows (V12__offers_pages.sql
   * puts gpu_count in it, so on all-visible pages no 2 KB node row is fetched) that probes each walked node's active
   * jobs. The probes are most of its cost (about 1 µs a node). Tried: NOT EXISTS, which PostgreSQL hashes over every
   * active job first: cheaper past about 3,000 offers deep, but that build (2 ms at 100,000 nodes, 12,689 active jobs)
   * made shallow pages cost five times what they did.
   */
  private static final String SKIP = "SELECT %s AS key, n.id " + OFFERS;

  private final Jdbi jdbi;

  public OfferService(Jdbi jdbi) {
    this.jdbi = jdbi;
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

  /**
   * A page of offers; {@code next} is the cursor of its last offer when {@code hasMore}, else null ({@code page} is
   * 0 for a page read with a cursor).
   */
  public record Page(List<Offer> items, int page, int size, boolean hasMore, String sort, String next) {}

  /** Filters; null means no filter. {@code minReliability} is in basis points (10000 = 100%). */
  public record Filter(
      String model, Long minVramGb, Long minScore, Long maxPricePerGpuHour, Integer minReliability, UUID node) {
    public Filter(String model, Long minVramGb, Long minScore, Long maxPricePerGpuHour, Integer minReliability) {
      this(model, minVramGb, minScore, maxPricePerGpuHour, minReliability, null);
    }
  }

  /** An offer with the raw key of its order, which its cursor carries. */
  private record Row(Offer offer, BigDecimal key) {}

  /** The offer of one node, if it is listed now with a free GPU. */
  public Optional<Offer> find(UUID node) {
    return list(new Filter(null, null, null, null, null, node), "pricePerUnit", 0, 1, null).items().stream()
        .findFirst();
  }

  /**
   * One page of offers in the order {@code sort}: the offers after {@code after} when it is given (then {@code page}
   * must be 0), else page {@code page} of {@code size}. VALIDATION_FAILED for an unknown sort, a cursor of another
   * sort, or an offset ({@code page × size}) over {@link #MAX_OFFSET}.
   */
  public Page list(Filter filter, String sort, int page, int size, OfferCursor after) {
    Sort order = SORTS.get(sort);
    if (order == null) {
      throw ApiException.validation("sort: one of " + SORTS.keySet().stream().sorted().toList());
    }
    if (after != null && page != 0) {
      throw ApiException.validation("page: give either page or after, not both");
    }
    if ((long) page * size > MAX_OFFSET) {
      throw ApiException.validation("page: page × size is at most " + MAX_OFFSET
          + "; read deeper pages by passing each page's `next` as `after`");
    }
    if (after != null && !after.sort().equals(sort)) {
      // A position in one order means nothing in another.
      throw ApiException.validation("after: a cursor of sort=" + after.sort() + "; ask with that sort, or start over");
    }
    List<Row> rows = jdbi.withHandle(handle -> {
      List<String> models = filter.model() == null ? null : models(handle, filter.model());
      if (models != null && models.isEmpty()) {
        return List.of();
      }
      if (after != null) {
        return selectAfter(handle, filter, models, order, after, size + 1);
      }
      return page == 0 ? select(handle, filter, models, order, "", null, size + 1)
          : selectAtOffset(handle, filter, models, sort, page * size, size + 1);
    });
    boolean more = rows.size() > size;
    List<Row> shown = more ? rows.subList(0, size) : rows;
    String next = more ? new OfferCursor(sort, shown.get(size - 1).key(), shown.get(size - 1).offer().id()).encode()
        : null;
    return new Page(shown.stream().map(Row::offer).toList(), page, size, more, sort, next);
  }

  /**
   * The offers from {@code offset} on: the offers after the last skipped one, in one snapshot (so the skip and the
   * page agree, as one OFFSET query would). Skipping reads the order's index and probes each skipped node's active
   * jobs, where an OFFSET would also fetch every skipped node's row.
   */
  private static List<Row> selectAtOffset(
      Handle handle, Filter filter, List<String> models, String sort, int offset, int limit) {
    return handle.inTransaction(tx -> {
      tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      Sort order = SORTS.get(sort);
      Query skip = tx.createQuery(SKIP.formatted(order.column()) + where(filter, models) + " ORDER BY "
          + order.orderBy() + " LIMIT 1 OFFSET :skip").bind("skip", offset - 1);
      bindFilter(skip, filter, models);
      Optional<OfferCursor> lastSkipped = skip
          .map((rs, ctx) -> new OfferCursor(sort, rs.getBigDecimal("key"), rs.getObject("id", UUID.class)))
          .findFirst();
      return lastSkipped.map(c -> selectAfter(tx, filter, models, order, c, limit)).orElse(List.of());
    });
  }

  /**
   * The offers after a cursor, as ranges of the order's index, each bounded by index conditions (not filters, so
   * a key that thousands of offers share is skipped in the index rather than fetched row by row): for an ascending
   * key, those past (key, id) as one row comparison; for a descending key (the id still ascends, which a row
   * comparison cannot express), those with the same key and a greater id, then those with a smaller key. Then, for
   * an order whose key may be missing, those without one (by id), which sort last.
   */
  private static List<Row> selectAfter(
      Handle handle, Filter filter, List<String> models, Sort order, OfferCursor after, int limit) {
    String c = order.column();
    List<String> ranges = new ArrayList<>();
    if (after.key() == null) {
      ranges.add(" AND " + c + " IS NULL AND n.id > :id");
    } else {
      if (order.descending()) {
        ranges.add(" AND " + c + " = :key AND n.id > :id");
        ranges.add(" AND " + c + " < :key");
      } else {
        ranges.add(" AND (" + c + ", n.id) > (:key, :id)");
      }
      if (order.nullable()) {
        ranges.add(" AND " + c + " IS NULL");
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String range : ranges) {
      if (rows.size() == limit) {
        break;
      }
      rows.addAll(select(handle, filter, models, order, range, after, limit - rows.size()));
    }
    return rows;
  }

  /**
   * The models of listed nodes (lower case) that contain {@code substring}, case-insensitively: one probe of
   * nodes_offers_model per distinct model (a loose index scan; there are tens of models, not thousands).
   */
  private static List<String> models(Handle handle, String substring) {
    return handle.createQuery(
            """
            WITH RECURSIVE m AS (
              (SELECT lower(gpu_model) AS model FROM nodes WHERE listed AND lower(gpu_model) IS NOT NULL
               ORDER BY 1 LIMIT 1)
              UNION ALL
              SELECT (SELECT lower(gpu_model) FROM nodes WHERE listed AND lower(gpu_model) > m.model ORDER BY 1 LIMIT 1)
              FROM m WHERE m.model IS NOT NULL
            )
            SELECT model FROM m WHERE model LIKE :pattern ESCAPE '\\'
            """)
        .bind("pattern", "%" + escapeLike(substring.toLowerCase(Locale.ROOT)) + "%")
        .mapTo(String.class).list();
  }

  private static List<Row> select(Handle handle, Filter filter, List<String> models, Sort order, String range,
      OfferCursor after, int limit) {
    Query query = handle.createQuery(FROM + where(filter, models) + range + " ORDER BY " + order.orderBy()
        + " LIMIT :limit").bind("limit", limit);
    bindFilter(query, filter, models);
    if (range.contains(":id")) {
      query.bind("id", after.id());
    }
    if (range.contains(":key")) {
      bindKey(query, order, after.key());
    }
    String keyColumn = order.column().substring("n.".length());
    return query.map((rs, ctx) -> {
      long price = rs.getLong("price_per_gpu_hour");
      int count = rs.getInt("gpu_count");
      OffsetDateTime verified = rs.getObject("verified_at", OffsetDateTime.class);
      Offer offer = new Offer(rs.getObject("id", UUID.class), rs.getString("gpu_model"), count,
          rs.getInt("free_gpus"), rs.getLong("vram_mib"), rs.getLong("benchmark_score"), price,
          Math.multiplyExact(price, (long) count), perUnit(rs.getBigDecimal("price_per_unit")),
          (Integer) rs.getObject("reliability"), rs.getString("region"),
          verified == null ? null : verified.toInstant());
      return new Row(offer, rs.getBigDecimal(keyColumn));
    }).list();
  }

  /** The filters' conditions, each on a column of the orders' indexes (so tested in the index, V10). */
  private static String where(Filter filter, List<String> models) {
    StringBuilder sql = new StringBuilder();
    if (models != null) {
      // Exact models rather than the LIKE: the order's index tests them in the index (V10__offers_indexes.sql).
      sql.append(" AND lower(n.gpu_model) = ANY(CAST(:models AS text[]))");
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
    return sql.toString();
  }

  /** Binds the values of {@link #where}'s conditions. */
  private static void bindFilter(Query query, Filter filter, List<String> models) {
    if (models != null) {
      query.bind("models", models.toArray(String[]::new));
    }
    if (filter.minVramGb() != null) {
      query.bind("minVramMib", JobSpec.vramMib(filter.minVramGb()));
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
  }

  /** Binds a cursor key as its column's type (an integer key compared as numeric would not use the index). */
  private static void bindKey(Query query, Sort order, BigDecimal key) {
    if (!order.integral()) {
      query.bind("key", key);
      return;
    }
    try {
      query.bind("key", key.longValueExact());
    } catch (ArithmeticException e) {
      throw ApiException.validation("after: not a cursor of these offers (use a `next` as it came)");
    }
  }

  private static String escapeLike(String literal) {
    return literal.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Base units per score-unit-hour, exact to four decimals, as a string (amounts are never floating point). */
  static String perUnit(BigDecimal value) {
    return value == null ? null : value.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** One GPU model on the market: listed nodes, their GPUs, and the price range per GPU-hour. */
  public record ModelSummary(
      String gpuModel, long nodes, long gpus, long minPricePerGpuHour, long medianPricePerGpuHour,
      long maxPricePerGpuHour, long maxScore) {}

  /** The per-model summary of the listed nodes as computed at {@code at}. */
  public record Summary(List<ModelSummary> models, long nodes, Instant at) {}
}
