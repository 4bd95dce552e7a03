package io.rigshare.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.hardware.GpuSample;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {
  private static final Instant T = Instant.parse("2026-11-23T10:00:00.123Z");

  @Test
  void everyMessageRoundTrips() {
    List<Message> messages = List.of(
        new Message.Hello(1, "0.1.0", "TL6VR87Pbkt7Kd3yLjYapd9KSNR9kgfVWVSaiq9Jx92"),
        new Message.Challenge(1, "nonce", "localhost:8080", T, T.plusSeconds(30)),
        new Message.Auth("key", T, "sig"),
        new Message.Register("rsn_x", "key", T, "sig", "rig-1", null),
        new Message.Registered("n1", "w", 15, null),
        new Message.Authenticated("n1", "w", 15, new Message.Limits("l1", 3, new Message.NodeLimits(4, 8L << 30, null,
            List.of(new Message.GpuLimit(0, true, 50))))),
        new Message.Heartbeat(7, new Message.Telemetry(List.of(new GpuSample(0, "GPU-1", 40, 61, 1000L, 24000L, 120.5)),
            12.5, 1L, 2L, 3L, 0)),
        new Message.Limits("l2", 4, Message.NodeLimits.none()),
        new Message.Ack("l2", true, null),
        new Message.Error("MALFORMED_MESSAGE", "bad", "heartbeat"));
    for (Message message : messages) {
      Wire.Decoded decoded = Wire.decode(Wire.encode(message));
      assertThat(decoded.ok()).as(message.toString()).isTrue();
      assertThat(decoded.message()).isEqualTo(message);
    }
    assertThat(Wire.encode(new Message.Ack("x", true, null))).isEqualTo("{\"type\":\"ack\",\"ref\":\"x\",\"ok\":true}");
    assertThat(Wire.encode(messages.get(1))).contains("\"serverTime\":\"2026-11-23T10:00:00.123Z\"");
  }

  @Test
  void badFramesDecodeToErrorCodesInsteadOfThrowing() {
    assertThat(Wire.decode("not json").errorCode()).isEqualTo(ErrorCodes.MALFORMED_MESSAGE);
    assertThat(Wire.decode("[1,2]").errorCode()).isEqualTo(ErrorCodes.MALFORMED_MESSAGE);
    assertThat(Wire.decode("{\"no\":\"type\"}").errorCode()).isEqualTo(ErrorCodes.MALFORMED_MESSAGE);
    Wire.Decoded unknown = Wire.decode("{\"type\":\"launch-missiles\"}");
    assertThat(unknown.errorCode()).isEqualTo(ErrorCodes.UNKNOWN_TYPE);
    assertThat(unknown.type()).isEqualTo("launch-missiles");
    assertThat(Wire.decode("{\"type\":\"heartbeat\",\"seq\":\"many\"}").errorCode())
        .isEqualTo(ErrorCodes.MALFORMED_MESSAGE);
    assertThat(Wire.decode("{\"type\":\"heartbeat\",\"seq\":1,\"future\":true}").ok()).isTrue();
    assertThat(Wire.decode("{\"type\":\"x\",\"pad\":\"" + "a".repeat(Wire.MAX_FRAME_BYTES) + "\"}").errorCode())
        .isEqualTo(ErrorCodes.FRAME_TOO_LARGE);
  }

  @Test
  void proofTextIsExactlyTheDocumentedBytes() {
    String text = AuthProof.text("register", "localhost:8080", "NodeKey", "Nonce1", T, "rsn_abc");
    assertThat(text).isEqualTo("rigshare-agent-proof\nversion:1\npurpose:register\ndomain:localhost:8080\n"
        + "node:NodeKey\nnonce:Nonce1\ntime:2026-11-23T10:00:00.123Z\n"
        + "token-sha256:" + AuthProof.sha256Hex("rsn_abc"));
    assertThat(AuthProof.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(AuthProof.text("auth", "d", "k", "n", T, null)).doesNotContain("token");
  }

  @Test
  void proofVerifiesOnlyForTheSignedFields() {
    Keypair node = Keypair.generate(new SecureRandom());
    String sig = AuthProof.sign(node, "auth", "localhost:8080", "n1", T, null);
    assertThat(AuthProof.verify(sig, "auth", "localhost:8080", node.address(), "n1", T, null)).isTrue();
    assertThat(AuthProof.verify(sig, "auth", "localhost:8080", node.address(), "n2", T, null)).isFalse();
    assertThat(AuthProof.verify(sig, "auth", "evil:8080", node.address(), "n1", T, null)).isFalse();
    assertThat(AuthProof.verify(sig, "register", "localhost:8080", node.address(), "n1", T, null)).isFalse();
    assertThat(AuthProof.verify(sig, "auth", "localhost:8080", node.address(), "n1", T.plusMillis(1), null)).isFalse();
    String other = Keypair.generate(new SecureRandom()).address();
    assertThat(AuthProof.verify(sig, "auth", "localhost:8080", other, "n1", T, null)).isFalse();
    assertThat(AuthProof.verify("0OIl", "auth", "localhost:8080", node.address(), "n1", T, null)).isFalse();
    assertThat(AuthProof.verify(sig, "auth", "localhost:8080", "bad-key", "n1", T, null)).isFalse();
    assertThat(AuthProof.verify(null, "auth", "localhost:8080", node.address(), "n1", T, null)).isFalse();
  }
}
