package io.rigshare.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PayoutLoad end to end at a small N: every host paid, balances checked on chain, full transactions. */
class PayoutLoadIntegrationTest {
  @Test
  void smallRunPaysEveryHostInFullTransactions() throws Exception {
    PayoutLoad.Result result = PayoutLoad.run(60, 100, 100);

    assertThat(result.wrongBalances()).isZero();
    assertThat(result.ledgerHealthy()).isTrue();
    assertThat(result.tokenAccountsCreated()).isEqualTo(60);
    assertThat(result.maxTransfersPerTransaction()).isGreaterThanOrEqualTo(18);
    assertThat(result.maxTransactionBytes()).isLessThanOrEqualTo(1232);
    assertThat(result.amountPaid()).isEqualTo(60 * 1_000_000L + 7L * (59 * 60 / 2));
    assertThat(result.markdown()).contains("| hosts | 60 |");
    System.out.print(result.markdown());
  }
}
