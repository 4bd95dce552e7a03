package io.rigshare.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The query kinds of the offers benchmark: each draws its parameters from a seeded {@link Random}, and knows its
 * HTTP path and the SQL the API runs for it. The SQL is a copy of {@code OfferService} (marketplace-api) with JDBI's
 * named parameters as the positional ones the driver sends, in the same order and of the same types; keep the two
 * in step. Cursor requests ({@code after}) start after the listed node at a given position of their order; those
 * positions are read from the database once ({@link #loadCursors}) and encoded as the API encodes its cursors.
 */
final class OffersQueries {
  private OffersQueries() {}

  /** Substrings buyers filter on (the API matches them case-insensitively anywhere in the model name). */
  static final String[] MODEL_FILTERS = {"4090", "3090", "A100", "H100", "L40S", "L4", "A6000", "3080", "7900"};

  /** The parameters of one request; null filters are absent, a null sort is the default (pricePerUnit). */
  record Spec(
      boolean summary, String sort, String model, Long minVramGb, Long minScore, Long maxPricePerGpuHour,
      Integer minReliability, int page, int size, int afterRow) {
    static Spec list(String sort, int page, int size) {
      return new Spec(false, sort, null, null, null, null, null, page, size, 0);
    }

    /** The page after the listed node at position {@code row} (from 1) of the order, by cursor. */
    static Spec after(String sort, int row, int size) {
      return new Spec(false, sort, null, null, null, null, null, 0, size, row);
    }

    String path() {
      if (summary) {
        return "/api/offers/summary";
      }
      List<String> q = new ArrayList<>();
      add(q, "sort", sort);
      add(q, "model", model);
      add(q, "minVramGb", minVramGb);
      add(q, "minScore", minScore);
      add(q, "maxPricePerGpuHour", maxPricePerGpuHour);
      add(q, "minReliability", minReliability);
      if (page != 0) {
        q.add("page=" + page);
      }
      if (afterRow > 0) {
        q.add("after=" + cursor(effectiveSort(), afterRow).encoded());
      }
      q.add("size=" + size);
      return "/api/offers?" + String.join("&", q);
    }

    String effectiveSort() {
      return sort == null ? "pricePerUnit" : sort;
    }

    private static void add(List<String> q, String name, Object value) {
      if (value != null) {
        q.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
      }
    }
  }

  /** A query kind: a name for the report, what it stands for, and how to draw one request of it. */
  record Kind(String name, String description, boolean list, Function<Random, Spec> draw) {}

  static final String[] SORTS = {"price", "pricePerUnit", "score", "reliability"};

  /** The mix, drawn with equal weight. The first draw of each (with a fresh Random(seed)) is the one EXPLAINed. */
  static List<Kind> kinds() {
    return List.of(
        new Kind("price", "sort=price, first page of 50", true, r -> Spec.list("price", 0, 50)),
        new Kind("pricePerUnit", "default sort (pricePerUnit), first page of 50", true, r -> Spec.list(null, 0, 50)),
        new Kind("score", "sort=score, first page of 50", true, r -> Spec.list("score", 0, 50)),
        new Kind("reliability", "sort=reliability, first page of 50", true, r -> Spec.list("reliability", 0, 50)),
        new Kind("model+vram", "model substring and minVramGb (0/16/24/40/80), default sort, first page", true,
            r -> new Spec(false, null, pick(r, MODEL_FILTERS), (long) pick(r, new int[] {0, 16, 24, 40, 80}), null,
                null, null, 0, 50, 0)),
        new Kind("allFilters", "model, minVramGb, minScore, maxPricePerGpuHour and minReliability, a random sort, "
            + "first page", true,
            r -> new Spec(false, pick(r, SORTS), pick(r, MODEL_FILTERS), (long) pick(r, new int[] {0, 16, 24, 40}),
                (long) (500 + r.nextInt(2500)), (long) (500_000 + r.nextInt(2_000_000)), 50 + r.nextInt(46), 0, 50,
                0)),
        new Kind("minReliability", "minReliability 80 to 99, sort=score, first page", true,
            r -> new Spec(false, "score", null, null, null, null, 80 + r.nextInt(20), 0, 50, 0)),
        new Kind("deep", "a random sort, page 10 to 100 of 50 (offset 500 to 5,000)", true,
            r -> Spec.list(pick(r, SORTS), 10 + r.nextInt(91), 50)),
        new Kind("after", "a random sort, the page after a cursor 500 to 5,000 offers deep (as `deep`, by cursor)",
            true, r -> Spec.after(pick(r, SORTS), 50 * (10 + r.nextInt(91)), 50)),
        new Kind("size100", "a random sort, pages 0 to 4 of 100", true,
            r -> Spec.list(pick(r, SORTS), r.nextInt(5), 100)),
        new Kind("summary", "GET /api/offers/summary (cached 5 s per API instance)", false,
            r -> new Spec(true, null, null, null, null, null, null, 0, 0, 0)));
  }

  /** Kinds only EXPLAINed, not in the HTTP mix: how the cost grows with OFFSET, and a filter nothing passes. */
  static List<Kind> explainOnly() {
    return List.of(
        new Kind("crawl", "sort=pricePerUnit, the page after a cursor 50,000 offers deep: a client reading every page",
            true, r -> Spec.after("pricePerUnit", 50_000, 50)),
        new Kind("absentModel", "model=B200, which no node has: the model lookup finds none (the API stops there; "
            + "the listing is EXPLAINed with the empty list)", true,
            r -> new Spec(false, null, "B200", null, null, null, null, 0, 50, 0)));
  }

  /**
   * The listing SQL of OfferService.list, as the driver sends it ($n parameters). {@code lateral} is the tree's
   * (docs/benchmarks.md, "Offers query"): each candidate node's busy GPUs are summed by a per-node index probe instead
   * of aggregating every active job first, so the sort index can stop after one page; and a page past the first is
   * found by the skip statement (the last offer its offset skips, from the order's index alone), then read as the
   * cursor range after it (as {@code after}). For such a page this is the skip statement, whose cost grows with the
   * offset.
   */
  static String listSql(Spec s, boolean lateral) {
    boolean skip = skips(s, lateral);
    StringBuilder sql = new StringBuilder(skip ? SKIP.formatted(KEYS.get(s.effectiveSort()))
        : lateral ? LATERAL_FROM : CURRENT_FROM);
    int p = 0;
    if (s.model() != null) {
      sql.append(" AND lower(n.gpu_model) = ANY(CAST($").append(++p).append(" AS text[]))");
    }
    if (s.minVramGb() != null) {
      sql.append(" AND n.vram_mib >= $").append(++p);
    }
    if (s.minScore() != null) {
      sql.append(" AND n.benchmark_score >= $").append(++p);
    }
    if (s.maxPricePerGpuHour() != null) {
      sql.append(" AND n.price_per_gpu_hour <= $").append(++p);
    }
    if (s.minReliability() != null) {
      sql.append(" AND n.reliability >= $").append(++p);
    }
    if (s.afterRow() > 0) {
      // As OfferService: an ascending key as one row comparison; a descending one in two statements, the offers
      // with the cursor's key and a greater id (one index probe), then those with a smaller key, EXPLAINed here.
      String c = KEYS.get(s.effectiveSort());
      int key = ++p;
      if (ascending(s.effectiveSort())) {
        sql.append(" AND (").append(c).append(", n.id) > ($").append(key).append(", $").append(++p).append(')');
      } else {
        sql.append(" AND ").append(c).append(" < $").append(key);
      }
    }
    sql.append(" ORDER BY ").append(ORDERS.get(s.effectiveSort()));
    if (skip) {
      sql.append(" LIMIT 1 OFFSET $").append(++p);
    } else {
      sql.append(" LIMIT $").append(++p).append(" OFFSET $").append(++p);
    }
    return sql.toString();
  }

  /** Whether OfferService reads this request's page through the skip statement: an offset page, with its SQL. */
  private static boolean skips(Spec s, boolean lateral) {
    return lateral && s.page() > 0 && s.afterRow() == 0;
  }

  private static final Map<String, String> ORDERS = Map.of(
      "price", "n.price_per_gpu_hour ASC, n.id",
      "pricePerUnit", "n.price_per_unit ASC, n.id",
      "score", "n.benchmark_score DESC, n.id",
      "reliability", "n.reliability DESC NULLS LAST, n.id");
  private static final Map<String, String> KEYS = Map.of(
      "price", "n.price_per_gpu_hour", "pricePerUnit", "n.price_per_unit", "score", "n.benchmark_score",
      "reliability", "n.reliability");

  /** The lower-cased listed models containing a substring, as OfferService resolves a model filter. */
  static final String MODELS_SQL =
      """
      WITH RECURSIVE m AS (
        (SELECT lower(gpu_model) AS model FROM nodes WHERE listed AND lower(gpu_model) IS NOT NULL ORDER BY 1 LIMIT 1)
        UNION ALL
        SELECT (SELECT lower(gpu_model) FROM nodes WHERE listed AND lower(gpu_model) > m.model ORDER BY 1 LIMIT 1)
        FROM m WHERE m.model IS NOT NULL
      )
      SELECT model FROM m WHERE model LIKE $PATTERN ESCAPE '\\'
      """;

  /** {@link #MODELS_SQL} for one model filter, its pattern bound whole as the API binds it. */
  static String modelsSql(String substring) {
    String escaped = substring.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_");
    return MODELS_SQL.replace("$PATTERN", "'%" + escaped.replace("'", "''") + "%'");
  }

  /** A listed node's place in an order: its key and id, and the API's cursor for it. */
  record Cursor(String key, String id, String encoded) {}

  private static final Map<String, Cursor> CURSORS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The cursor at {@code row}, or at the deepest loaded position above it when fewer nodes are listed (smoke runs). */
  static Cursor cursor(String sort, int row) {
    for (int r = row; r > 0; r--) {
      Cursor c = CURSORS.get(sort + "@" + r);
      if (c != null) {
        return c;
      }
    }
    throw new IllegalStateException("no cursor loaded for " + sort + " at " + row + " (run loadCursors first)");
  }

  /** Reads the key and id of the listed node at each position the cursor kinds use (500 to 5,000; 50,000). */
  static void loadCursors(Psql db) throws java.io.IOException, InterruptedException {
    for (String sort : SORTS) {
      String rows = "rn % 50 = 0 AND rn BETWEEN 500 AND 5000 OR rn = 50000 OR rn % 500 = 0 AND rn < 50000";
      String sql = "SELECT rn, k, id FROM (SELECT row_number() OVER (ORDER BY " + ORDERS.get(sort) + ") AS rn, "
          + KEYS.get(sort) + " AS k, n.id FROM nodes n WHERE n.listed) x WHERE " + rows;
      for (String[] r : db.query(sql)) {
        String plain = sort + "|" + r[1] + "|" + r[2];
        CURSORS.put(sort + "@" + r[0], new Cursor(r[1], r[2], java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString(plain.getBytes(StandardCharsets.UTF_8))));
      }
    }
  }

  private static final String CURRENT_FROM =
      """
      WITH used AS (
        SELECT node_id, sum(cardinality(gpu_indices)) AS gpus FROM jobs
        WHERE state IN ('assigned', 'running') AND node_id IS NOT NULL GROUP BY node_id
      )
      SELECT n.id, n.gpu_model, n.gpu_count, n.gpu_count - COALESCE(u.gpus, 0) AS free_gpus, n.vram_mib,
             n.benchmark_score, n.price_per_gpu_hour, n.price_per_unit, n.reliability, n.region, n.verified_at
      FROM nodes n LEFT JOIN used u ON u.node_id = n.id
      WHERE n.listed AND n.gpu_count > COALESCE(u.gpus, 0)
      """;

  private static final String OFFERS =
      """
      FROM nodes n CROSS JOIN LATERAL (
        SELECT COALESCE(sum(cardinality(j.gpu_indices)), 0) AS gpus FROM jobs j
        WHERE j.node_id = n.id AND j.state IN ('assigned', 'running')) u
      WHERE n.listed AND n.gpu_count > u.gpus
      """;

  private static final String LATERAL_FROM =
      """
      SELECT n.id, n.gpu_model, n.gpu_count, n.gpu_count - u.gpus AS free_gpus, n.vram_mib,
             n.benchmark_score, n.price_per_gpu_hour, n.price_per_unit, n.reliability, n.region, n.verified_at
      """ + OFFERS;

  private static final String SKIP = "SELECT %s AS key, n.id " + OFFERS;

  static final String SUMMARY_SQL =
      """
      SELECT gpu_model, count(*) AS nodes, sum(gpu_count) AS gpus, min(price_per_gpu_hour) AS lo,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY price_per_gpu_hour) AS mid,
             max(price_per_gpu_hour) AS hi, max(benchmark_score) AS best
      FROM nodes WHERE listed GROUP BY gpu_model ORDER BY count(*) DESC, gpu_model
      """;

  /**
   * Parameter types as the driver declares them (String: varchar, Long: int8, Integer: int4), then values; a model
   * filter as the models it resolved to.
   */
  static List<String[]> parameters(Spec s, List<String> models, boolean lateral) {
    List<String[]> out = new ArrayList<>();
    if (s.model() != null) {
      String array = "{" + String.join(",", models.stream().map(m -> "\"" + m + "\"").toList()) + "}";
      out.add(new String[] {"varchar[]", "'" + array.replace("'", "''") + "'"});
    }
    if (s.minVramGb() != null) {
      out.add(new String[] {"int8", Long.toString(s.minVramGb() * 1024)});
    }
    if (s.minScore() != null) {
      out.add(new String[] {"int8", s.minScore().toString()});
    }
    if (s.maxPricePerGpuHour() != null) {
      out.add(new String[] {"int8", s.maxPricePerGpuHour().toString()});
    }
    if (s.minReliability() != null) {
      out.add(new String[] {"int4", Integer.toString(s.minReliability() * 100)});
    }
    if (s.afterRow() > 0) {
      Cursor c = cursor(s.effectiveSort(), s.afterRow());
      out.add(s.effectiveSort().equals("pricePerUnit") ? new String[] {"numeric", c.key()}
          : new String[] {"int8", c.key()});
      if (ascending(s.effectiveSort())) {
        out.add(new String[] {"uuid", "'" + c.id() + "'"});
      }
    }
    if (skips(s, lateral)) {
      out.add(new String[] {"int4", Integer.toString(s.page() * s.size() - 1)});
    } else {
      out.add(new String[] {"int4", Integer.toString(s.size() + 1)});
      out.add(new String[] {"int4", Integer.toString(s.page() * s.size())});
    }
    return out;
  }

  private static boolean ascending(String sort) {
    return sort.equals("price") || sort.equals("pricePerUnit");
  }

  static String describe(Spec s) {
    return s.summary() ? "GET /api/offers/summary" : String.format(Locale.ROOT, "GET %s", s.path());
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static int pick(Random r, int[] values) {
    return values[r.nextInt(values.length)];
  }
}
