package io.rigshare.marketplace.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.protocol.crypto.Base58;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignatureCodecTest {
  @Test
  void decodesBase58AndBase64OfTheSameBytes() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      byte[] sig = new byte[64];
      random.nextBytes(sig);
      assertThat(SignatureCodec.decode(Base58.encode(sig))).isEqualTo(sig);
      assertThat(SignatureCodec.decode(Base64.getEncoder().encodeToString(sig))).isEqualTo(sig);
      assertThat(SignatureCodec.decode(Base64.getUrlEncoder().encodeToString(sig))).isEqualTo(sig);
    }
  }

  @Test
  void wrongLengthsAndGarbageAreMalformed() {
    for (String bad : new String[] {Base58.encode(new byte[63]), Base58.encode(new byte[65]),
        Base64.getEncoder().encodeToString(new byte[63]), "%%%", "=="}) {
      assertThatThrownBy(() -> SignatureCodec.decode(bad))
          .as(bad)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_SIGNATURE));
    }
  }
}
