package io.rigshare.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshare.contracts.testing.LocalnetProcess;
import io.rigshare.protocol.crypto.Keypair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactlyOnceIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalnetProcess localnet;
  private static SolanaClient client;

  @BeforeAll
  static void start() throws Exception {
    localnet = LocalnetProcess.start();
    client = localnet.treasuryClient();
  }

  @AfterEach
  void noDropsLeft() {
    localnet.dropNextTransactions(0);
  }

  @AfterAll
  static void stop() {
    client.close();
    localnet.close();
  }

  @Test
  void preparedBytesAreRecordedBeforeSendingThenSentAndConfirmed(@TempDir Path dir) throws Exception {
    String host = recipient();
    PreparedTransaction prepared = client.prepare(List.of(Transfer.of(host, 7_000_001)), "rigshare:payout:1");

    Path record = dir.resolve("payout-1.json");
    Files.writeString(record, JSON.writeValueAsString(prepared));
    assertThat(client.status(prepared.signature())).isEqualTo(SignatureStatus.UNKNOWN);
    assertThat(client.tokenBalance(host).baseUnits()).isZero();

    PreparedTransaction stored = JSON.readValue(Files.readString(record), PreparedTransaction.class);
    assertThat(stored).isEqualTo(prepared);
    long started = System.nanoTime();
    assertThat(client.send(stored)).isEqualTo(prepared.signature());
    TransactionOutcome outcome = client.awaitOutcome(stored, TIMEOUT);
    long ms = (System.nanoTime() - started) / 1_000_000;

    assertThat(outcome).isInstanceOf(TransactionOutcome.Confirmed.class);
    assertThat(client.status(prepared.signature())).isInstanceOf(SignatureStatus.Confirmed.class);
    assertThat(client.tokenBalance(host).baseUnits()).isEqualTo(7_000_001);
    System.out.printf("[contracts] send->confirmed (1 transfer): %d ms%n", ms);
  }

  @Test
  void resendingTheSameBytesTransfersOnce() {
    String host = recipient();
    PreparedTransaction tx = client.prepare(List.of(Transfer.of(host, 1_500_000)), "rigshare:payout:2");

    client.send(tx);
    TransactionOutcome first = client.awaitOutcome(tx, TIMEOUT);
    for (int i = 0; i < 3; i++) {
      assertThat(client.send(tx)).isEqualTo(tx.signature());
    }
    TransactionOutcome again = client.awaitOutcome(tx, TIMEOUT);

    assertThat(first).isInstanceOf(TransactionOutcome.Confirmed.class).isEqualTo(again);
    assertThat(client.tokenBalance(host).baseUnits()).isEqualTo(1_500_000);
    assertThat(localnet.call("getSignaturesForAddress", client.tokenAccountOf(host)))
        .as("ATA creation and one transfer")
        .hasSize(2);
  }

  @Test
  void droppedTransactionIsResentFromStoredBytesAndLandsOnce() {
    String host = recipient();
    PreparedTransaction tx = client.prepare(List.of(Transfer.of(host, 2_000_000)), "rigshare:payout:3");
    localnet.dropNextTransactions(1);

    assertThat(client.send(tx)).isEqualTo(tx.signature());
    localnet.warpSlots(5);
    assertThat(client.status(tx.signature())).as("lost on the way").isEqualTo(SignatureStatus.UNKNOWN);

    long started = System.nanoTime();
    TransactionOutcome outcome = client.awaitOutcome(tx, TIMEOUT);
    long ms = (System.nanoTime() - started) / 1_000_000;

    assertThat(outcome).isInstanceOf(TransactionOutcome.Confirmed.class);
    assertThat(client.tokenBalance(host).baseUnits()).isEqualTo(2_000_000);
    System.out.printf("[contracts] dropped transaction resent and confirmed in %d ms%n", ms);
  }

  @Test
  void expiredOnlyOnceTheBlockhashIsPastAndTheSignatureStillUnknown() {
    String host = recipient();
    PreparedTransaction tx = client.prepare(List.of(Transfer.of(host, 3_000_000)), "rigshare:payout:4");
    localnet.dropNextTransactions(1_000);
    client.send(tx);

    TransactionOutcome waiting = client.awaitOutcome(tx, Duration.ofSeconds(1));
    assertThat(waiting).as("blockhash still valid: undecided").isInstanceOf(TransactionOutcome.TimedOut.class);
    assertThat(((TransactionOutcome.TimedOut) waiting).lastStatus()).isEqualTo(SignatureStatus.UNKNOWN);

    long height = localnet.expireBlockhash();
    localnet.dropNextTransactions(0);
    TransactionOutcome outcome = client.awaitOutcome(tx, TIMEOUT);

    assertThat(outcome).isInstanceOf(TransactionOutcome.Expired.class);
    TransactionOutcome.Expired expired = (TransactionOutcome.Expired) outcome;
    assertThat(expired.lastValidBlockHeight()).isEqualTo(tx.lastValidBlockHeight());
    assertThat(expired.blockHeight()).isGreaterThan(tx.lastValidBlockHeight()).isGreaterThanOrEqualTo(height);
    assertThatThrownBy(() -> client.send(tx))
        .isInstanceOfSatisfying(SolanaRpcException.class, e -> assertThat(e.isBlockhashNotFound()).isTrue());
    assertThat(client.tokenBalance(host).baseUnits()).isZero();

    PreparedTransaction replacement = client.prepare(List.of(Transfer.of(host, 3_000_000)), "rigshare:payout:4");
    client.send(replacement);
    assertThat(client.awaitOutcome(replacement, TIMEOUT)).isInstanceOf(TransactionOutcome.Confirmed.class);
    assertThat(client.tokenBalance(host).baseUnits()).isEqualTo(3_000_000);
  }

  @Test
  void landedTransactionStaysConfirmedAfterItsBlockhashExpires() {
    String host = recipient();
    PreparedTransaction tx = client.prepare(List.of(Transfer.of(host, 4_000_000)), "rigshare:payout:5");
    client.send(tx);
    localnet.expireBlockhash();

    assertThat(client.awaitOutcome(tx, TIMEOUT)).isInstanceOf(TransactionOutcome.Confirmed.class);
    assertThat(client.tokenBalance(host).baseUnits()).isEqualTo(4_000_000);
  }

  @Test
  void failedTransactionReportsFailedWithItsError() {
    Keypair poor = localnet.newWallet(1_000_000_000L, 0);
    try (SolanaClient poorClient = localnet.clientFor(poor)) {
      long treasuryBefore = client.tokenBalance(client.treasury()).baseUnits();
      PreparedTransaction tx =
          poorClient.prepare(List.of(Transfer.of(client.treasury(), 5_000_000)), "rigshare:overdraft");

      assertThatThrownBy(() -> poorClient.send(tx))
          .isInstanceOfSatisfying(
              SolanaRpcException.class,
              e -> {
                assertThat(e.code()).isEqualTo(SolanaRpcException.SEND_TRANSACTION_PREFLIGHT_FAILURE);
                assertThat(e.transactionError()).contains("{\"InstructionError\":[1,{\"Custom\":1}]}");
                assertThat(e.logs()).anyMatch(line -> line.contains("insufficient funds"));
              });
      assertThat(poorClient.status(tx.signature())).isEqualTo(SignatureStatus.UNKNOWN);

      localnet.sendSkippingPreflight(tx.transactionBase64());
      SignatureStatus status = poorClient.status(tx.signature());
      TransactionOutcome outcome = poorClient.awaitOutcome(tx, TIMEOUT);

      assertThat(status).isInstanceOf(SignatureStatus.Failed.class);
      assertThat(((SignatureStatus.Failed) status).error()).isEqualTo("{\"InstructionError\":[1,{\"Custom\":1}]}");
      assertThat(outcome).isInstanceOf(TransactionOutcome.Failed.class);
      assertThat(((TransactionOutcome.Failed) outcome).error()).isEqualTo("{\"InstructionError\":[1,{\"Custom\":1}]}");
      assertThat(client.tokenBalance(client.treasury()).baseUnits()).isEqualTo(treasuryBefore);
      assertThat(poorClient.solBalance(poor.address())).isEqualTo(1_000_000_000L - 5_000);
    }
  }

  private static String recipient() {
    String owner = Wallets.address();
    assertThat(client.createTokenAccounts(List.of(owner), "rigshare:ata", TIMEOUT))
        .singleElement()
        .isInstanceOf(TransactionOutcome.Confirmed.class);
    return owner;
  }
}
