package io.rigshare.payments.deposits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.contracts.PreparedTransaction;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.TransactionOutcome;
import io.rigshare.contracts.Transfer;
import io.rigshare.contracts.testing.LocalnetProcess;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.testing.MutableClock;
import io.rigshare.payments.testing.TestDatabases;
import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Keypair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Buyers pay real Solana Pay requests on the local runtime; the watcher credits each deposit once. */
class DepositWatcherIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final DepositSettings SETTINGS =
      new DepositSettings(
          1_000, 1_000_000_000_000L, Duration.ofMinutes(30), Duration.ofHours(24), "Rigshare",
          "Top up your Rigshare balance");

  private static LocalnetProcess localnet;
  private static SolanaClient treasury;

  private Jdbi jdbi;
  private Ledger ledger;
  private MutableClock clock;
  private DepositService deposits;

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
    deposits = new DepositService(jdbi, ledger, treasury, SETTINGS, clock);
  }

  @Test
  void createReturnsASolanaPayRequestForTheTreasuryAndMint() {
    Keypair buyer = Keypair.generate(new SecureRandom());
    Deposit deposit = deposits.create(buyer.address(), 12_500_000);

    assertThat(Base58.decodeExact(deposit.reference(), 32)).hasSize(32);
    assertThat(deposit.url())
        .isEqualTo("solana:" + treasury.treasury() + "?amount=" + amountText(12_500_000)
            + "&spl-token=" + localnet.ready().mint() + "&reference=" + deposit.reference()
            + "&label=Rigshare&message=Top%20up%20your%20Rigshare%20balance&memo=rigshare-deposit%3A" + deposit.id());
    assertThat(deposit.status()).isEqualTo(Deposit.Status.PENDING);
    assertThat(deposit.expiresAt()).isEqualTo(deposit.createdAt().plus(Duration.ofMinutes(30)));
    assertThat(deposits.find(buyer.address(), deposit.id())).contains(deposit);
    assertThat(deposits.find(Keypair.generate(new SecureRandom()).address(), deposit.id())).isEmpty();
    assertThat(deposits.list(buyer.address(), 10, 0)).containsExactly(deposit);
    assertThat(deposits.create(buyer.address(), 1_000).reference()).isNotEqualTo(deposit.reference());
  }

  @Test
  void badAmountsAndWalletsAreRefusedWithCodes() {
    String wallet = Keypair.generate(new SecureRandom()).address();
    assertThatThrownBy(() -> deposits.create(wallet, 999))
        .isInstanceOfSatisfying(DepositException.class, e -> assertThat(e.code()).isEqualTo("amount_too_small"));
    assertThatThrownBy(() -> deposits.create(wallet, 1_000_000_000_001L))
        .isInstanceOfSatisfying(DepositException.class, e -> assertThat(e.code()).isEqualTo("amount_too_large"));
    assertThatThrownBy(() -> deposits.create("not-a-wallet", 5_000))
        .isInstanceOfSatisfying(DepositException.class, e -> assertThat(e.code()).isEqualTo("invalid_wallet"));
    assertThat(deposits.list(wallet, 10, 0)).isEmpty();
  }

  @Test
  void paidDepositIsCreditedOnceWhileTwoInstancesWatchConcurrently() throws Exception {
    Keypair buyer = localnet.newWallet(1_000_000_000L, 50_000_000);
    Deposit deposit = deposits.create(buyer.address(), 7_654_321);
    assertThat(deposits.watch()).as("nothing paid yet").isZero();
    String signature = pay(buyer, deposit.reference(), 7_654_321);

    DepositService other = new DepositService(jdbi, new Ledger(jdbi, clock), treasury, SETTINGS, clock);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> passes = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      DepositService watcher = i % 2 == 0 ? deposits : other;
      passes.add(pool.submit(() -> {
        start.await();
        return watcher.watch();
      }));
    }
    start.countDown();
    int credited = 0;
    for (Future<Integer> pass : passes) {
      credited += pass.get();
    }
    pool.shutdown();

    assertThat(credited).as("credits across all watchers").isEqualTo(1);
    assertThat(ledger.balance(AccountRef.buyer(buyer.address()))).isEqualTo(7_654_321);
    assertThat(ledger.balance(AccountRef.treasury())).isEqualTo(-7_654_321);
    Deposit stored = deposits.find(buyer.address(), deposit.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Deposit.Status.CREDITED);
    assertThat(stored.signature()).isEqualTo(signature);
    assertThat(stored.creditedAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    assertThat(ledger.find(DepositService.ledgerTransferId(deposit.id()))).isPresent();
    assertThat(deposits.watch()).as("a later pass").isZero();
    assertThat(deposits.check(buyer.address(), deposit.id())).isFalse();
    assertThat(ledger.balance(AccountRef.buyer(buyer.address()))).isEqualTo(7_654_321);
    assertThat(new LedgerCheck(jdbi).run().problems()).isEmpty();
  }

  @Test
  void wrongAmountIsRejectedWithAReasonAndNotCredited() {
    Keypair buyer = localnet.newWallet(1_000_000_000L, 50_000_000);
    Deposit deposit = deposits.create(buyer.address(), 5_000_000);
    String signature = pay(buyer, deposit.reference(), 4_999_999);

    assertThat(deposits.watch()).isZero();

    Deposit stored = deposits.find(buyer.address(), deposit.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Deposit.Status.REJECTED);
    assertThat(stored.signature()).isEqualTo(signature);
    assertThat(stored.reason()).contains(amountText(4_999_999)).contains(amountText(5_000_000));
    assertThat(ledger.balance(AccountRef.buyer(buyer.address()))).isZero();
    assertThat(deposits.watch()).isZero();
    assertThat(deposits.find(buyer.address(), deposit.id()).orElseThrow().status())
        .isEqualTo(Deposit.Status.REJECTED);
  }

  @Test
  void paymentAfterTheQrCodeExpiredIsStillCredited() {
    Keypair buyer = localnet.newWallet(1_000_000_000L, 50_000_000);
    Deposit deposit = deposits.create(buyer.address(), 3_000_000);
    clock.advance(Duration.ofMinutes(45));
    assertThat(deposits.find(buyer.address(), deposit.id()).orElseThrow().expired(clock.instant())).isTrue();

    pay(buyer, deposit.reference(), 3_000_000);

    assertThat(deposits.watch()).isEqualTo(1);
    assertThat(ledger.balance(AccountRef.buyer(buyer.address()))).isEqualTo(3_000_000);
    Deposit stored = deposits.find(buyer.address(), deposit.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Deposit.Status.CREDITED);
    assertThat(stored.expired(clock.instant())).as("credited, so no longer shown as expired").isFalse();
  }

  @Test
  void pastTheWatchWindowOnlyAnExplicitCheckCredits() {
    Keypair buyer = localnet.newWallet(1_000_000_000L, 50_000_000);
    Deposit deposit = deposits.create(buyer.address(), 2_000_000);
    pay(buyer, deposit.reference(), 2_000_000);
    clock.advance(Duration.ofHours(25));

    assertThat(deposits.watch()).isZero();
    assertThat(ledger.balance(AccountRef.buyer(buyer.address()))).isZero();

    assertThat(deposits.check(buyer.address(), deposit.id())).isTrue();
    assertThat(ledger.balance(AccountRef.buyer(buyer.address()))).isEqualTo(2_000_000);
  }

  /** The buyer's wallet signs a transferChecked to the treasury carrying the reference, as a wallet app would. */
  private static String pay(Keypair buyer, String reference, long amount) {
    try (SolanaClient wallet = localnet.clientFor(buyer)) {
      PreparedTransaction payment =
          wallet.prepare(List.of(Transfer.of(treasury.treasury(), amount).withReference(reference)), "buyer-payment");
      wallet.send(payment);
      assertThat(wallet.awaitOutcome(payment, TIMEOUT)).isInstanceOf(TransactionOutcome.Confirmed.class);
      return payment.signature();
    }
  }

  private static String amountText(long baseUnits) {
    return io.rigshare.contracts.TokenAmount.of(baseUnits, localnet.ready().decimals()).toPlainString();
  }
}
