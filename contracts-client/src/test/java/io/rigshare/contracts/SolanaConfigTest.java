package io.rigshare.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SolanaConfigTest {
  private static final String MINT = "BPHSNmCGtcZ3vy9e2XUEvZCYoNTwMPNrLJU1t8c5bQbH";
  private static final Path KEY = Path.of("treasury.json");

  @Test
  void defaultsToConfirmedWithoutComputeBudget() {
    SolanaConfig config = SolanaConfig.of("http://127.0.0.1:8899", MINT, 6, KEY);
    assertThat(config.commitment()).isEqualTo(Commitment.CONFIRMED);
    assertThat(config.computeUnitPrice()).isZero();
    assertThat(config.computeUnitLimit()).isZero();
    assertThat(config.withComputeBudget(1_000, 300_000).computeUnitLimit()).isEqualTo(300_000);
  }

  @Test
  void refusesWhatCouldNeverWork() {
    assertThatThrownBy(() -> SolanaConfig.of("ws://127.0.0.1:8900", MINT, 6, KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SolanaConfig.of("http://x", "not-a-key", 6, KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SolanaConfig.of("http://x", MINT, 19, KEY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SolanaConfig.of("http://x", MINT, 6, KEY).withComputeBudget(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SolanaConfig.of("http://x", MINT, 6, KEY).withComputeBudget(0, 1_400_001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commitmentNamesMatchTheRpc() {
    assertThat(Commitment.FINALIZED.rpcName()).isEqualTo("finalized");
    assertThat(Commitment.fromRpcName("processed")).isEqualTo(Commitment.PROCESSED);
    assertThat(Commitment.FINALIZED.isAtLeast(Commitment.CONFIRMED)).isTrue();
    assertThat(Commitment.PROCESSED.isAtLeast(Commitment.CONFIRMED)).isFalse();
  }
}
