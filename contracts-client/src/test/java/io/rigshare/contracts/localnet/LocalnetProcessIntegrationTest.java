package io.rigshare.contracts.localnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.SolanaConfig;
import io.rigshare.protocol.crypto.Keypair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalnetProcessIntegrationTest {
  private static final Duration READY = Duration.ofSeconds(60);

  @Test
  void startsReportsItsLedgerAndStopsWhenClosed(@TempDir Path dir) throws Exception {
    LocalnetProcess.Ready first;
    long pid;
    try (LocalnetProcess localnet = LocalnetProcess.start(LocalnetProcess.Options.of(dir), READY)) {
      first = localnet.ready();
      pid = localnet.pid();
      assertThat(first.firstRun()).isTrue();
      assertThat(first.rpcUrl()).startsWith("http://127.0.0.1:");
      assertThat(first.dataDir()).isEqualTo(dir.toAbsolutePath());
      assertThat(Keypair.load(first.treasuryKeypairPath()).address()).isEqualTo(first.treasury());
      assertThat(Keypair.load(first.faucetKeypairPath()).address()).isEqualTo(first.faucet());
      try (SolanaClient client =
          SolanaClient.connect(
              SolanaConfig.of(first.rpcUrl(), first.mint(), first.decimals(), first.treasuryKeypairPath()))) {
        assertThat(client.treasury()).isEqualTo(first.treasury());
        assertThat(client.tokenBalance(first.treasury()).toPlainString()).isEqualTo("1000000000");
      }
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

    try (LocalnetProcess again = LocalnetProcess.start(LocalnetProcess.Options.of(dir), READY)) {
      assertThat(again.ready().firstRun()).isFalse();
      assertThat(again.ready().mint()).isEqualTo(first.mint());
      assertThat(again.ready().treasury()).isEqualTo(first.treasury());
    }
  }

  @Test
  void reportsWhyItCouldNotStart(@TempDir Path dir) {
    var options = new LocalnetProcess.Options(dir, 0, null, 100, List.of("--no-such-flag"));
    assertThatThrownBy(() -> LocalnetProcess.start(options, READY))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown argument --no-such-flag");
  }

  @Test
  void findsTheServerScript() {
    Path server = LocalnetProcess.locateServer();
    assertThat(server.getFileName().toString()).isEqualTo("server.js");
    assertThat(Files.isRegularFile(server)).isTrue();
  }
}
