package io.rigshare.contracts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.contracts.Commitment;
import io.rigshare.contracts.SignatureStatus;
import org.junit.jupiter.api.Test;

class StatusParserTest {
  @Test
  void finalizedSuccessIsConfirmedAtEveryCommitment() {
    JsonNode entry = Fixtures.json("getSignatureStatuses-confirmed.json").at("/result/value/0");
    for (Commitment wanted : Commitment.values()) {
      assertThat(StatusParser.parse(entry, wanted)).isEqualTo(new SignatureStatus.Confirmed(3, Commitment.FINALIZED));
    }
  }

  @Test
  void readsErrWhichSolanajDrops() {
    JsonNode value = Fixtures.json("getSignatureStatuses-failed-and-unknown.json").at("/result/value");
    assertThat(StatusParser.parse(value.get(0), Commitment.CONFIRMED))
        .isEqualTo(new SignatureStatus.Failed(4, "{\"InstructionError\":[1,{\"Custom\":1}]}"));
    assertThat(StatusParser.parse(value.get(1), Commitment.CONFIRMED)).isEqualTo(SignatureStatus.UNKNOWN);
    assertThat(StatusParser.parse(null, Commitment.CONFIRMED).state()).isEqualTo(SignatureStatus.State.UNKNOWN);
  }

  @Test
  void belowTheWantedCommitmentIsPendingEvenWhenFailed() {
    JsonNode value = Fixtures.json("getSignatureStatuses-agave-commitments.json").at("/result/value");
    assertThat(StatusParser.parse(value.get(0), Commitment.CONFIRMED))
        .isEqualTo(new SignatureStatus.Confirmed(72, Commitment.CONFIRMED));
    assertThat(StatusParser.parse(value.get(0), Commitment.FINALIZED))
        .isEqualTo(new SignatureStatus.Pending(72, Commitment.CONFIRMED, null));
    assertThat(StatusParser.parse(value.get(1), Commitment.CONFIRMED))
        .isEqualTo(new SignatureStatus.Pending(81, Commitment.PROCESSED, null));
    assertThat(StatusParser.parse(value.get(1), Commitment.PROCESSED))
        .isEqualTo(new SignatureStatus.Confirmed(81, Commitment.PROCESSED));
    assertThat(StatusParser.parse(value.get(2), Commitment.CONFIRMED))
        .isEqualTo(
            new SignatureStatus.Pending(80, Commitment.PROCESSED, "{\"InstructionError\":[2,{\"Custom\":1}]}"));
  }

  @Test
  void withoutConfirmationStatusNullConfirmationsMeansRooted() {
    JsonNode value = Fixtures.json("getSignatureStatuses-agave-commitments.json").at("/result/value");
    assertThat(StatusParser.parse(value.get(3), Commitment.FINALIZED))
        .isEqualTo(new SignatureStatus.Confirmed(48, Commitment.FINALIZED));
    assertThat(StatusParser.parse(value.get(4), Commitment.CONFIRMED).state())
        .isEqualTo(SignatureStatus.State.PENDING);
  }
}
