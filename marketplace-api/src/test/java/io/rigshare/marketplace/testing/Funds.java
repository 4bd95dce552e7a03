package io.rigshare.marketplace.testing;

import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Gives a buyer a balance for tests about jobs rather than deposits: a real, balanced ledger transfer from the
 * treasury (kind {@code test_credit}), as a credited deposit would post. Deposit tests pay on the local chain instead.
 */
public final class Funds {
  /** Enough for every job a test submits (prices up to 10^7 per hour for up to a day). */
  public static final long PLENTY = 1_000_000_000_000L;

  private Funds() {}

  public static void credit(RigshareConfiguration config, String wallet, long amount) {
    credit(url(config), wallet, amount);
  }

  public static void credit(DatabaseUrl db, String wallet, long amount) {
    new Ledger(jdbi(db), Clock.systemUTC()).transfer(UUID.randomUUID(), "test_credit", "test funds for " + wallet,
        List.of(Entry.debit(AccountRef.treasury(), amount), Entry.credit(AccountRef.buyer(wallet), amount)));
  }

  /** The app's database, for reading the ledger back. */
  public static Jdbi jdbi(RigshareConfiguration config) {
    return jdbi(url(config));
  }

  private static DatabaseUrl url(RigshareConfiguration config) {
    return DatabaseUrl.parse(config.getDatabase().getUrl(), config.getDatabase().getUser(),
        config.getDatabase().getPassword());
  }

  private static Jdbi jdbi(DatabaseUrl db) {
    return Jdbi.create(db.jdbcUrl(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
  }
}
