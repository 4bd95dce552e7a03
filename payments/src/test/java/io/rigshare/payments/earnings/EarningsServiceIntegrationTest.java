package io.rigshare.payments.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.ledger.Movements;
import io.rigshare.payments.testing.ChargeFixture;
import io.rigshare.payments.testing.ChargeFixture.Charge;
import io.rigshare.payments.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EarningsServiceIntegrationTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

  private Jdbi jdbi;
  private Ledger ledger;
  private ChargeFixture fixture;
  private UUID hankNode;
  private UUID hildaNode;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabases.fresh();
    ledger = new Ledger(jdbi, Clock.fixed(NOW, ZoneOffset.UTC));
    fixture = new ChargeFixture(jdbi);
    hankNode = fixture.node("hank", "rig-1");
    hildaNode = fixture.node("hilda", "rig-2");
    Movements movements = new Movements(ledger);
    for (String buyer : List.of("alice", "bob")) {
      movements.deposit(UUID.randomUUID(), buyer, 1_000_000, "sig");
      movements.escrow(UUID.randomUUID(), buyer, "jobs", 500_000);
    }
  }

  private EarningsService service(int batchSize) {
    return new EarningsService(jdbi, ledger, Clock.fixed(NOW, ZoneOffset.UTC), batchSize);
  }

  private long balance(AccountRef account) {
    return ledger.balance(account);
  }

  @Test
  void settlesExactAmountsInChunks() {
    fixture.charge(new Charge("alice", "hank", hankNode, 10_000, 6_000, 600, 60, NOW));
    fixture.charge(new Charge("alice", "hilda", hildaNode, 5_000, 5_000, 500, 50, NOW));
    fixture.charge(new Charge("bob", "hank", hankNode, 7_000, 1_001, 100, 2, NOW));
    fixture.charge(Charge.refunded("bob", 3_000, NOW));
    fixture.charge(new Charge("bob", "hilda", hildaNode, 2_000, 0, 0, 0, NOW));

    Settlement s = service(2).settle();

    assertThat(s).isEqualTo(new Settlement(3, 5, 12_001, 1_200, 14_999));
    assertThat(balance(AccountRef.escrow("alice"))).isEqualTo(500_000 - 15_000);
    assertThat(balance(AccountRef.escrow("bob"))).isEqualTo(500_000 - 12_000);
    assertThat(balance(AccountRef.buyer("alice"))).isEqualTo(500_000 + 4_000);
    assertThat(balance(AccountRef.buyer("bob"))).isEqualTo(500_000 + 5_999 + 3_000 + 2_000);
    assertThat(balance(AccountRef.hostEarnings("hank"))).isEqualTo(5_400 + 901);
    assertThat(balance(AccountRef.hostEarnings("hilda"))).isEqualTo(4_500);
    assertThat(balance(AccountRef.platformFees())).isEqualTo(1_200);
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
    assertThat(strings("SELECT from_seq || '-' || to_seq || ':' || jobs FROM settlements ORDER BY from_seq"))
        .containsExactly("0-2:2", "2-4:2", "4-5:1");
    assertThat(ledger.find(settlementIds().get(0)).orElseThrow().kind()).isEqualTo("settlement");
  }

  @Test
  void chunksAreSeqRangesThatSkipGapsLeftByRolledBackInserts() {
    long first = fixture.charge(new Charge("alice", "hank", hankNode, 1_000, 1_000, 100, 1, NOW));
    UUID job = fixture.job("alice", 1_000, NOW);
    jdbi.useHandle(
        h -> {
          h.begin();
          h.execute("""
              INSERT INTO job_charges (job_id, attempt, buyer, escrow, charge, fee, billed_seconds, outcome, ended_at,
                                       created_at)
              VALUES (?, 1, 'alice', 1000, 0, 0, 0, 'expired', ?, ?)""", job, NOW, NOW);
          h.rollback();
        });
    for (int i = 0; i < 3; i++) {
      fixture.charge(new Charge("bob", "hilda", hildaNode, 1_000, 500, 0, 1, NOW));
    }

    Settlement s = service(2).settle();

    assertThat(first).isEqualTo(1);
    assertThat(s).isEqualTo(new Settlement(3, 4, 2_500, 100, 1_500));
    assertThat(strings("SELECT from_seq || '-' || to_seq || ':' || jobs FROM settlements ORDER BY from_seq"))
        .as("seq 2 was drawn by the rolled-back insert").containsExactly("0-2:1", "2-4:2", "4-5:1");
    assertThat(balance(AccountRef.hostEarnings("hilda"))).isEqualTo(1_500);
    assertThat(service(2).settle()).isEqualTo(Settlement.NONE);
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
  }

  @Test
  void reRunSettlesNothingTwiceAndPicksUpNewCharges() {
    fixture.charge(new Charge("alice", "hank", hankNode, 10_000, 6_000, 600, 60, NOW));
    EarningsService service = service(100);
    assertThat(service.settle().jobs()).isEqualTo(1);

    assertThat(service.settle()).isEqualTo(Settlement.NONE);
    assertThat(service(1).settle()).isEqualTo(Settlement.NONE);
    assertThat(balance(AccountRef.hostEarnings("hank"))).isEqualTo(5_400);

    fixture.charge(new Charge("bob", "hank", hankNode, 1_000, 1_000, 0, 1, NOW));
    assertThat(service.settle()).isEqualTo(new Settlement(1, 1, 1_000, 0, 0));
    assertThat(balance(AccountRef.hostEarnings("hank"))).isEqualTo(6_400);
    assertThat(settlementIds()).hasSize(2);
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
  }

  @Test
  void concurrentSettlersWithRacingInsertsCountEachChargeOnce() throws Exception {
    int settlers = 4;
    int inserters = 2;
    int perInserter = 150;
    ExecutorService pool = Executors.newFixedThreadPool(settlers + inserters);
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean inserting = new AtomicBoolean(true);
    List<Future<Long>> settled = new ArrayList<>();
    for (int i = 0; i < settlers; i++) {
      EarningsService service = service(1 + i * 3);
      settled.add(pool.submit(() -> {
        go.await();
        long jobs = 0;
        while (inserting.get()) {
          jobs += service.settle().jobs();
        }
        return jobs;
      }));
    }
    List<Future<?>> inserts = new ArrayList<>();
    for (int i = 0; i < inserters; i++) {
      String buyer = i == 0 ? "alice" : "bob";
      inserts.add(pool.submit(() -> {
        go.await();
        for (int n = 0; n < perInserter; n++) {
          boolean hank = n % 2 == 0;
          fixture.charge(new Charge(buyer, hank ? "hank" : "hilda", hank ? hankNode : hildaNode, 1_000, 300 + n, n % 7,
              n, NOW));
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : inserts) {
      f.get(120, TimeUnit.SECONDS);
    }
    inserting.set(false);
    long byThreads = 0;
    for (Future<Long> f : settled) {
      byThreads += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    byThreads += service(1_000).settle().jobs();

    int total = inserters * perInserter;
    assertThat(byThreads).as("charges settled across all calls").isEqualTo(total);
    long charged = 0;
    long fees = 0;
    for (int n = 0; n < perInserter; n++) {
      charged += 300 + n;
      fees += n % 7;
    }
    assertThat(balance(AccountRef.escrow("alice"))).isEqualTo(500_000 - 1_000L * perInserter);
    assertThat(balance(AccountRef.buyer("alice")) + balance(AccountRef.buyer("bob")))
        .isEqualTo(1_000_000 + 2 * (1_000L * perInserter - charged));
    assertThat(balance(AccountRef.hostEarnings("hank")) + balance(AccountRef.hostEarnings("hilda")))
        .isEqualTo(2 * (charged - fees));
    assertThat(balance(AccountRef.platformFees())).isEqualTo(2 * fees);
    assertThat(number("""
            SELECT count(*) FROM job_charges c
            WHERE (SELECT count(*) FROM settlements s WHERE c.seq > s.from_seq AND c.seq <= s.to_seq) <> 1""")).as("charges not covered by exactly one settlement").isZero();
    assertThat(number("SELECT coalesce(sum(jobs), 0) FROM settlements")).isEqualTo(total);
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
  }

  @Test
  void reportPaysChargesFirstInFirstOutAndLeavesUnsettledOnesPending() {
    UUID second = fixture.node("hank", "=rig, two");
    Instant day20 = Instant.parse("2026-11-20T12:00:00Z");
    Instant day21 = Instant.parse("2026-11-21T00:00:00Z");
    fixture.charge(new Charge("alice", "hank", hankNode, 100, 100, 0, 1, Instant.parse("2026-11-10T00:00:00Z")));
    fixture.charge(new Charge("alice", "hank", hankNode, 1_000, 1_000, 100, 10, day20));
    fixture.charge(new Charge("bob", "hilda", hildaNode, 1_000, 1_000, 0, 99, day20));
    fixture.charge(new Charge("bob", "hank", second, 600, 500, 0, 5, day21));
    fixture.charge(new Charge("alice", "hank", hankNode, 2_000, 2_000, 200, 20, day21.plusSeconds(7_200)));
    service(2).settle();
    fixture.charge(new Charge("bob", "hank", second, 300, 300, 0, 3, Instant.parse("2026-11-22T23:59:59.999Z")));
    fixture.charge(new Charge("bob", "hank", second, 300, 300, 0, 3, Instant.parse("2026-11-23T00:00:00Z")));
    EarningsService service = service(2);
    var from = java.time.LocalDate.parse("2026-11-20");
    var to = java.time.LocalDate.parse("2026-11-22");

    // FIFO over hank's charges in seq order: 100 (before the range), 900, 500, 1,800, then unsettled 300 and 300.
    EarningsReport byDay = service.report("hank", from, to, GroupBy.DAY, 1_300);
    assertThat(byDay.rows()).containsExactly(
        new EarningsReport.Row("2026-11-20", null, 1, 10, 900, 0, 900),
        new EarningsReport.Row("2026-11-21", null, 2, 25, 2_300, 2_000, 300),
        new EarningsReport.Row("2026-11-22", null, 1, 3, 300, 300, 0));
    assertThat(byDay.totals()).isEqualTo(new EarningsReport.Row("total", null, 4, 38, 3_500, 2_300, 1_200));

    EarningsReport byNode = service.report("hank", from, to, GroupBy.NODE, 1_300);
    assertThat(byNode.rows()).containsExactly(
        new EarningsReport.Row(second.toString(), "=rig, two", 2, 8, 800, 500, 300),
        new EarningsReport.Row(hankNode.toString(), "rig-1", 2, 30, 2_700, 1_800, 900));
    assertThat(byNode.totals()).isEqualTo(byDay.totals());

    assertThat(service.report("hank", from, to, GroupBy.DAY, 1_000_000).totals().paid())
        .as("unsettled charges stay pending whatever was paid").isEqualTo(3_200);
    assertThat(service.report("nobody", from, to, GroupBy.DAY, 0).rows()).isEmpty();

    StringBuilder csv = new StringBuilder();
    service.writeCsv(byNode, csv);
    assertThat(csv.toString()).isEqualTo(
        "key,node_name,jobs,billed_seconds,earned,pending,paid\r\n"
            + second + ",\"'=rig, two\",2,8,800,500,300\r\n"
            + hankNode + ",rig-1,2,30,2700,1800,900\r\n"
            + "total,,4,38,3500,2300,1200\r\n");
  }

  private long number(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private List<String> strings(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
  }

  private List<UUID> settlementIds() {
    return jdbi.withHandle(h -> h.createQuery("SELECT transfer_id FROM settlements ORDER BY from_seq")
        .mapTo(UUID.class).list());
  }
}
