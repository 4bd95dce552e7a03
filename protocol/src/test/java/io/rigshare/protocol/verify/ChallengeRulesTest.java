package io.rigshare.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeRulesTest {
  @Test
  void nIsAMultipleOf64From64To8192() {
    assertThat(ChallengeRules.validN(64)).isTrue();
    assertThat(ChallengeRules.validN(4096)).isTrue();
    assertThat(ChallengeRules.validN(8192)).isTrue();
    assertThat(ChallengeRules.validN(0)).isFalse();
    assertThat(ChallengeRules.validN(100)).isFalse();
    assertThat(ChallengeRules.validN(8256)).isFalse();
  }

  @Test
  void rowsPerFrameFollowTheDocumentedRule() {
    assertThat(ChallengeRules.maxRowsPerFrame(64)).isEqualTo(8);
    assertThat(ChallengeRules.maxRowsPerFrame(1024)).isEqualTo(8);
    assertThat(ChallengeRules.maxRowsPerFrame(2048)).isEqualTo(4);
    assertThat(ChallengeRules.maxRowsPerFrame(4096)).isEqualTo(2);
    assertThat(ChallengeRules.maxRowsPerFrame(8192)).isEqualTo(1);
  }

  @Test
  void aFullVerifyRowsFrameFitsTheFrameLimitForEveryValidN() {
    int largest = 0;
    for (int n = ChallengeRules.MIN_N; n <= ChallengeRules.MAX_N; n += ChallengeRules.N_MULTIPLE) {
      int depth = 32 - Integer.numberOfLeadingZeros(n - 1); // ceil(log2 n): the longest proof
      List<String> proof = Collections.nCopies(depth, "ab".repeat(32));
      String values = ChallengeRules.encodeRow(new float[n]);
      List<Message.OpenedRow> rows = new ArrayList<>();
      for (int r = 0; r < ChallengeRules.maxRowsPerFrame(n); r++) {
        rows.add(new Message.OpenedRow(n - 1 - r, values, proof));
      }
      String frame = Wire.encode(new Message.VerifyRows("vfy-0b7c1e9a-4d7e-4c53-a7f5-28f0c1b5d0a2", rows));
      largest = Math.max(largest, frame.length());
    }
    assertThat(largest).isLessThan(50_000).isLessThan(Wire.MAX_FRAME_BYTES);
  }

  @Test
  void rowsTravelAsBase64OfLittleEndianFloats() {
    float[] row = {1.0f, -0.5f, 0.25f, 0f};
    String values = ChallengeRules.encodeRow(row);
    assertThat(values).isEqualTo("AACAPwAAAL8AAIA+AAAAAA==");
    assertThat(ChallengeRules.rowValues(ChallengeRules.decodeRow(values, 4))).containsExactly(row);
    assertThatThrownBy(() -> ChallengeRules.decodeRow(values, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChallengeRules.decodeRow("***", 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
