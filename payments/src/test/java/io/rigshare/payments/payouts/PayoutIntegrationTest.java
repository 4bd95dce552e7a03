package io.rigshare.payments.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.testing.LocalnetProcess;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.testing.MutableClock;
import io.rigshare.payments.testing.TestDatabases;
import io.rigshare.protocol.crypto.Keypair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payout runs on the local runtime, every balance read back from the chain. */
class PayoutIntegrationTest {
  private static LocalnetProcess localnet;
  private static SolanaClient treasury;

  private Jdbi jdbi;
  private Ledger ledger;
  private MutableClock clock;
  private PayoutService payouts;

  @BeforeAll
  static void startChain() throws Exception {
    localnet = LocalnetProcess.start();
    treasury = localnet.treasuryClient();
  }

  @AfterAll
  static void stopChain() {
    treasury.close();
    localnet.close();
  }

  @BeforeEach
  void setUp() {
    jdbi = TestDatabases.fresh();
    clock = new MutableClock(Instant.now());
    ledger = new Ledger(jdbi, clock);
    payouts = new PayoutService(jdbi, ledger, treasury, PayoutFixture.SETTINGS, clock, Checkpoints.NONE);
  }

  @Test
  void fiftyHostsArePaidInFullTransactionsWithEveryBalanceCorrectOnChain() {
    Map<String, Long> hosts = PayoutFixture.hostsWithEarnings(ledger, 50, 2_000_000);
    Map<String, Long> small = PayoutFixture.hostsWithEarnings(ledger, 1, 999);
    long total = hosts.values().stream().mapToLong(Long::longValue).sum();
    long treasuryBefore = treasury.tokenBalance(treasury.treasury()).baseUnits();

    PayoutRun run = payouts.run();

    assertThat(run.ran()).isTrue();
    assertThat(run.itemsPaid()).isEqualTo(50);
    assertThat(run.amountPaid()).isEqualTo(total);
    assertThat(run.batchesPending()).isZero();
    assertThat(run.batchesFailed()).isZero();
    assertThat(run.tokenAccountsCreated()).isEqualTo(50);
    assertThat(run.batchesConfirmed()).isEqualTo(run.batchesPlanned()).isEqualTo(run.transactionsSigned());
    System.out.printf("[payouts] 50 hosts: %d transactions, %.2f transfers per transaction%n",
        run.batchesConfirmed(), run.transfersPerTransaction());
    List<Long> perTransaction =
        jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM payouts GROUP BY batch_id ORDER BY 1 DESC")
            .mapTo(Long.class).list());
    assertThat(perTransaction.get(0)).as("transfers in the fullest transaction").isGreaterThanOrEqualTo(18);
    assertThat(perTransaction.stream().mapToLong(Long::longValue).sum()).isEqualTo(50);
    for (String tx : jdbi.withHandle(h -> h.createQuery("SELECT transaction_base64 FROM payout_transactions")
        .mapTo(String.class).list())) {
      assertThat(Base64.getDecoder().decode(tx).length).isLessThanOrEqualTo(SolanaClient.MAX_TRANSACTION_BYTES);
    }

    hosts.forEach((wallet, amount) -> {
      assertThat(treasury.tokenBalance(wallet).baseUnits()).as("on chain, host %s", wallet).isEqualTo(amount);
      assertThat(ledger.balance(AccountRef.hostEarnings(wallet))).isZero();
      assertThat(ledger.balance(AccountRef.payoutsInFlight(wallet))).isZero();
      assertThat(payouts.paidEarnings(wallet)).isEqualTo(amount);
      assertThat(payouts.payouts(wallet, 10, 0)).singleElement().satisfies(p -> {
        assertThat(p.status()).isEqualTo(Payout.Status.CONFIRMED);
        assertThat(p.kind()).isEqualTo(Payout.Kind.EARNINGS);
        assertThat(p.amount()).isEqualTo(amount);
        assertThat(treasury.status(p.signature())).isInstanceOf(io.rigshare.contracts.SignatureStatus.Confirmed.class);
      });
    });
    String below = small.keySet().iterator().next();
    assertThat(treasury.tokenBalance(below).baseUnits()).as("below the minimum").isZero();
    assertThat(ledger.balance(AccountRef.hostEarnings(below))).isEqualTo(999);
    assertThat(treasury.tokenBalance(treasury.treasury()).baseUnits()).isEqualTo(treasuryBefore - total);
    assertThat(ledger.balance(AccountRef.treasury())).isEqualTo(-999);
    assertThat(PayoutFixture.inFlight(jdbi)).isZero();
    assertThat(payouts.inFlight()).isEmpty();
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();

    PayoutRun again = payouts.run();
    assertThat(again.batchesPlanned()).isZero();
    assertThat(again.itemsPaid()).isZero();
    assertThat(treasury.tokenBalance(treasury.treasury()).baseUnits()).isEqualTo(treasuryBefore - total);
  }

  @Test
  void withdrawalReturnsUnusedBalanceToTheWallet() throws Exception {
    String buyer = Keypair.generate(new SecureRandom()).address();
    ledger.transfer(
        UUID.randomUUID(), "deposit", "test",
        List.of(Entry.debit(AccountRef.treasury(), 1_000_000), Entry.credit(AccountRef.buyer(buyer), 1_000_000)));

    assertThatThrownBy(() -> payouts.withdraw(buyer, 1_000_001))
        .isInstanceOfSatisfying(PayoutException.class, e -> assertThat(e.code()).isEqualTo("insufficient_balance"));
    assertThatThrownBy(() -> payouts.withdraw(buyer, 0))
        .isInstanceOfSatisfying(PayoutException.class, e -> assertThat(e.code()).isEqualTo("invalid_amount"));
    assertThatThrownBy(() -> payouts.withdraw("nobody", 10))
        .isInstanceOfSatisfying(PayoutException.class, e -> assertThat(e.code()).isEqualTo("invalid_wallet"));
    Withdrawal withdrawal = payouts.withdraw(buyer, 400_000);
    assertThat(ledger.balance(AccountRef.buyer(buyer))).isEqualTo(600_000);
    assertThat(ledger.balance(AccountRef.payoutsInFlight(buyer))).isEqualTo(400_000);
    assertThat(payouts.withdrawals(buyer, 10, 0)).singleElement()
        .satisfies(w -> assertThat(w.status()).isEqualTo(Payout.Status.PENDING));

    PayoutRun run = payouts.run();

    assertThat(run.itemsPaid()).isEqualTo(1);
    assertThat(treasury.tokenBalance(buyer).baseUnits()).isEqualTo(400_000);
    assertThat(ledger.balance(AccountRef.payoutsInFlight(buyer))).isZero();
    assertThat(ledger.balance(AccountRef.buyer(buyer))).isEqualTo(600_000);
    assertThat(payouts.paidEarnings(buyer)).as("a withdrawal is no earnings").isZero();
    Withdrawal done = payouts.withdrawals(buyer, 10, 0).get(0);
    assertThat(done.id()).isEqualTo(withdrawal.id());
    assertThat(done.status()).isEqualTo(Payout.Status.CONFIRMED);
    assertThat(done.signature()).isNotNull();
    StringBuilder csv = new StringBuilder();
    payouts.writeCsv(buyer, csv);
    assertThat(csv.toString().split("\r\n")).hasSize(2);
    assertThat(csv.toString()).contains(withdrawal.id() + ",").contains(",withdrawal,400000,")
        .contains(",confirmed," + done.signature() + ",");
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
  }

  @Test
  void aRunWhileAnotherHoldsTheLockDoesNothing() {
    Map<String, Long> hosts = PayoutFixture.hostsWithEarnings(ledger, 2, 5_000);
    try (Handle other = jdbi.open()) {
      other.createQuery("SELECT pg_advisory_lock(:key)").bind("key", PayoutService.RUN_LOCK).mapToMap().one();

      PayoutRun skipped = payouts.run();

      assertThat(skipped.ran()).isFalse();
      assertThat(PayoutFixture.count(jdbi, "SELECT count(*) FROM payout_batches")).isZero();
    }
    assertThat(payouts.run().itemsPaid()).isEqualTo(2);
    hosts.forEach((wallet, amount) -> assertThat(treasury.tokenBalance(wallet).baseUnits()).isEqualTo(amount));
  }
}
