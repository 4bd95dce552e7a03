package io.rigshare.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.contracts.testing.LocalnetProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenAccountsIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
  void derivesTheAssociatedTokenAccountTheAtaProgramCreated() {
    assertThat(client.tokenAccountOf(localnet.ready().treasury()))
        .isEqualTo(localnet.ready().treasuryTokenAccount());
  }

  @Test
  void createIdempotentTwiceCreatesOnceAndSucceedsBothTimes() {
    String owner = Wallets.address();
    assertThat(client.ownersWithoutTokenAccount(List.of(owner))).containsExactly(owner);
    long solBefore = client.solBalance(client.treasury());

    PreparedTransaction first = client.prepareTokenAccounts(List.of(owner), "rigshare:ata:first").get(0);
    client.send(first);
    assertThat(client.awaitOutcome(first, TIMEOUT)).isInstanceOf(TransactionOutcome.Confirmed.class);
    long solAfterFirst = client.solBalance(client.treasury());

    PreparedTransaction second = client.prepareTokenAccounts(List.of(owner), "rigshare:ata:second").get(0);
    assertThat(second.signature()).isNotEqualTo(first.signature());
    client.send(second);
    assertThat(client.awaitOutcome(second, TIMEOUT)).isInstanceOf(TransactionOutcome.Confirmed.class);
    long solAfterSecond = client.solBalance(client.treasury());

    assertThat(client.ownersWithoutTokenAccount(List.of(owner))).isEmpty();
    assertThat(client.tokenBalance(owner)).isEqualTo(TokenAmount.zero(client.config().decimals()));
    // First: rent (2,039,280 for 165 bytes) plus the fee; second: only the 5,000-lamport fee.
    assertThat(solBefore - solAfterFirst).isEqualTo(2_039_280L + 5_000L);
    assertThat(solAfterFirst - solAfterSecond).isEqualTo(5_000L);
  }

  @Test
  void createTokenAccountsBatchesByMeasuredSizeAndSkipsExistingOnes() {
    List<String> owners = Wallets.addresses(30);
    List<PreparedTransaction> planned = client.prepareTokenAccounts(owners, "rigshare:ata:batch");
    assertThat(planned).hasSizeGreaterThan(1);
    planned.forEach(tx -> assertThat(tx.sizeBytes()).isLessThanOrEqualTo(SolanaClient.MAX_TRANSACTION_BYTES));

    List<TransactionOutcome> outcomes = client.createTokenAccounts(owners, "rigshare:ata:batch", TIMEOUT);

    assertThat(outcomes).hasSameSizeAs(planned).allMatch(o -> o instanceof TransactionOutcome.Confirmed);
    assertThat(client.ownersWithoutTokenAccount(owners)).isEmpty();
    assertThat(client.createTokenAccounts(owners, "rigshare:ata:batch", TIMEOUT)).isEmpty();
    System.out.printf(
        "[contracts] %d token-account creations: %d transactions of %s bytes%n",
        owners.size(), planned.size(), planned.stream().map(PreparedTransaction::sizeBytes).toList());
  }
}
