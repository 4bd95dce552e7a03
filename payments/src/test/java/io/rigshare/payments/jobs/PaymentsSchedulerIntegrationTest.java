package io.rigshare.payments.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.payments.earnings.EarningsService;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.ledger.Movements;
import io.rigshare.payments.testing.ChargeFixture;
import io.rigshare.payments.testing.ChargeFixture.Charge;
import io.rigshare.payments.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Two schedulers of one Quartz cluster (same scheduler name, instance ids "a" and "b", one JVM; each builds its own
 * Quartz scheduler) on one database, settling real charges while they are inserted.
 */
class PaymentsSchedulerIntegrationTest {
  private static final int CHARGES = 240;

  @Test
  void twoInstancesSettleEveryChargeExactlyOnce() throws Exception {
    DataSource ds = TestDatabases.freshDataSource();
    Jdbi jdbi = TestDatabases.jdbi(ds);
    Ledger ledger = new Ledger(jdbi, Clock.systemUTC());
    Movements movements = new Movements(ledger);
    movements.deposit(UUID.randomUUID(), "alice", 10_000_000, "sig");
    movements.escrow(UUID.randomUUID(), "alice", "jobs", 10_000_000);
    ChargeFixture fixture = new ChargeFixture(jdbi);
    UUID node = fixture.node("hank", "rig");

    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger()};
    AtomicInteger failingRuns = new AtomicInteger();
    PaymentsScheduler[] instances = new PaymentsScheduler[2];
    for (int i = 0; i < 2; i++) {
      EarningsService earnings = new EarningsService(jdbi, ledger, Clock.systemUTC(), 7);
      AtomicInteger mine = runs[i];
      Runnable settle = () -> {
        if (running.incrementAndGet() > 1) {
          overlaps.incrementAndGet();
        }
        try {
          mine.incrementAndGet();
          earnings.settle();
        } finally {
          running.decrementAndGet();
        }
      };
      Runnable failing = () -> {
        failingRuns.incrementAndGet();
        throw new IllegalStateException("a deposit watcher that always fails");
      };
      SchedulerSettings settings = new SchedulerSettings("payments-cluster-test", i == 0 ? "a" : "b", 2,
          Duration.ofMillis(100), Duration.ofHours(1), Duration.ofMillis(150), Duration.ofSeconds(1),
          Duration.ofMillis(500));
      instances[i] = new PaymentsScheduler(ds, settings, settle, () -> {}, failing);
    }
    CompletableFuture<?>[] starts = {
        CompletableFuture.runAsync(instances[0]::start), CompletableFuture.runAsync(instances[1]::start)};
    CompletableFuture.allOf(starts).get(60, TimeUnit.SECONDS);

    Instant at = Instant.parse("2026-11-23T00:00:00Z");
    for (int n = 0; n < CHARGES; n++) {
      fixture.charge(new Charge("alice", "hank", node, 1_000, 100 + n, n % 10, 1, at));
      if (n % 40 == 0) {
        instances[n / 40 % 2].runNow(PaymentsScheduler.EARNINGS);
      }
    }
    long instancesCheckedIn = number(jdbi, "SELECT count(*) FROM qrtz_scheduler_state");
    waitFor(() -> number(jdbi, "SELECT settled_seq FROM settlement_watermark")
        == number(jdbi, "SELECT max(seq) FROM job_charges"));
    waitFor(() -> runs[0].get() > 0 && runs[1].get() > 0 && failingRuns.get() >= 3);
    instances[0].stop();
    instances[1].stop();

    assertThat(instancesCheckedIn).as("cluster members in qrtz_scheduler_state").isEqualTo(2);
    // Overlapping runs are allowed: on a loaded machine a late check-in makes the other member recover the job while
    // it still runs (Quartz's cluster failover), so correctness rests on settlement's own lock, checked next.
    System.out.printf("settle runs: %d + %d, overlapping: %d%n", runs[0].get(), runs[1].get(), overlaps.get());
    assertThat(number(jdbi, """
        SELECT count(*) FROM job_charges c
        WHERE (SELECT count(*) FROM settlements s WHERE c.seq > s.from_seq AND c.seq <= s.to_seq) <> 1"""))
        .as("charges not settled exactly once").isZero();
    assertThat(number(jdbi, "SELECT sum(jobs) FROM settlements")).isEqualTo(CHARGES);
    long charged = 0;
    long fees = 0;
    for (int n = 0; n < CHARGES; n++) {
      charged += 100 + n;
      fees += n % 10;
    }
    assertThat(ledger.balance(AccountRef.hostEarnings("hank"))).isEqualTo(charged - fees);
    assertThat(ledger.balance(AccountRef.platformFees())).isEqualTo(fees);
    assertThat(ledger.balance(AccountRef.buyer("alice"))).isEqualTo(1_000L * CHARGES - charged);
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
  }

  @Test
  void runNowRunsAnHourlyJobAgainAtOnce() throws Exception {
    AtomicInteger payouts = new AtomicInteger();
    SchedulerSettings settings = new SchedulerSettings("payments-run-now-test", "solo", 1, Duration.ofHours(1),
        Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    PaymentsScheduler scheduler =
        new PaymentsScheduler(TestDatabases.freshDataSource(), settings, () -> {}, payouts::incrementAndGet, () -> {});
    scheduler.start();
    try {
      waitFor(() -> payouts.get() == 1);
      scheduler.runNow(PaymentsScheduler.PAYOUTS);
      waitFor(() -> payouts.get() == 2);
    } finally {
      scheduler.stop();
    }
    assertThat(payouts.get()).isEqualTo(2);
  }

  private static long number(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** Polls until the condition holds (at most 60 s): waits for the cluster's work, not for a fixed time. */
  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

}
