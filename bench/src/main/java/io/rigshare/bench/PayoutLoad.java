package io.rigshare.bench;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.SolanaConfig;
import io.rigshare.contracts.localnet.LocalnetProcess;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.payouts.Checkpoints;
import io.rigshare.payments.payouts.PayoutRun;
import io.rigshare.payments.payouts.PayoutService;
import io.rigshare.payments.payouts.PayoutSettings;
import io.rigshare.protocol.crypto.Keypair;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The payout benchmark (docs/benchmarks.md, "Payouts"): N hosts with ledger earnings on a fresh local Solana runtime
 * and a fresh embedded PostgreSQL, then one {@link PayoutService#run()} timed end to end, with its phases (planning,
 * token account creation, the rest) from its checkpoints. Every host's token balance is then read back from the
 * chain and compared with its earnings.
 *
 * <p>Usage: {@code PayoutLoad [--hosts N (10000)] [--slot-ms MS (400)] [--max-per-tx K (100)]}.
 */
public final class PayoutLoad {
  private static final String MIGRATIONS = "marketplace-api/src/main/resources/db/migration";
  private static final int THREADS = 4;

  /** What one run measured. Times in milliseconds. */
  record Result(
      int hosts,
      long seedMillis,
      long runMillis,
      long planMillis,
      long tokenAccountsMillis,
      int tokenAccountsCreated,
      int transactions,
      int minTransfersPerTransaction,
      int maxTransfersPerTransaction,
      double meanTransfersPerTransaction,
      int maxTransactionBytes,
      long amountPaid,
      int wrongBalances,
      boolean ledgerHealthy) {

    String markdown() {
      return String.format(
          """
          | hosts | %,d |
          |---|---|
          | run() end to end | %,d ms (%.1f hosts/s) |
          | of which planning (one DB transaction) | %,d ms |
          | of which token accounts (%,d created) | %,d ms |
          | of which sign, record, send, confirm, post | %,d ms |
          | transactions | %,d |
          | transfers per transaction | min %d, max %d, mean %.2f |
          | largest transaction | %,d bytes |
          | paid | %,d base units; wrong balances on chain: %d; ledger sound: %s |
          | seeding earnings (not in run) | %,d ms |
          """,
          hosts, runMillis, hosts * 1000.0 / Math.max(1, runMillis), planMillis, tokenAccountsCreated,
          tokenAccountsMillis, runMillis - planMillis - tokenAccountsMillis, transactions,
          minTransfersPerTransaction, maxTransfersPerTransaction, meanTransfersPerTransaction, maxTransactionBytes,
          amountPaid, wrongBalances, ledgerHealthy, seedMillis);
    }
  }

  private PayoutLoad() {}

  public static void main(String[] args) throws Exception {
    int hosts = 10_000;
    int slotMs = 400;
    int maxPerTx = 100;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--hosts" -> hosts = Integer.parseInt(args[++i]);
        case "--slot-ms" -> slotMs = Integer.parseInt(args[++i]);
        case "--max-per-tx" -> maxPerTx = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: PayoutLoad [--hosts N] [--slot-ms MS] [--max-per-tx K]");
          System.exit(2);
        }
      }
    }
    System.out.print(run(hosts, slotMs, maxPerTx).markdown());
  }

  static Result run(int hosts, int slotMs, int maxPerTx) throws Exception {
    Path dir = Files.createTempDirectory("rigshare-payout-load-");
    try (LocalnetProcess localnet =
            LocalnetProcess.start(
                LocalnetProcess.Options.of(dir.resolve("ledger")).withSlotMs(slotMs), Duration.ofSeconds(60));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true).start()) {
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("filesystem:" + migrations())
          .load().migrate();
      Jdbi jdbi = Jdbi.create(postgres.getPostgresDatabase()).installPlugin(new SqlObjectPlugin());
      var ready = localnet.ready();
      Clock clock = Clock.systemUTC();
      try (SolanaClient solana =
          SolanaClient.connect(
              SolanaConfig.of(ready.rpcUrl(), ready.mint(), ready.decimals(), ready.treasuryKeypairPath()))) {
        Ledger ledger = new Ledger(jdbi, clock);
        long seedStart = System.nanoTime();
        Map<String, Long> earnings = seed(ledger, hosts);
        long seedMillis = millisSince(seedStart);

        Map<String, Long> reached = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Checkpoints timing = step -> reached.putIfAbsent(step, System.nanoTime());
        PayoutSettings settings =
            new PayoutSettings(1, maxPerTx, "rigshare-payout", Duration.ofSeconds(90), Integer.MAX_VALUE);
        PayoutRun run = new PayoutService(jdbi, ledger, solana, settings, clock, timing).run();
        long runMillis = millisSince(start);
        if (run.batchesPending() > 0 || run.itemsPaid() != hosts) {
          throw new IllegalStateException("run left work undone: " + run);
        }
        List<Integer> sizes =
            jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM payouts GROUP BY batch_id")
                .mapTo(Integer.class).list());
        int maxBytes =
            jdbi.withHandle(h -> h.createQuery(
                    "SELECT max(length(decode(transaction_base64, 'base64'))) FROM payout_transactions")
                .mapTo(Integer.class).one());
        return new Result(
            hosts, seedMillis, runMillis, (reached.get(Checkpoints.PLANNED) - start) / 1_000_000,
            run.tokenAccountsTime().toMillis(), run.tokenAccountsCreated(), sizes.size(),
            sizes.stream().mapToInt(Integer::intValue).min().orElse(0),
            sizes.stream().mapToInt(Integer::intValue).max().orElse(0),
            sizes.stream().mapToInt(Integer::intValue).average().orElse(0), maxBytes, run.amountPaid(),
            wrongBalances(solana, earnings), new LedgerCheck(jdbi).run().healthy());
      }
    } finally {
      deleteTree(dir);
    }
  }

  /** Fresh host wallets, each given distinct earnings by a ledger transfer from the treasury. */
  private static Map<String, Long> seed(Ledger ledger, int hosts) throws Exception {
    SecureRandom random = new SecureRandom();
    Map<String, Long> earnings = new LinkedHashMap<>();
    for (int i = 0; i < hosts; i++) {
      earnings.put(Keypair.generate(random).address(), 1_000_000L + 7L * i);
    }
    parallel(new ArrayList<>(earnings.entrySet()), e -> {
      ledger.transfer(
          UUID.randomUUID(), "bench_earnings", "bench",
          List.of(Entry.debit(AccountRef.treasury(), e.getValue()),
              Entry.credit(AccountRef.hostEarnings(e.getKey()), e.getValue())));
      return 0;
    });
    return earnings;
  }

  private static int wrongBalances(SolanaClient solana, Map<String, Long> earnings) throws Exception {
    return parallel(new ArrayList<>(earnings.entrySet()),
        e -> solana.tokenBalance(e.getKey()).baseUnits() == e.getValue() ? 0 : 1);
  }

  private interface Task<T> {
    int apply(T item) throws Exception;
  }

  /** Applies the task to every item on a few threads; returns the sum of the results. */
  private static <T> int parallel(List<T> items, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> parts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int first = t;
        parts.add(pool.submit(() -> {
          int sum = 0;
          for (int i = first; i < items.size(); i += THREADS) {
            sum += task.apply(items.get(i));
          }
          return sum;
        }));
      }
      int total = 0;
      for (Future<Integer> part : parts) {
        total += part.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  /** marketplace-api's migration folder, from the working directory upwards. */
  static Path migrations() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve(MIGRATIONS))) {
        return d.resolve(MIGRATIONS);
      }
    }
    throw new IllegalStateException("cannot find " + MIGRATIONS + " from " + Path.of("").toAbsolutePath());
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException ignored) {
      // A temporary directory left behind is harmless.
    }
  }
}
