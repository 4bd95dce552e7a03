package io.rigshare.contracts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.contracts.SolanaRpcException;
import org.junit.jupiter.api.Test;

class JsonRpcErrorTest {
  @Test
  void preflightFailureKeepsCodeErrAndLogs() {
    SolanaRpcException e =
        JsonRpc.toException(
            "sendTransaction",
            Fixtures.json("sendTransaction-preflightInsufficientFunds.json").get("error"));

    assertThat(e.code()).isEqualTo(-32002);
    assertThat(e.isPreflightFailure()).isTrue();
    assertThat(e.rpcMessage())
        .isEqualTo("Transaction simulation failed: Error processing Instruction 1: custom program error: 0x1");
    assertThat(e.transactionError()).contains("{\"InstructionError\":[1,{\"Custom\":1}]}");
    assertThat(e.logs()).contains("Program log: Error: insufficient funds");
    assertThat(e.data()).hasValueSatisfying(data -> assertThat(data).contains("\"unitsConsumed\""));
    assertThat(e.isAlreadyProcessed()).isFalse();
    assertThat(e.isBlockhashNotFound()).isFalse();
    assertThat(e).hasMessageStartingWith("sendTransaction failed: -32002 ");
  }

  @Test
  void recognisesDuplicatesAndExpiredBlockhashes() {
    SolanaRpcException duplicate =
        JsonRpc.toException("sendTransaction", Fixtures.json("sendTransaction-alreadyProcessed.json").get("error"));
    SolanaRpcException expired =
        JsonRpc.toException("sendTransaction", Fixtures.json("sendTransaction-blockhashNotFound.json").get("error"));

    assertThat(duplicate.isAlreadyProcessed()).isTrue();
    assertThat(duplicate.isBlockhashNotFound()).isFalse();
    assertThat(expired.isBlockhashNotFound()).isTrue();
    assertThat(expired.logs()).isEmpty();
  }

  @Test
  void plainErrorHasNoData() throws Exception {
    SolanaRpcException e =
        JsonRpc.toException(
            "getTokenAccountBalance",
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"code\":-32602,\"message\":\"Invalid param: could not find account\"}"));
    assertThat(e.code()).isEqualTo(SolanaRpcException.INVALID_PARAMS);
    assertThat(e.data()).isEmpty();
    assertThat(e.transactionError()).isEmpty();
  }
}
