package io.rigshare.payments.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.payments.testing.TestDatabases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class LedgerConcurrencyIntegrationTest {
  private static final int THREADS = 20;

  @Test
  void concurrentSpendingFromOneBuyerNeverOverdraws() throws Exception {
    Jdbi jdbi = TestDatabases.fresh();
    Ledger ledger = new Ledger(jdbi, Clock.systemUTC());
    Movements movements = new Movements(ledger);
    movements.deposit(UUID.randomUUID(), "alice", 1_000, "sig");

    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Boolean>> results = new ArrayList<>();
    AtomicInteger settled = new AtomicInteger();
    for (int i = 0; i < THREADS; i++) {
      String job = "job-" + i;
      // Half the threads also touch the host and fee accounts in the opposite order, to provoke deadlocks.
      boolean settleToo = i % 2 == 0;
      results.add(
          pool.submit(
              () -> {
                ready.countDown();
                go.await();
                try {
                  movements.escrow(UUID.randomUUID(), "alice", job, 100);
                } catch (InsufficientFundsException expected) {
                  return false;
                }
                if (settleToo) {
                  movements.settle(UUID.randomUUID(), job, "alice", "hank", FeeSplit.of(70, 1_000), 30);
                  settled.incrementAndGet();
                }
                return true;
              }));
    }
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    int succeeded = 0;
    for (Future<Boolean> f : results) {
      succeeded += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();

    long alice = ledger.balance(AccountRef.buyer("alice"));
    assertThat(succeeded).as("escrows that fit in the deposit").isGreaterThanOrEqualTo(10);
    assertThat(alice).isNotNegative().isEqualTo(1_000 - 100L * succeeded + 30L * settled.get());
    assertThat(ledger.balance(AccountRef.hostEarnings("hank"))).isEqualTo(63L * settled.get());
    assertThat(ledger.balance(AccountRef.platformFees())).isEqualTo(7L * settled.get());
    assertThat(ledger.balance(AccountRef.treasury())).isEqualTo(-1_000);
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
  }
}
