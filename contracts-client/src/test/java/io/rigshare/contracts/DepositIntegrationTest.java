package io.rigshare.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.contracts.testing.LocalnetProcess;
import io.rigshare.protocol.crypto.Keypair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DepositIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static LocalnetProcess localnet;
  private static SolanaClient treasury;

  @BeforeAll
  static void start() throws Exception {
    localnet = LocalnetProcess.start();
    treasury = localnet.treasuryClient();
  }

  @AfterAll
  static void stop() {
    treasury.close();
    localnet.close();
  }

  @Test
  void depositCarryingAReferenceIsObservedWithAmountMintAndRecipient() {
    Keypair buyer = localnet.newWallet(1_000_000_000L, 50_000_000);
    String reference = Wallets.address();
    try (SolanaClient wallet = localnet.clientFor(buyer)) {
      PreparedTransaction payment =
          wallet.prepare(List.of(Transfer.of(treasury.treasury(), 12_345_678).withReference(reference)), "order-77");
      wallet.send(payment);
      TransactionOutcome outcome = wallet.awaitOutcome(payment, TIMEOUT);
      assertThat(outcome).isInstanceOf(TransactionOutcome.Confirmed.class);
      long slot = ((TransactionOutcome.Confirmed) outcome).slot();

      List<DepositObservation> deposits = treasury.findDeposits(reference);

      assertThat(deposits).singleElement().satisfies(deposit -> {
        assertThat(deposit.signature()).isEqualTo(payment.signature());
        assertThat(deposit.slot()).isEqualTo(slot);
        assertThat(deposit.mint()).isEqualTo(localnet.ready().mint());
        assertThat(deposit.recipientOwner()).isEqualTo(treasury.treasury());
        assertThat(deposit.amount()).isEqualTo(12_345_678);
        assertThat(deposit.succeeded()).isTrue();
      });
      assertThat(treasury.findDeposits(Wallets.address())).isEmpty();
    }
  }

  @Test
  void failedDepositIsObservedWithItsErrorAndTheAmountItTried() {
    Keypair buyer = localnet.newWallet(1_000_000_000L, 1_000);
    String reference = Wallets.address();
    try (SolanaClient wallet = localnet.clientFor(buyer)) {
      PreparedTransaction payment =
          wallet.prepare(List.of(Transfer.of(treasury.treasury(), 2_000).withReference(reference)), "order-78");
      localnet.sendSkippingPreflight(payment.transactionBase64());
      assertThat(wallet.awaitOutcome(payment, TIMEOUT)).isInstanceOf(TransactionOutcome.Failed.class);

      assertThat(treasury.findDeposits(reference)).singleElement().satisfies(deposit -> {
        assertThat(deposit.succeeded()).isFalse();
        assertThat(deposit.err()).isEqualTo("{\"InstructionError\":[1,{\"Custom\":1}]}");
        assertThat(deposit.amount()).isEqualTo(2_000);
        assertThat(deposit.mint()).isEqualTo(localnet.ready().mint());
        assertThat(deposit.recipientOwner()).isEqualTo(treasury.treasury());
      });
    }
  }

  @Test
  void balancesOfMissingAccountsAreZero() {
    String nobody = Wallets.address();
    assertThat(treasury.tokenBalance(nobody)).isEqualTo(TokenAmount.zero(localnet.ready().decimals()));
    assertThat(treasury.solBalance(nobody)).isZero();
    assertThat(treasury.solBalance(treasury.treasury())).isPositive();
    assertThat(treasury.tokenBalance(treasury.treasury()).baseUnits())
        .isEqualTo(localnet.tokenAccountBalance(localnet.ready().treasuryTokenAccount()));
  }
}
