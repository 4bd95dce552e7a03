package io.rigshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementLoadIntegrationTest {
  @Test
  void settlesASmallSeedAndMatchesTheReference() throws Exception {
    SettlementLoad.Options o = SettlementLoad.parse(new String[] {
        "--jobs", "3000", "--hosts", "40", "--buyers", "7", "--batch", "1000", "--runs", "2",
        "--migrations", "../marketplace-api/src/main/resources/db/migration"});
    StringBuilder out = new StringBuilder();

    List<SettlementLoad.Run> runs = SettlementLoad.run(o, out);

    assertThat(runs).hasSize(2);
    for (SettlementLoad.Run r : runs) {
      // run() verified the amounts against the reference and the ledger check; here, what was settled and timed.
      assertThat(r.settlement().jobs()).isEqualTo(3_000);
      assertThat(r.settlement().chunks()).isEqualTo(3);
      assertThat(r.settlement().refunded()).isPositive();
      assertThat(r.referenceMillis()).isPositive();
      assertThat(r.ledgerReferenceMillis()).isPositive();
      assertThat(r.settleMillis()).isPositive();
    }
    assertThat(out.toString()).contains("seeded 3,000 charges over 40 hosts and 7 buyers").contains("run 2:")
        .contains("into the ledger");
  }

  @Test
  void refusesBadOptions() {
    assertThatThrownBy(() -> SettlementLoad.parse(new String[] {"--jobs", "0"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--jobs");
    assertThatThrownBy(() -> SettlementLoad.parse(new String[] {"--frobs", "1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option");
  }
}
