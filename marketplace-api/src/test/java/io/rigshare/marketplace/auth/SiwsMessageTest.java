package io.rigshare.marketplace.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiwsMessageTest {
  private static final String ADDRESS = "TL6VR87Pbkt7Kd3yLjYapd9KSNR9kgfVWVSaiq9Jx92";
  private static final String HEAD = "localhost:8080 wants you to sign in with your Solana account:\n" + ADDRESS;

  @Test
  void formatsLikeWalletStandardUtil() {
    SiwsMessage message =
        new SiwsMessage("localhost:8080", ADDRESS, "Hi", "http://localhost:8080", "1", "solana:localnet", "abc",
            "2026-11-23T10:00:00.000Z", null, null, "r1", List.of("https://a", "https://b"));
    assertThat(message.format())
        .isEqualTo(HEAD + "\n\nHi\n\nURI: http://localhost:8080\nVersion: 1\nChain ID: solana:localnet\nNonce: abc\n"
            + "Issued At: 2026-11-23T10:00:00.000Z\nRequest ID: r1\nResources:\n- https://a\n- https://b");
    assertThat(SiwsMessage.parse(message.format())).isEqualTo(message);
  }

  @Test
  void statementAndFieldsAreEachOptional() {
    assertThat(SiwsMessage.parse(HEAD).statement()).isNull();
    assertThat(SiwsMessage.parse(HEAD + "\n\nJust a statement").statement()).isEqualTo("Just a statement");
    SiwsMessage fieldsOnly = SiwsMessage.parse(HEAD + "\n\nNonce: n1234567");
    assertThat(fieldsOnly.statement()).isNull();
    assertThat(fieldsOnly.nonce()).isEqualTo("n1234567");
  }

  @Test
  void rejectsWhatTheFormatCannotProduce() {
    assertThatThrownBy(() -> SiwsMessage.parse("hello")).hasMessageContaining("first line");
    assertThatThrownBy(() -> SiwsMessage.parse(" wants you to sign in with your Solana account:\nX"))
        .hasMessageContaining("domain");
    assertThatThrownBy(() -> SiwsMessage.parse(HEAD + "\n\nNonce: a\nURI: http://x")).hasMessageContaining("order");
    assertThatThrownBy(() -> SiwsMessage.parse(HEAD + "\n\nNonce: a\nNonce: b")).hasMessageContaining("order");
    assertThatThrownBy(() -> SiwsMessage.parse(HEAD + "\n\nS\n\nNonce: a\nHello: b")).hasMessageContaining("line 7");
    assertThatThrownBy(() -> SiwsMessage.parse(HEAD + "\nNonce: a")).hasMessageContaining("must be empty");
    assertThatThrownBy(() -> SiwsMessage.parse(HEAD + "\n\nS\n\nResources:")).hasMessageContaining("at least one");
    assertThatThrownBy(() -> SiwsMessage.parse(HEAD + "\n\nS\n\nResources:\n* x")).hasMessageContaining("resource");
    assertThatThrownBy(() -> SiwsMessage.parse(HEAD + "\n\nS\n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SiwsMessage.parse(HEAD + "\r\n\r\nS")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timestampsMatchJavaScriptsIsoForm() {
    assertThat(SiwsMessage.timestamp(Instant.parse("2026-11-23T10:00:00Z"))).isEqualTo("2026-11-23T10:00:00.000Z");
    assertThat(SiwsMessage.instant("Issued At", "2026-11-23T12:00:00.5+02:00"))
        .isEqualTo(Instant.parse("2026-11-23T10:00:00.500Z"));
    assertThatThrownBy(() -> SiwsMessage.instant("Issued At", "yesterday")).hasMessageContaining("Issued At");
  }
}
