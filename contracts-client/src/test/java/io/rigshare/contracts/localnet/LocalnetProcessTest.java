package io.rigshare.contracts.localnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.contracts.internal.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalnetProcessTest {
  @Test
  void parsesTheReadyLine() throws IOException {
    LocalnetProcess.Ready ready = LocalnetProcess.parseReady(Fixtures.json("ready-line.json").toString());

    assertThat(ready.rpcUrl()).isEqualTo("http://127.0.0.1:45889");
    assertThat(ready.wsUrl()).isEqualTo("ws://127.0.0.1:45890");
    assertThat(ready.mint()).isEqualTo("BPHSNmCGtcZ3vy9e2XUEvZCYoNTwMPNrLJU1t8c5bQbH");
    assertThat(ready.decimals()).isEqualTo(6);
    assertThat(ready.treasury()).isEqualTo("2qTEyFyS3RJBxQp4PWV2nqp1UK1Rz4h51JPzCRwdXeA9");
    assertThat(ready.treasuryKeypairPath().getFileName()).isEqualTo(Path.of("treasury.json"));
    assertThat(ready.faucetKeypairPath().getFileName()).isEqualTo(Path.of("faucet.json"));
    assertThat(ready.firstRun()).isTrue();
  }

  @Test
  void refusesOtherLines() {
    assertThatThrownBy(() -> LocalnetProcess.parseReady("{\"ready\":false}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> LocalnetProcess.parseReady("{\"ready\":true}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("rpcUrl");
  }
}
