package io.rigshare.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.contracts.testing.LocalnetProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PayoutBatchIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String MEMO = "rigshare:payout:batch-000042";

  private static LocalnetProcess localnet;
  private static SolanaClient client;

  @BeforeAll
  static void start() throws Exception {
    localnet = LocalnetProcess.start();
    client = localnet.treasuryClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    localnet.close();
  }

  @Test
  void nineteenTransfersWithMemoLandInOneTransactionWithExactBalances() {
    List<Transfer> transfers = transfersTo(recipients(19));
    long treasuryBefore = client.tokenBalance(client.treasury()).baseUnits();

    long started = System.nanoTime();
    PreparedTransaction tx = client.prepare(transfers, MEMO);
    client.send(tx);
    TransactionOutcome outcome = client.awaitOutcome(tx, TIMEOUT);
    long confirmMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(outcome).isInstanceOf(TransactionOutcome.Confirmed.class);
    assertThat(tx.sizeBytes()).isLessThanOrEqualTo(SolanaClient.MAX_TRANSACTION_BYTES);
    assertThat(tx.sizeBytes()).isEqualTo(client.transactionSize(transfers, MEMO));
    long total = 0;
    for (Transfer transfer : transfers) {
      assertThat(client.tokenBalance(transfer.recipientOwner()).baseUnits()).isEqualTo(transfer.amount());
      assertThat(localnet.tokenAccountBalance(client.tokenAccountOf(transfer.recipientOwner())))
          .isEqualTo(transfer.amount());
      total += transfer.amount();
    }
    assertThat(client.tokenBalance(client.treasury()).baseUnits()).isEqualTo(treasuryBefore - total);
    JsonNode history = localnet.call("getSignaturesForAddress", client.treasury(), Map.of("limit", 1));
    assertThat(history.get(0).path("signature").asText()).isEqualTo(tx.signature());
    assertThat(history.get(0).path("memo").asText()).isEqualTo("[" + MEMO.length() + "] " + MEMO);
    System.out.printf(
        "[contracts] 19 transfers + memo: %d bytes, prepare->confirmed %d ms%n", tx.sizeBytes(), confirmMs);
  }

  @Test
  void twentyTransfersAreRefusedAsOneTransactionAndSplitNineteenPlusOne() {
    List<Transfer> transfers = transfersTo(recipients(20));

    assertThatThrownBy(() -> client.prepare(transfers, MEMO))
        .isInstanceOf(TransactionTooLargeException.class)
        .satisfies(e -> assertThat(((TransactionTooLargeException) e).size()).isGreaterThan(1232));
    List<List<Transfer>> batches = client.planBatches(transfers, MEMO);
    assertThat(batches).extracting(List::size).containsExactly(19, 1);

    for (List<Transfer> batch : batches) {
      PreparedTransaction tx = client.prepare(batch, MEMO);
      client.send(tx);
      assertThat(client.awaitOutcome(tx, TIMEOUT)).isInstanceOf(TransactionOutcome.Confirmed.class);
    }
    for (Transfer transfer : transfers) {
      assertThat(client.tokenBalance(transfer.recipientOwner()).baseUnits()).isEqualTo(transfer.amount());
    }
  }

  @Test
  void computeBudgetInstructionsLandAndChargeThePriorityFee() {
    long price = 10_000; // micro-lamports per unit
    int limit = 200_000;
    try (SolanaClient budgeted =
        SolanaClient.connect(localnet.config().withComputeBudget(price, limit))) {
      List<Transfer> nineteen = transfersTo(recipients(19));
      assertThat(budgeted.planBatches(nineteen, MEMO)).extracting(List::size).containsExactly(18, 1);
      List<Transfer> transfers = nineteen.subList(0, 18);

      PreparedTransaction tx = budgeted.prepare(transfers, MEMO);
      budgeted.send(tx);
      assertThat(budgeted.awaitOutcome(tx, TIMEOUT)).isInstanceOf(TransactionOutcome.Confirmed.class);

      JsonNode meta = localnet.call("getTransaction", tx.signature(), "json").path("meta");
      assertThat(meta.path("fee").asLong()).isEqualTo(5_000 + (price * limit + 999_999) / 1_000_000);
      for (Transfer transfer : transfers) {
        assertThat(budgeted.tokenBalance(transfer.recipientOwner()).baseUnits()).isEqualTo(transfer.amount());
      }
      System.out.printf("[contracts] 18 transfers + memo + compute budget: %d bytes%n", tx.sizeBytes());
    }
  }

  private static List<String> recipients(int count) {
    List<String> owners = Wallets.addresses(count);
    assertThat(client.createTokenAccounts(owners, "rigshare:ata", TIMEOUT))
        .allMatch(o -> o instanceof TransactionOutcome.Confirmed);
    return owners;
  }

  private static List<Transfer> transfersTo(List<String> owners) {
    List<Transfer> transfers = new ArrayList<>();
    for (int i = 0; i < owners.size(); i++) {
      transfers.add(Transfer.of(owners.get(i), 1_000_000L * (i + 1) + i));
    }
    return transfers;
  }
}
