package io.rigshare.contracts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.contracts.DepositObservation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepositParserTest {
  private static final String MINT = Fixtures.text("deposit-context.json", "mint");
  private static final String TREASURY = Fixtures.text("deposit-context.json", "treasury");
  private static final String FAILED = "{\"InstructionError\":[1,{\"Custom\":1}]}";

  @Test
  void depositIsTheTreasurysBalanceIncrease() {
    String signature = Fixtures.text("deposit-context.json", "signature");
    for (String fixture : List.of("getTransaction-deposit-json.json", "getTransaction-deposit-jsonParsed.json")) {
      JsonNode result = Fixtures.json(fixture).get("result");
      assertThat(DepositParser.parse(signature, result))
          .as(fixture)
          .containsExactly(new DepositObservation(signature, 3, MINT, TREASURY, 12_345_678, null));
    }
  }

  @Test
  void payoutBatchGivesOneCreditPerRecipientAndNoneForTheSender() {
    JsonNode context = Fixtures.json("payout-context.json");
    String signature = context.path("signature").asText();
    List<DepositObservation> credits =
        DepositParser.parse(signature, Fixtures.json("getTransaction-payout-json.json").get("result"));

    assertThat(credits).extracting(DepositObservation::recipientOwner)
        .containsExactlyInAnyOrder(
            context.at("/hosts/0").asText(), context.at("/hosts/1").asText(), context.at("/hosts/2").asText());
    assertThat(credits).extracting(DepositObservation::amount).containsExactlyInAnyOrder(1_000_000L, 2_500_000L, 7L);
    assertThat(credits).allMatch(DepositObservation::succeeded).allMatch(c -> c.mint().equals(MINT));
  }

  @Test
  void failedTransferIsReadFromItsInstructionWithTheError() {
    JsonNode context = Fixtures.json("failed-context.json");
    String signature = context.path("signature").asText();
    for (String fixture : List.of("getTransaction-failed-json.json", "getTransaction-failed-jsonParsed.json")) {
      assertThat(DepositParser.parse(signature, Fixtures.json(fixture).get("result")))
          .as(fixture)
          .containsExactly(new DepositObservation(signature, 4, MINT, TREASURY, 2_000, FAILED));
    }
  }

  @Test
  void missingTransactionGivesNothing() {
    assertThat(DepositParser.parse("x", null)).isEmpty();
    assertThat(DepositParser.parse("x", com.fasterxml.jackson.databind.node.NullNode.getInstance())).isEmpty();
  }

  @Test
  void accountKeysOfV0TransactionsIncludeLoadedAddressesInOrder() throws Exception {
    JsonNode v0 =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"meta\":{\"loadedAddresses\":{\"writable\":[\"W\"],\"readonly\":[\"R\"]}},"
                    + "\"transaction\":{\"message\":{\"accountKeys\":[\"A\",\"B\"]}}}");
    assertThat(DepositParser.accountKeys(v0)).containsExactly("A", "B", "W", "R");
  }
}
