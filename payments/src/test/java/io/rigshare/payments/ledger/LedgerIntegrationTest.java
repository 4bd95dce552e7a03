package io.rigshare.payments.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.payments.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

class LedgerIntegrationTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456Z");
  private static final AccountRef TREASURY = AccountRef.treasury();
  private static final AccountRef ALICE = AccountRef.buyer("alice");
  private static final AccountRef JOB = AccountRef.escrow("alice");

  private Jdbi jdbi;
  private Ledger ledger;
  private Movements movements;
  private LedgerCheck check;

  @BeforeEach
  void setUp() {
    jdbi = TestDatabases.fresh();
    ledger = new Ledger(jdbi, Clock.fixed(NOW, ZoneOffset.UTC));
    movements = new Movements(ledger);
    check = new LedgerCheck(jdbi);
  }

  private UUID deposit(long amount) {
    UUID id = UUID.randomUUID();
    movements.deposit(id, "alice", amount, "sig");
    return id;
  }

  private long count(String table) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  @Test
  void balancedTransferMovesBalancesAndIsStored() {
    UUID id = deposit(1_000);

    assertThat(ledger.balance(ALICE)).isEqualTo(1_000);
    assertThat(ledger.balance(TREASURY)).isEqualTo(-1_000);
    Transfer stored = ledger.find(id).orElseThrow();
    assertThat(stored.kind()).isEqualTo("deposit");
    assertThat(stored.createdAt()).isEqualTo(NOW);
    assertThat(stored.entries()).containsExactly(Entry.debit(TREASURY, 1_000), Entry.credit(ALICE, 1_000));
    assertThat(check.run().healthy()).isTrue();
  }

  @Test
  void fullJobAndPayoutFlowBalances() {
    deposit(10_000);
    movements.escrow(UUID.randomUUID(), "alice", "job-1", 6_000);
    movements.settle(UUID.randomUUID(), "job-1", "alice", "hank", FeeSplit.of(4_000, 250), 2_000);
    UUID payout = UUID.randomUUID();
    movements.payoutPlanned(payout, "hank", 3_900);
    movements.payoutFailed(UUID.randomUUID(), payout, "hank", 3_900);
    UUID retry = UUID.randomUUID();
    movements.payoutPlanned(retry, "hank", 3_900);
    movements.payoutConfirmed(UUID.randomUUID(), retry, "hank", 3_900);

    assertThat(ledger.balance(ALICE)).isEqualTo(6_000);
    assertThat(ledger.balance(JOB)).isZero();
    assertThat(ledger.balance(AccountRef.hostEarnings("hank"))).isZero();
    assertThat(ledger.balance(AccountRef.payoutsInFlight("hank"))).isZero();
    assertThat(ledger.balance(AccountRef.platformFees())).isEqualTo(100);
    assertThat(ledger.balance(TREASURY)).isEqualTo(-6_100);
    LedgerReport report = check.run();
    assertThat(report.problems()).isEmpty();
    assertThat(report.transfers()).isEqualTo(7);
  }

  @Test
  void unbalancedTransferIsRefusedByTheService() {
    assertThatThrownBy(
            () -> ledger.transfer(UUID.randomUUID(), "deposit", "", List.of(Entry.debit(TREASURY, 5), Entry.credit(ALICE, 4))))
        .isInstanceOf(UnbalancedTransferException.class);
    assertThat(count("ledger_transfers")).isZero();
  }

  @Test
  void unbalancedOrEmptyTransfersAreRefusedByTheDatabase() {
    deposit(100);
    long alice = accountId("buyer", "alice");
    UUID id = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> {
                      h.execute("INSERT INTO ledger_transfers (id, kind, created_at) VALUES (?, 'hack', now())", id);
                      h.execute("INSERT INTO ledger_entries VALUES (?, ?, 50)", id, alice);
                    }))
        .isInstanceOf(JdbiException.class)
        .hasStackTraceContaining("unbalanced");
    assertThatThrownBy(
            () -> jdbi.useTransaction(h -> h.execute("INSERT INTO ledger_transfers (id, kind, created_at) VALUES (?, 'empty', now())", id)))
        .hasStackTraceContaining("unbalanced");
    assertThat(ledger.balance(ALICE)).isEqualTo(100);
    assertThat(check.run().healthy()).isTrue();
  }

  @Test
  void overdraftIsRefusedAndWritesNothing() {
    deposit(100);
    UUID id = UUID.randomUUID();
    assertThatThrownBy(() -> movements.escrow(id, "alice", "job-1", 101))
        .isInstanceOf(InsufficientFundsException.class)
        .hasMessageContaining("buyer:alice");
    assertThat(ledger.find(id)).isEmpty();
    assertThat(ledger.balance(ALICE)).isEqualTo(100);
    assertThat(count("ledger_transfers")).isEqualTo(1);
    assertThat(count("ledger_accounts")).isEqualTo(2);
  }

  @Test
  void databaseRefusesAnOverdraftThatBypassesTheService() {
    deposit(100);
    long alice = accountId("buyer", "alice");
    long treasury = accountId("treasury", null);
    UUID id = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> {
                      h.execute("INSERT INTO ledger_transfers (id, kind, created_at) VALUES (?, 'hack', now())", id);
                      h.execute("INSERT INTO ledger_entries VALUES (?, ?, -150), (?, ?, 150)", id, alice, id, treasury);
                    }))
        .hasStackTraceContaining("ledger_accounts_non_negative");
    assertThat(ledger.balance(ALICE)).isEqualTo(100);
  }

  @Test
  void directBalancedStatementMovesEveryBalanceOnce() {
    deposit(100);
    movements.deposit(UUID.randomUUID(), "bob", 100, "sig-bob");
    long alice = accountId("buyer", "alice");
    long bob = accountId("buyer", "bob");
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    jdbi.useTransaction(
        h -> {
          h.execute("INSERT INTO ledger_transfers (id, kind, created_at) VALUES (?, 'swap', now()), (?, 'swap', now())",
              first, second);
          // Two transfers in one statement, each balanced, naming the same accounts.
          h.execute("INSERT INTO ledger_entries VALUES (?, ?, -30), (?, ?, 30), (?, ?, 45), (?, ?, -45)",
              first, alice, first, bob, second, alice, second, bob);
        });

    assertThat(ledger.balance(ALICE)).isEqualTo(115);
    assertThat(ledger.balance(AccountRef.buyer("bob"))).isEqualTo(85);
    assertThat(ledger.find(second).orElseThrow().entries())
        .containsExactly(Entry.credit(ALICE, 45), Entry.debit(AccountRef.buyer("bob"), 45));
    assertThat(check.run().problems()).isEmpty();
  }

  @Test
  void databaseRefusesEntriesAddedToATransferByAnotherStatement() {
    UUID posted = deposit(100);
    movements.deposit(UUID.randomUUID(), "bob", 100, "sig-bob");
    movements.escrow(UUID.randomUUID(), "bob", "job-1", 1);
    long alice = accountId("buyer", "alice");
    long bob = accountId("buyer", "bob");
    long bobEscrow = accountId("escrow", "bob");
    long treasury = accountId("treasury", null);

    // Balanced legs added later to a committed transfer.
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> h.execute("INSERT INTO ledger_entries VALUES (?, ?, -10), (?, ?, 10)",
                        posted, bob, posted, bobEscrow)))
        .satisfies(e -> assertThat(constraintOf(e)).isEqualTo("ledger_transfer_balanced"));
    // A transfer written by two balanced statements of one transaction.
    UUID split = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> {
                      h.execute("INSERT INTO ledger_transfers (id, kind, created_at) VALUES (?, 'hack', now())", split);
                      h.execute("INSERT INTO ledger_entries VALUES (?, ?, -10), (?, ?, 10)", split, alice, split, bob);
                      h.execute("INSERT INTO ledger_entries VALUES (?, ?, -5), (?, ?, 5)",
                          split, treasury, split, bobEscrow);
                    }))
        .satisfies(e -> assertThat(constraintOf(e)).isEqualTo("ledger_transfer_balanced"));

    assertThat(ledger.find(posted).orElseThrow().entries()).hasSize(2);
    assertThat(ledger.find(split)).isEmpty();
    assertThat(ledger.balance(ALICE)).isEqualTo(100);
    assertThat(ledger.balance(AccountRef.buyer("bob"))).isEqualTo(99);
    assertThat(ledger.balance(AccountRef.escrow("bob"))).isEqualTo(1);
    assertThat(check.run().problems()).isEmpty();
  }

  @Test
  void databaseRefusesEntriesNamingMissingTransfersOrAccounts() {
    deposit(100);
    long alice = accountId("buyer", "alice");
    long treasury = accountId("treasury", null);
    UUID id = UUID.randomUUID();

    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> h.execute("INSERT INTO ledger_entries VALUES (?, ?, -10), (?, ?, 10)",
                        id, treasury, id, alice)))
        .satisfies(e -> assertThat(constraintOf(e)).isEqualTo("ledger_entries_transfer_id_fkey"));
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h -> {
                      h.execute("INSERT INTO ledger_transfers (id, kind, created_at) VALUES (?, 'hack', now())", id);
                      h.execute("INSERT INTO ledger_entries VALUES (?, ?, -10), (?, ?, 10)",
                          id, treasury, id, 999_999_999L);
                    }))
        .satisfies(e -> assertThat(constraintOf(e)).isEqualTo("ledger_entries_account_id_fkey"));

    assertThat(ledger.find(id)).isEmpty();
    assertThat(ledger.balance(TREASURY)).isEqualTo(-100);
    assertThat(count("ledger_entries")).isEqualTo(2);
    assertThat(check.run().problems()).isEmpty();
  }

  @Test
  void replayWithTheSameEntriesReturnsTheStoredTransfer() {
    UUID id = deposit(100);
    Transfer again = movements.deposit(id, "alice", 100, "a different memo is not a conflict");

    assertThat(again).isEqualTo(ledger.find(id).orElseThrow());
    assertThat(ledger.balance(ALICE)).isEqualTo(100);
    assertThat(count("ledger_transfers")).isEqualTo(1);
  }

  @Test
  void replayWithDifferentEntriesIsAConflict() {
    UUID id = deposit(100);
    assertThatThrownBy(() -> movements.deposit(id, "alice", 101, "sig")).isInstanceOf(TransferConflictException.class);
    assertThatThrownBy(() -> movements.deposit(id, "bob", 100, "sig")).isInstanceOf(TransferConflictException.class);
    assertThatThrownBy(() -> movements.refund(id, "job-1", "alice", 100)).isInstanceOf(TransferConflictException.class);
    assertThat(ledger.balance(ALICE)).isEqualTo(100);
  }

  @Test
  void historyIsImmutable() {
    UUID id = deposit(100);
    for (String sql :
        List.of(
            "UPDATE ledger_entries SET amount = amount * 2",
            "DELETE FROM ledger_entries",
            "UPDATE ledger_transfers SET memo = 'edited'",
            "DELETE FROM ledger_transfers",
            "TRUNCATE ledger_entries, ledger_transfers, ledger_accounts CASCADE",
            "UPDATE ledger_accounts SET balance = 1000000 WHERE kind = 'buyer'",
            "DELETE FROM ledger_accounts")) {
      assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(sql)))
          .as(sql)
          .hasStackTraceContaining("ledger");
    }
    assertThat(ledger.find(id).orElseThrow().memo()).isEqualTo("sig");
    assertThat(ledger.balance(ALICE)).isEqualTo(100);
    assertThat(check.run().healthy()).isTrue();
  }

  @Test
  void correctionReversesOnceAsANewTransfer() {
    UUID wrong = deposit(100);
    UUID fix = UUID.randomUUID();
    Transfer correction = ledger.correct(fix, wrong, "deposit booked twice");

    assertThat(correction.kind()).isEqualTo("correction");
    assertThat(correction.correctionOf()).isEqualTo(wrong);
    assertThat(correction.entries()).containsExactly(Entry.credit(TREASURY, 100), Entry.debit(ALICE, 100));
    assertThat(ledger.balance(ALICE)).isZero();
    assertThat(ledger.find(wrong)).isPresent();
    assertThat(ledger.correct(fix, wrong, "retry")).isEqualTo(ledger.find(fix).orElseThrow());
    assertThatThrownBy(() -> ledger.correct(UUID.randomUUID(), wrong, "again"))
        .isInstanceOf(TransferConflictException.class);
    assertThatThrownBy(() -> ledger.correct(UUID.randomUUID(), UUID.randomUUID(), "nothing"))
        .isInstanceOf(UnknownTransferException.class);
    assertThat(check.run().problems()).isEmpty();
  }

  @Test
  void correctionThatWouldOverdrawIsRefused() {
    UUID dep = deposit(100);
    movements.escrow(UUID.randomUUID(), "alice", "job-1", 60);
    assertThatThrownBy(() -> ledger.correct(UUID.randomUUID(), dep, "too late"))
        .isInstanceOf(InsufficientFundsException.class);
    assertThat(ledger.balance(ALICE)).isEqualTo(40);
  }

  @Test
  void checkReportsDamage() {
    deposit(100);
    // The only way to damage the ledger is to switch its guards off, as a superuser could.
    jdbi.useHandle(
        h -> {
          h.execute("ALTER TABLE ledger_accounts DISABLE TRIGGER ledger_accounts_guard");
          h.execute("UPDATE ledger_accounts SET balance = balance + 7 WHERE kind = 'buyer'");
        });
    LedgerReport report = check.run();
    assertThat(report.healthy()).isFalse();
    assertThat(report.driftedAccounts()).isEqualTo(1);
    assertThat(report.problems()).anyMatch(p -> p.contains("sum to 7"));
  }

  /** The constraint PostgreSQL named in the refusal behind {@code e}, or null. */
  private static String constraintOf(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
        return p.getServerErrorMessage().getConstraint();
      }
    }
    return null;
  }

  private long accountId(String kind, String owner) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT id FROM ledger_accounts WHERE kind = :k AND owner IS NOT DISTINCT FROM :o")
                .bind("k", kind)
                .bind("o", owner)
                .mapTo(Long.class)
                .one());
  }
}
