package io.rigshare.payments.payouts;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.SolanaConfig;
import io.rigshare.payments.ledger.Ledger;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The payout process the crash test kills: one {@link PayoutService#run()} whose checkpoint {@code step} prints
 * {@code CHECKPOINT <step>} and then blocks until the parent kills this JVM with SIGKILL.
 *
 * <p>Arguments: jdbcUrl rpcUrl mint decimals treasuryKeypairPath step.
 */
public final class PayoutCrashChild {
  static final String MARKER = "CHECKPOINT ";

  private PayoutCrashChild() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(args[0]);
    ds.setUser("postgres");
    Jdbi jdbi = Jdbi.create(ds).installPlugin(new SqlObjectPlugin());
    SolanaClient solana =
        SolanaClient.connect(SolanaConfig.of(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4])));
    String stopAt = args[5];
    Checkpoints halt =
        step -> {
          if (step.equals(stopAt)) {
            System.out.println(MARKER + step);
            System.out.flush();
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    Clock clock = Clock.systemUTC();
    PayoutRun run = new PayoutService(jdbi, new Ledger(jdbi, clock), solana, PayoutFixture.SETTINGS, clock, halt).run();
    System.out.println("FINISHED without reaching " + stopAt + ": " + run);
  }
}
