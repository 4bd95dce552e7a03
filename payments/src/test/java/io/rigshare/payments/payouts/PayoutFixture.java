package io.rigshare.payments.payouts;

import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.protocol.crypto.Keypair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Hosts with ledger earnings, and the read-backs that payout tests compare against the chain. */
final class PayoutFixture {
  static final PayoutSettings SETTINGS =
      new PayoutSettings(1_000, 100, "rigshare-payout", Duration.ofSeconds(30), 50_000);
  private static final SecureRandom RANDOM = new SecureRandom();

  private PayoutFixture() {}

  /** {@code count} fresh host wallets, each given distinct earnings (base units) by a test transfer. */
  static Map<String, Long> hostsWithEarnings(Ledger ledger, int count, long base) {
    Map<String, Long> hosts = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String wallet = Keypair.generate(RANDOM).address();
      long amount = base + 1_237L * i;
      ledger.transfer(
          UUID.randomUUID(), "test_earnings", "test",
          List.of(Entry.debit(AccountRef.treasury(), amount), Entry.credit(AccountRef.hostEarnings(wallet), amount)));
      hosts.put(wallet, amount);
    }
    return hosts;
  }

  static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** The sum of all payouts_in_flight balances. */
  static long inFlight(Jdbi jdbi) {
    return count(jdbi, "SELECT coalesce(sum(balance), 0) FROM ledger_accounts WHERE kind = 'payouts_in_flight'");
  }
}
