package io.rigshare.payments.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.testing.LocalnetProcess;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The payout process is a real child JVM, killed with SIGKILL at each step of a run; a fresh run then finishes the
 * work. Afterwards chain and ledger agree: every host paid exactly once (token balances read from the chain), nothing
 * left in flight, no batch unfinished, the ledger sound.
 */
class PayoutCrashIntegrationTest {
  private static final int HOSTS = 30; // two transactions
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

  private static LocalnetProcess localnet;
  private static SolanaClient treasury;

  private Jdbi jdbi;
  private Ledger ledger;
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
    ledger = new Ledger(jdbi, Clock.systemUTC());
    payouts = new PayoutService(jdbi, ledger, treasury, PayoutFixture.SETTINGS, Clock.systemUTC(), Checkpoints.NONE);
  }

  @AfterEach
  void noDropsLeft() {
    localnet.dropNextTransactions(0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        Checkpoints.PLANNED, Checkpoints.SIGNED, Checkpoints.RECORDED, Checkpoints.SENT,
        Checkpoints.BEFORE_CONFIRMATION
      })
  void killedAtEachStepThenResumedPaysEveryHostExactlyOnce(String step) throws Exception {
    Map<String, Long> hosts = PayoutFixture.hostsWithEarnings(ledger, HOSTS, 3_000_000);
    long treasuryBefore = treasury.tokenBalance(treasury.treasury()).baseUnits();

    killChildAt(step);
    long paidBeforeResume = hosts.keySet().stream().mapToLong(w -> treasury.tokenBalance(w).baseUnits()).sum();
    long total = hosts.values().stream().mapToLong(Long::longValue).sum();
    if (step.equals(Checkpoints.BEFORE_CONFIRMATION)) {
      assertThat(paidBeforeResume).as("landed on chain before the kill").isEqualTo(total);
      assertThat(PayoutFixture.inFlight(jdbi)).as("but not yet posted").isEqualTo(total);
    } else if (!step.equals(Checkpoints.SENT)) {
      assertThat(paidBeforeResume).as("nothing sent before the kill").isZero();
    }

    resumeUntilDone();

    assertPaidExactlyOnce(hosts, treasuryBefore);
    long attempts = PayoutFixture.count(jdbi, "SELECT count(*) FROM payout_transactions");
    long batches = PayoutFixture.count(jdbi, "SELECT count(*) FROM payout_batches");
    assertThat(attempts).as("one signed attempt per batch: nothing expired").isEqualTo(batches);
  }

  @Test
  void blockhashExpiredBetweenRecordingAndSendingIsResignedAndPaidOnce() throws Exception {
    Map<String, Long> hosts = PayoutFixture.hostsWithEarnings(ledger, HOSTS, 4_000_000);
    long treasuryBefore = treasury.tokenBalance(treasury.treasury()).baseUnits();

    killChildAt(Checkpoints.RECORDED);
    localnet.expireBlockhash();
    resumeUntilDone();

    assertPaidExactlyOnce(hosts, treasuryBefore);
    assertEveryBatchExpiredOnceThenConfirmed();
  }

  @Test
  void sendLostThenBlockhashExpiredIsResignedAndPaidOnce() throws Exception {
    Map<String, Long> hosts = PayoutFixture.hostsWithEarnings(ledger, HOSTS, 5_000_000);
    treasury.createTokenAccounts(hosts.keySet(), "test-accounts", Duration.ofSeconds(30));
    long treasuryBefore = treasury.tokenBalance(treasury.treasury()).baseUnits();
    localnet.dropNextTransactions(1_000);

    killChildAt(Checkpoints.SENT);
    localnet.warpSlots(5);
    assertThat(hosts.keySet().stream().mapToLong(w -> treasury.tokenBalance(w).baseUnits()).sum())
        .as("the sends were lost")
        .isZero();
    localnet.dropNextTransactions(0);
    localnet.expireBlockhash();
    resumeUntilDone();

    assertPaidExactlyOnce(hosts, treasuryBefore);
    assertEveryBatchExpiredOnceThenConfirmed();
  }

  @Test
  void recordedTransactionThatLandsFailedReturnsTheMoneyAndALaterRunPays() throws Exception {
    Map<String, Long> hosts = PayoutFixture.hostsWithEarnings(ledger, HOSTS, 6_000_000);
    long treasuryBefore = treasury.tokenBalance(treasury.treasury()).baseUnits();
    killChildAt(Checkpoints.RECORDED);
    // The recorded bytes land while the treasury holds no tokens: the transfers fail on chain, fee paid.
    localnet.setTokenBalance(treasury.treasury(), 0);
    for (String tx : jdbi.withHandle(h -> h.createQuery("SELECT transaction_base64 FROM payout_transactions")
        .mapTo(String.class).list())) {
      localnet.sendSkippingPreflight(tx);
    }
    localnet.warpSlots(5);
    localnet.setTokenBalance(treasury.treasury(), treasuryBefore);

    PayoutRun resumed = payouts.run();

    assertThat(resumed.batchesFailed()).isEqualTo(2);
    assertThat(PayoutFixture.count(jdbi, "SELECT count(*) FROM payouts WHERE status = 'failed'")).isEqualTo(HOSTS);
    assertThat(resumed.itemsPaid()).as("re-planned in the same run after the money came back").isEqualTo(HOSTS);
    assertPaidExactlyOnce(hosts, treasuryBefore);
    hosts.keySet().forEach(wallet -> assertThat(payouts.payouts(wallet, 10, 0))
        .extracting(Payout::status)
        .containsExactly(Payout.Status.CONFIRMED, Payout.Status.FAILED));
  }

  private void killChildAt(String step) throws Exception {
    String url = jdbi.withHandle(h -> h.getConnection().getMetaData().getURL());
    var ready = localnet.ready();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(), "-cp", System.getProperty("java.class.path"), PayoutCrashChild.class.getName(),
                url, ready.rpcUrl(), ready.mint(), Integer.toString(ready.decimals()),
                ready.treasuryKeypairPath().toString(), step)
            .redirectErrorStream(true)
            .start();
    StringBuilder output = new StringBuilder();
    CompletableFuture<Boolean> reached =
        CompletableFuture.supplyAsync(() -> awaitMarker(child, PayoutCrashChild.MARKER + step, output));
    try {
      assertThat(reached.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .as("child reached %s; its output:%n%s", step, output)
          .isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
  }

  private static boolean awaitMarker(Process child, String marker, StringBuilder output) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.equals(marker)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private void resumeUntilDone() {
    PayoutRun run = null;
    for (int i = 0; i < 3 && (run == null || run.batchesPending() > 0); i++) {
      run = payouts.run();
    }
    assertThat(run.batchesPending()).as("batches left unfinished: %s", payouts.inFlight()).isZero();
  }

  private void assertPaidExactlyOnce(Map<String, Long> hosts, long treasuryBefore) {
    long total = hosts.values().stream().mapToLong(Long::longValue).sum();
    hosts.forEach((wallet, amount) -> {
      assertThat(treasury.tokenBalance(wallet).baseUnits()).as("on chain, host %s", wallet).isEqualTo(amount);
      assertThat(ledger.balance(AccountRef.hostEarnings(wallet))).isZero();
      assertThat(payouts.paidEarnings(wallet)).isEqualTo(amount);
    });
    assertThat(treasury.tokenBalance(treasury.treasury()).baseUnits())
        .as("the treasury paid out exactly the earnings")
        .isEqualTo(treasuryBefore - total);
    assertThat(PayoutFixture.inFlight(jdbi)).as("payouts_in_flight").isZero();
    assertThat(payouts.inFlight()).isEmpty();
    assertThat(PayoutFixture.count(jdbi, "SELECT count(*) FROM payouts WHERE status NOT IN ('confirmed', 'failed')"))
        .isZero();
    assertThat(ledger.balance(AccountRef.treasury())).isZero();
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
  }

  private void assertEveryBatchExpiredOnceThenConfirmed() {
    List<String> attempts =
        jdbi.withHandle(h -> h.createQuery("""
            SELECT string_agg(status, ',' ORDER BY attempt) FROM payout_transactions GROUP BY batch_id
            """).mapTo(String.class).list());
    assertThat(attempts).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("expired,confirmed"));
  }
}
