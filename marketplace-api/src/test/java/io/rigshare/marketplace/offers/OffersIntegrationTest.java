package io.rigshare.marketplace.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.jobs.JobSpec;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.TestDatabases;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public offers over many nodes written straight to the database (with seeded random attributes, and active jobs
 * holding some or all of some nodes' GPUs): filters, every sort order and pagination agree with the same rules
 * applied in Java to the same rows.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class OffersIntegrationTest {
  private static final DatabaseUrl DB = TestDatabases.fresh();
  static final DropwizardAppExtension<RigshareConfiguration> APP = new DropwizardAppExtension<>(
      TestApp.class, io.dropwizard.testing.ResourceHelpers.resourceFilePath("test-config.yml"),
      ConfigOverride.config("database.url", DB.jdbcUrl()), ConfigOverride.config("database.user", DB.user()));
  private static final String[] MODELS = {"NVIDIA H100 80GB HBM3", "NVIDIA GeForce RTX 4090", "NVIDIA A100-SXM4-80GB",
      "NVIDIA L4"};
  private static final List<Row> ROWS = new ArrayList<>();

  /** What the test wrote for one node, whether it should be listed, and how many GPUs its active jobs hold. */
  record Row(UUID id, String model, int gpus, long vramMib, long score, long price, Integer reliability, String region,
      boolean listed, int busy) {
    BigDecimal perUnit() {
      return BigDecimal.valueOf(price).divide(BigDecimal.valueOf(score), 20, RoundingMode.HALF_EVEN);
    }

    /** An offer: listed, with a GPU that no active job holds. */
    boolean offered() {
      return listed && gpus > busy;
    }
  }

  @BeforeAll
  static void seed() throws Exception {
    if (!ROWS.isEmpty()) {
      return; // a rerun of the class: the rows are there
    }
    Random random = new Random(42);
    Random jobs = new Random(7);
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    try (Connection c = DriverManager.getConnection(DB.jdbcUrl(), DB.user(), DB.password());
        PreparedStatement token = c.prepareStatement(
            "INSERT INTO node_tokens (id, wallet, token_hash, created_at, expires_at, used_at)"
                + " VALUES (?, 'w', ?, ?, ?, ?)");
        PreparedStatement node = c.prepareStatement(
            """
            INSERT INTO nodes (id, wallet, node_key, token_id, name, status, maintenance, verification, gpu_model,
                               gpu_count, vram_mib, benchmark_score, price_per_gpu_hour, reliability, region,
                               runners, created_at, updated_at, session_id)
            VALUES (?, 'w', ?, ?, 'n', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{process}', ?, ?, ?)
            """);
        PreparedStatement job = c.prepareStatement(
            """
            INSERT INTO jobs (id, buyer, request_sha256, runtime, runtime_type, gpu_count, min_vram_mib, gpu_models,
                              min_score, max_price_per_hour, time_limit_seconds, state, attempt, node_id,
                              gpu_indices, price_per_hour, lease_expires_at, available_at, created_at, queued_at,
                              assigned_at, updated_at)
            VALUES (?, 'b', 'sha', '{"type": "process", "command": "true"}', 'process', ?, 0, '{}', 0, 1000000,
                    3600, ?, 1, ?, ?, 1000000, '2099-01-01Z', ?, ?, ?, ?, ?)
            """)) {
      for (int i = 0; i < 600; i++) {
        UUID tokenId = UUID.randomUUID();
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        token.setObject(1, tokenId);
        token.setBytes(2, hash);
        token.setObject(3, java.sql.Timestamp.from(now));
        token.setObject(4, java.sql.Timestamp.from(now.plusSeconds(900)));
        token.setObject(5, java.sql.Timestamp.from(now));
        token.addBatch();
        String status = random.nextInt(10) == 0 ? "offline" : "online";
        boolean maintenance = random.nextInt(20) == 0;
        String verification = switch (random.nextInt(10)) {
          case 0 -> "unverified";
          case 1 -> "pending";
          default -> "verified";
        };
        String model = MODELS[random.nextInt(MODELS.length)];
        int gpus = 1 + random.nextInt(8);
        long vram = (16 + random.nextInt(65)) * 1024L;
        // Coarse values, so that every order has many ties (pages must break them by id), and reliabilities not
        // computed yet (they sort last).
        long score = 100 + 100L * random.nextInt(50);
        long price = 10_000 + 75_000L * random.nextInt(40);
        Integer reliability = random.nextInt(10) == 0 ? null : 500 * random.nextInt(21);
        String region = random.nextBoolean() ? "eu-west" : "us-east";
        UUID id = UUID.randomUUID();
        node.setObject(1, id);
        node.setString(2, "key-" + i);
        node.setObject(3, tokenId);
        node.setString(4, status);
        node.setBoolean(5, maintenance);
        node.setString(6, verification);
        node.setString(7, model);
        node.setInt(8, gpus);
        node.setLong(9, vram);
        node.setLong(10, score);
        node.setLong(11, price);
        node.setObject(12, reliability, java.sql.Types.INTEGER);
        node.setString(13, region);
        node.setObject(14, java.sql.Timestamp.from(now));
        node.setObject(15, java.sql.Timestamp.from(now));
        node.setObject(16, UUID.randomUUID());
        node.addBatch();
        int busy = addJobs(job, id, gpus, jobs, now);
        ROWS.add(new Row(id, model, gpus, vram, score, price, reliability, region,
            status.equals("online") && !maintenance && verification.equals("verified"), busy));
      }
      token.executeBatch();
      node.executeBatch();
      job.executeBatch();
    }
    // Else the tests below would not show that busy nodes are left out, also from the offers an offset skips.
    assertThat(ROWS.stream().filter(r -> r.listed() && !r.offered()).count()).as("listed nodes with no free GPU")
        .isGreaterThan(20);
  }

  /**
   * Jobs on one node, as the dispatcher leaves them: about one node in eight has every GPU taken (by one running job,
   * or by an assigned and a running one together), one in ten some of them; a finished job holds none. Returns the
   * GPUs its active jobs hold.
   */
  private static int addJobs(PreparedStatement job, UUID node, int gpus, Random random, Instant now)
      throws java.sql.SQLException {
    int pick = random.nextInt(40);
    if (pick < 3) {
      addJob(job, node, "running", 0, gpus, now);
      return gpus;
    }
    if (pick < 5 && gpus > 1) {
      int split = 1 + random.nextInt(gpus - 1);
      addJob(job, node, "assigned", 0, split, now);
      addJob(job, node, "running", split, gpus, now);
      return gpus;
    }
    if (pick < 9 && gpus > 1) {
      int held = 1 + random.nextInt(gpus - 1);
      addJob(job, node, random.nextBoolean() ? "assigned" : "running", 0, held, now);
      return held;
    }
    if (pick < 11) {
      addJob(job, node, "succeeded", 0, gpus, now);
    }
    return 0;
  }

  private static void addJob(PreparedStatement job, UUID node, String state, int fromGpu, int toGpu, Instant now)
      throws java.sql.SQLException {
    Integer[] indices = java.util.stream.IntStream.range(fromGpu, toGpu).boxed().toArray(Integer[]::new);
    job.setObject(1, UUID.randomUUID());
    job.setInt(2, indices.length);
    job.setString(3, state);
    job.setObject(4, node);
    job.setArray(5, job.getConnection().createArrayOf("integer", indices));
    for (int i = 6; i <= 10; i++) {
      job.setObject(i, java.sql.Timestamp.from(now));
    }
    job.addBatch();
  }

  private static List<String> fetchAll(Http http, String query) {
    return fetchAll(http, query, 37);
  }

  /** Every offer of a query, read page by page by offset; each offer's free GPUs are checked on the way. */
  private static List<String> fetchAll(Http http, String query, int size) {
    List<String> ids = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode reply = http.get("/api/offers?size=" + size + "&page=" + page + query, null).json();
      reply.get("items").forEach(item -> {
        ids.add(item.get("id").asText());
        Row row = row(item.get("id").asText());
        assertThat(item.get("freeGpus").asInt()).as("free GPUs of %s", row.id()).isEqualTo(row.gpus() - row.busy());
      });
      if (!reply.get("hasMore").asBoolean()) {
        return ids;
      }
    }
  }

  private static Row row(String id) {
    return ROWS.stream().filter(r -> r.id().toString().equals(id)).findFirst().orElseThrow();
  }

  /** Every offer of a query, read page by page with the cursor of each page's {@code next}. */
  private static List<String> fetchAllAfter(Http http, String query, int size) {
    List<String> ids = new ArrayList<>();
    String next = null;
    do {
      JsonNode reply = http.get("/api/offers?size=" + size + query + (next == null ? "" : "&after=" + next), null)
          .json();
      reply.get("items").forEach(item -> ids.add(item.get("id").asText()));
      assertThat(reply.get("hasMore").asBoolean()).isEqualTo(!reply.get("next").isNull());
      next = reply.get("next").isNull() ? null : reply.get("next").asText();
      // A cursor that does not move on would page forever: stop once more offers came than there are nodes.
      assertThat(ids.size()).as("offers read with cursors").isLessThanOrEqualTo(ROWS.size());
    } while (next != null);
    return ids;
  }

  private static List<String> expected(Predicate<Row> filter, Comparator<Row> order) {
    // PostgreSQL orders uuids by their unsigned bytes, as their lower-case text sorts; UUID.compareTo does not.
    return ROWS.stream().filter(Row::offered).filter(filter).sorted(order.thenComparing(r -> r.id().toString()))
        .map(r -> r.id().toString()).toList();
  }

  @Test
  void everySortOrderAndFilterAgreesWithTheRulesOverAllPages() {
    Http http = new Http(APP.getLocalPort());
    assertThat(fetchAll(http, "&sort=price")).isEqualTo(expected(r -> true, Comparator.comparingLong(Row::price)));
    assertThat(fetchAll(http, "&sort=pricePerUnit")).isEqualTo(expected(r -> true, Comparator.comparing(Row::perUnit)));
    assertThat(fetchAll(http, "&sort=score"))
        .isEqualTo(expected(r -> true, Comparator.comparingLong(Row::score).reversed()));
    assertThat(fetchAll(http, "&sort=reliability"))
        .isEqualTo(expected(r -> true, BY_RELIABILITY));
    assertThat(fetchAll(http, "&sort=price&model=rtx%204090&minVramGb=40&minScore=1000&maxPricePerGpuHour=2000000"
        + "&minReliability=30"))
        .isEqualTo(expected(r -> r.model().contains("RTX 4090") && r.vramMib() >= io.rigshare.marketplace.jobs.JobSpec.vramMib(40) && r.score() >= 1000
            && r.price() <= 2_000_000 && r.reliability() != null && r.reliability() >= 3000,
            Comparator.comparingLong(Row::price)))
        .isNotEmpty();
    // A model filter is a literal substring: % and _ match only themselves.
    assertThat(fetchAll(http, "&model=%25")).isEmpty();
  }

  private static final Comparator<Row> BY_RELIABILITY =
      Comparator.comparing(Row::reliability, Comparator.nullsLast(Comparator.reverseOrder()));

  @Test
  void cursorsWalkEveryOrderToTheSameOffersAsOffsetsWithoutDuplicatesOrGaps() {
    Http http = new Http(APP.getLocalPort());
    java.util.Map<String, Comparator<Row>> orders = java.util.Map.of(
        "price", Comparator.comparingLong(Row::price),
        "pricePerUnit", Comparator.comparing(Row::perUnit),
        "score", Comparator.comparingLong(Row::score).reversed(),
        "reliability", BY_RELIABILITY);
    orders.forEach((sort, order) -> {
      List<String> expected = expected(r -> true, order);
      for (int size : new int[] {1, 7, 100}) {
        List<String> walked = fetchAllAfter(http, "&sort=" + sort, size);
        assertThat(walked).as("sort=%s size=%d", sort, size).doesNotHaveDuplicates().isEqualTo(expected);
      }
      // Offsets: every page is read as the cursor range after the last offer its offset skips; page boundaries fall
      // inside runs of equal keys (the values are coarse) and skip nodes with no free GPU.
      for (int size : new int[] {7, 37, 100}) {
        assertThat(fetchAll(http, "&sort=" + sort, size)).as("offsets, sort=%s size=%d", sort, size)
            .isEqualTo(expected);
      }
      assertThat(fetchAll(http, "&sort=" + sort + "&minScore=2000&maxPricePerGpuHour=2000000", 9))
          .as("offsets, filtered, sort=%s", sort)
          .isEqualTo(expected(r -> r.score() >= 2000 && r.price() <= 2_000_000, order))
          .isNotEmpty();
      // Filtered: fewer offers, the same rules.
      assertThat(fetchAllAfter(http, "&sort=" + sort + "&model=a100&minVramGb=40&minReliability=20", 5))
          .as("filtered, sort=%s", sort)
          .isEqualTo(expected(r -> r.model().contains("A100") && r.vramMib() >= JobSpec.vramMib(40)
              && r.reliability() != null && r.reliability() >= 2000, order))
          .isNotEmpty();
    });
    // The offset pages above start inside runs of equal keys: with pages of 7, some boundaries split a price.
    List<String> byPrice = expected(r -> true, orders.get("price"));
    assertThat(java.util.stream.IntStream.iterate(7, i -> i < byPrice.size(), i -> i + 7)
        .filter(i -> row(byPrice.get(i - 1)).price() == row(byPrice.get(i)).price()).count())
        .as("page boundaries inside a run of equal prices").isPositive();
    // A model no node has answers an empty page at once.
    JsonNode none = http.get("/api/offers?model=B200", null).json();
    assertThat(none.get("items")).isEmpty();
    assertThat(none.get("next").isNull()).isTrue();
    // The first page by offset gives the cursor to go on with.
    JsonNode first = http.get("/api/offers?sort=score&size=10", null).json();
    JsonNode second = http.get("/api/offers?sort=score&size=10&after=" + first.get("next").asText(), null).json();
    assertThat(second.get("items").get(0).get("id").asText())
        .isEqualTo(expected(r -> true, Comparator.comparingLong(Row::score).reversed()).get(10));
  }

  @Test
  void cursorsAndDeepOffsetsAreCheckedAndRefusedClearly() {
    Http http = new Http(APP.getLocalPort());
    String next = http.get("/api/offers?sort=price&size=5", null).json().get("next").asText();
    assertThat(http.get("/api/offers?sort=score&after=" + next, null).json().get("message").asText())
        .contains("sort=price");
    assertThat(http.get("/api/offers?sort=price&page=1&after=" + next, null).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.get("/api/offers?after=bm9wZQ", null).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.get("/api/offers?after=%21%21", null).code()).isEqualTo("VALIDATION_FAILED");
    String tampered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("price|1.5|" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(http.get("/api/offers?sort=price&after=" + tampered, null).code()).isEqualTo("VALIDATION_FAILED");
    // Offsets stop at 10,000 offers deep; the message says how to go deeper.
    assertThat(http.get("/api/offers?page=100&size=100", null).status()).isEqualTo(200);
    Http.Reply deep = http.get("/api/offers?page=101&size=100", null);
    assertThat(deep.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(deep.json().get("message").asText()).contains("after");
  }

  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1) // it unlists a node for a while; runs after the HTTP summary
  void theSummaryIsComputedOnceAndThenOnlyByItsRefresh() throws Exception {
    Instant t0 = TestApp.CLOCK.instant();
    org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create(DB.jdbcUrl(), DB.user(), DB.password());
    OfferSummaries summaries = new OfferSummaries(jdbi, TestApp.CLOCK);
    summaries.refresh(); // nobody asked yet: nothing is computed
    // Eight first requests at once share one computation.
    int threads = 8;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<OfferService.Summary>> answers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      answers.add(pool.submit(() -> {
        start.await();
        return summaries.current();
      }));
    }
    start.countDown();
    OfferService.Summary first = answers.get(0).get();
    for (java.util.concurrent.Future<OfferService.Summary> answer : answers) {
      assertThat(answer.get()).isSameAs(first);
    }
    pool.shutdown();
    long listed = ROWS.stream().filter(Row::listed).count();
    assertThat(first.nodes()).isEqualTo(listed);
    assertThat(first.at()).isEqualTo(t0);
    Row gone = ROWS.stream().filter(Row::listed).findFirst().orElseThrow();
    try {
      setMaintenance(gone.id(), true);
      // Requests never recompute it, however old it is: they get the last one.
      TestApp.CLOCK.advance(java.time.Duration.ofHours(1));
      assertThat(summaries.current()).isSameAs(first);
      // The refresh does, and requests get its result from then on.
      summaries.refresh();
      OfferService.Summary fresh = summaries.current();
      assertThat(fresh.nodes()).isEqualTo(listed - 1);
      assertThat(fresh.at()).isEqualTo(t0.plus(java.time.Duration.ofHours(1)));
      assertThat(fresh.models().stream().filter(m -> m.gpuModel().equals(gone.model()))
          .mapToLong(OfferService.ModelSummary::nodes).sum())
          .isEqualTo(ROWS.stream().filter(Row::listed).filter(r -> r.model().equals(gone.model())).count() - 1);
    } finally {
      setMaintenance(gone.id(), false);
      TestApp.CLOCK.set(t0);
    }
  }

  private static void setMaintenance(UUID node, boolean on) throws java.sql.SQLException {
    try (Connection c = DriverManager.getConnection(DB.jdbcUrl(), DB.user(), DB.password());
        PreparedStatement update = c.prepareStatement("UPDATE nodes SET maintenance = ? WHERE id = ?")) {
      update.setBoolean(1, on);
      update.setObject(2, node);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void anOfferShowsItsGpusPriceAndPricePerScoreUnit() {
    Http http = new Http(APP.getLocalPort());
    JsonNode first = http.get("/api/offers?sort=pricePerUnit&size=1", null).json().get("items").get(0);
    Row row = ROWS.stream().filter(r -> r.id().toString().equals(first.get("id").asText())).findFirst().orElseThrow();
    assertThat(first.get("gpuModel").asText()).isEqualTo(row.model());
    assertThat(first.get("gpuCount").asInt()).isEqualTo(row.gpus());
    assertThat(first.get("freeGpus").asInt()).isEqualTo(row.gpus() - row.busy());
    assertThat(first.get("pricePerGpuHour").asLong()).isEqualTo(row.price());
    assertThat(first.get("pricePerHour").asLong()).isEqualTo(row.price() * row.gpus());
    assertThat(first.get("pricePerScoreUnitHour").asText())
        .isEqualTo(row.perUnit().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
    assertThat(first.get("region").asText()).isEqualTo(row.region());
    // The same offer on its own, and nothing for a node that is not listed or does not exist.
    assertThat(http.get("/api/offers/" + row.id(), null).json()).isEqualTo(first);
    Row unlisted = ROWS.stream().filter(r -> !r.listed()).findFirst().orElseThrow();
    assertThat(http.get("/api/offers/" + unlisted.id(), null).code()).isEqualTo("NOT_FOUND");
    assertThat(http.get("/api/offers/" + java.util.UUID.randomUUID(), null).code()).isEqualTo("NOT_FOUND");
    assertThat(http.get("/api/offers/not-a-uuid", null).code()).isEqualTo("NOT_FOUND");
  }

  @Test
  void theSummaryCountsListedNodesPerModel() {
    Http http = new Http(APP.getLocalPort());
    JsonNode summary = http.get("/api/offers/summary", null).json();
    long listed = ROWS.stream().filter(Row::listed).count();
    assertThat(summary.get("nodes").asLong()).isEqualTo(listed);
    for (JsonNode model : summary.get("models")) {
      List<Row> rows = ROWS.stream().filter(Row::listed).filter(r -> r.model().equals(model.get("gpuModel").asText()))
          .toList();
      assertThat(model.get("nodes").asLong()).isEqualTo(rows.size());
      assertThat(model.get("gpus").asLong()).isEqualTo(rows.stream().mapToLong(Row::gpus).sum());
      assertThat(model.get("minPricePerGpuHour").asLong()).isEqualTo(rows.stream().mapToLong(Row::price).min()
          .orElseThrow());
      assertThat(model.get("maxPricePerGpuHour").asLong()).isEqualTo(rows.stream().mapToLong(Row::price).max()
          .orElseThrow());
    }
  }

  @Test
  void badQueriesGetClearErrors() {
    Http http = new Http(APP.getLocalPort());
    assertThat(http.get("/api/offers?sort=cheapest", null).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.get("/api/offers?size=1000", null).status()).isEqualTo(400);
    assertThat(http.get("/api/offers?minReliability=101", null).status()).isEqualTo(400);
    assertThat(http.get("/api/offers?minVramGb=lots", null).status()).isIn(400, 404);
    assertThat(http.get("/api/offers?model=" + "x".repeat(65), null).code()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // it recomputes one node's reliability; the others read the seed
  void aHostSeesItsNodeAgainstTheMarket() {
    Http http = new Http(APP.getLocalPort());
    String owner = Wallets.signIn(http, Vectors.keypair("host-2"));
    // Give one of the seeded nodes to this wallet, as if it had registered it.
    Row row = ROWS.stream().filter(Row::listed).filter(r -> r.model().contains("RTX 4090")).findFirst().orElseThrow();
    String wallet = Vectors.keypair("host-2").address();
    try (Connection c = DriverManager.getConnection(DB.jdbcUrl(), DB.user(), DB.password());
        PreparedStatement own = c.prepareStatement("UPDATE nodes SET wallet = ? WHERE id = ?")) {
      own.setString(1, wallet);
      own.setObject(2, row.id());
      own.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    JsonNode market = http.get("/api/nodes/" + row.id() + "/market", owner).json();
    List<BigDecimal> others = ROWS.stream().filter(Row::listed).filter(r -> r.model().equals(row.model()))
        .filter(r -> !r.id().equals(row.id())).map(Row::perUnit).sorted().toList();
    assertThat(market.get("comparableNodes").asLong()).isEqualTo(others.size());
    assertThat(market.get("score").asLong()).isEqualTo(row.score());
    long min = market.get("bounds").get("min").asLong();
    long max = market.get("bounds").get("max").asLong();
    assertThat(min).isEqualTo(row.score() * 50);
    assertThat(max).isEqualTo(row.score() * 5000);
    assertThat(market.get("suggestedPricePerGpuHour").asLong()).isBetween(min, max);
    assertThat(market.get("reliability").isInt()).isTrue();
    assertThat(market.get("reliabilityParts").has("uptime")).isTrue();
    // Asking outside the bounds is refused with the range.
    Http.Reply tooCheap = http.send(http.builder("/api/nodes/" + row.id(), owner)
        .header("Content-Type", "application/json")
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"pricePerGpuHour\": 1}")));
    assertThat(tooCheap.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(tooCheap.json().get("message").asText()).contains(String.valueOf(min), String.valueOf(max));
    // Another wallet gets nothing.
    String stranger = Wallets.signIn(http, Vectors.keypair("host-1"));
    assertThat(http.get("/api/nodes/" + row.id() + "/market", stranger).status()).isEqualTo(404);
  }
}
