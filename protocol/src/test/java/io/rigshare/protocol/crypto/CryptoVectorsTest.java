package io.rigshare.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode vectors() throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("testdata/vectors/siws-and-keys.json"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("testdata/vectors/siws-and-keys.json above the module").isNotNull();
    return JSON.readTree(dir.resolve("testdata/vectors/siws-and-keys.json").toFile());
  }

  @Test
  void keypairFilesYieldTheirPublishedPublicKeys() throws Exception {
    for (JsonNode kp : vectors().get("keypairs")) {
      Keypair keypair = Keypair.fromSolanaJson(kp.get("file").toString());
      assertThat(keypair.address()).as(kp.get("name").asText()).isEqualTo(kp.get("publicKeyBase58").asText());
      assertThat(keypair.toSolanaJson()).isEqualTo(kp.get("file").toString());
    }
  }

  @Test
  void siwsSignaturesFromTweetnaclVerify() throws Exception {
    int checked = 0;
    for (JsonNode c : vectors().get("siws")) {
      byte[] key = Base58.decodeExact(c.get("address").asText(), 32);
      byte[] message = c.get("message").asText().getBytes(StandardCharsets.UTF_8);
      byte[] sig58 = Base58.decode(c.get("signatureBase58").asText());
      byte[] sig64 = Base64.getDecoder().decode(c.get("signatureBase64").asText());
      assertThat(sig58).as(c.get("name").asText()).isEqualTo(sig64);
      boolean expectValid = c.get("expect").asText().equals("valid");
      assertThat(Ed25519.verify(key, message, sig58)).as(c.get("name").asText()).isEqualTo(expectValid);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(8);
  }

  @Test
  void base58RoundTripsAndKeepsLeadingZeros() {
    assertThat(Base58.encode(new byte[] {0, 0, 1})).isEqualTo("112");
    assertThat(Base58.decode("112")).containsExactly(0, 0, 1);
    assertThat(Base58.encode("hello world".getBytes(StandardCharsets.US_ASCII))).isEqualTo("StV1DL6CwTryKyV");
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[random.nextInt(70)];
      random.nextBytes(bytes);
      if (bytes.length > 2 && i % 3 == 0) {
        bytes[0] = 0;
        bytes[1] = 0;
      }
      assertThat(Base58.decode(Base58.encode(bytes))).isEqualTo(bytes);
    }
  }

  @Test
  void base58RejectsCharactersOutsideTheAlphabet() {
    assertThatThrownBy(() -> Base58.decode("abc0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Base58.decode("ab+c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Base58.decode("éé")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Base58.decodeExact("112", 32)).hasMessageContaining("expected 32 bytes");
    assertThat(Base58.isBase58("0OIl")).isFalse();
  }

  @Test
  void verifyRejectsWrongLengthsAndTamperingWithoutThrowing() {
    Keypair keypair = Keypair.generate(new SecureRandom());
    byte[] message = "rigshare".getBytes(StandardCharsets.UTF_8);
    byte[] signature = keypair.sign(message);
    assertThat(Ed25519.verify(keypair.publicKey(), message, signature)).isTrue();
    signature[10] ^= 1;
    assertThat(Ed25519.verify(keypair.publicKey(), message, signature)).isFalse();
    assertThat(Ed25519.verify(keypair.publicKey(), message, new byte[63])).isFalse();
    assertThat(Ed25519.verify(new byte[31], message, new byte[64])).isFalse();
    assertThat(Ed25519.verify(new byte[32], message, new byte[64])).isFalse();
  }

  @Test
  void savedKeypairFileIsPrivateAndLoadsBack(@TempDir Path dir) throws Exception {
    Keypair keypair = Keypair.generate(new SecureRandom());
    Path file = dir.resolve("sub/node-key.json");
    keypair.save(file);
    assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    assertThat(Keypair.load(file).address()).isEqualTo(keypair.address());
  }

  @Test
  void keypairWithMismatchedPublicHalfIsRefused() throws Exception {
    String file = vectors().get("keypairs").get(0).get("file").toString();
    String tampered = file.replaceFirst("\\d+]$", "0]");
    assertThatThrownBy(() -> Keypair.fromSolanaJson(tampered)).hasMessageContaining("does not match");
    assertThatThrownBy(() -> Keypair.fromSolanaJson("[1,2,3]")).hasMessageContaining("64 numbers");
  }
}
