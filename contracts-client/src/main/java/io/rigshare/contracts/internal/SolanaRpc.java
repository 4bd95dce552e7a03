package io.rigshare.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.contracts.Commitment;
import io.rigshare.contracts.SignatureStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Solana JSON-RPC methods we use, as raw calls with Agave's parameter shapes. */
final class SolanaRpc {
  static final int MAX_STATUSES_PER_CALL = 256;
  static final int MAX_ACCOUNTS_PER_CALL = 100;
  static final int MAX_SIGNATURES_FOR_ADDRESS = 1000;

  private final JsonRpc rpc;

  SolanaRpc(String url, Duration timeout) {
    this.rpc = new JsonRpc(url, timeout);
  }

  record Blockhash(String blockhash, long lastValidBlockHeight) {}

  Blockhash latestBlockhash(Commitment commitment) {
    JsonNode value = rpc.call("getLatestBlockhash", config(commitment)).path("value");
    return new Blockhash(value.path("blockhash").asText(), value.path("lastValidBlockHeight").asLong());
  }

  long blockHeight(Commitment commitment) {
    return rpc.call("getBlockHeight", config(commitment)).asLong();
  }

  /** sendTransaction with base64 bytes and preflight on (solanaj's default skips it). */
  String sendTransaction(String base64, Commitment preflightCommitment) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("encoding", "base64");
    options.put("skipPreflight", false);
    options.put("preflightCommitment", preflightCommitment.rpcName());
    return rpc.call("sendTransaction", base64, options).asText();
  }

  /** getSignatureStatuses with history searched, reading {@code err} (solanaj's type has no such field). */
  Map<String, SignatureStatus> signatureStatuses(List<String> signatures, Commitment wanted) {
    Map<String, SignatureStatus> statuses = new LinkedHashMap<>();
    for (int from = 0; from < signatures.size(); from += MAX_STATUSES_PER_CALL) {
      List<String> chunk = signatures.subList(from, Math.min(signatures.size(), from + MAX_STATUSES_PER_CALL));
      JsonNode value =
          rpc.call("getSignatureStatuses", chunk, Map.of("searchTransactionHistory", true)).path("value");
      for (int i = 0; i < chunk.size(); i++) {
        statuses.put(chunk.get(i), StatusParser.parse(value.get(i), wanted));
      }
    }
    return statuses;
  }

  /** An account's data, or null when it does not exist. */
  byte[] accountData(String address, Commitment commitment) {
    Map<String, Object> options = new LinkedHashMap<>(config(commitment));
    options.put("encoding", "base64");
    JsonNode value = rpc.call("getAccountInfo", address, options).path("value");
    if (value.isNull() || value.isMissingNode()) {
      return null;
    }
    return Base64.getDecoder().decode(value.path("data").path(0).asText());
  }

  /** For each address, whether an account exists there. */
  List<Boolean> accountsExist(List<String> addresses, Commitment commitment) {
    List<Boolean> exist = new ArrayList<>(addresses.size());
    Map<String, Object> options = new LinkedHashMap<>(config(commitment));
    options.put("encoding", "base64");
    options.put("dataSlice", Map.of("offset", 0, "length", 0));
    for (int from = 0; from < addresses.size(); from += MAX_ACCOUNTS_PER_CALL) {
      List<String> chunk = addresses.subList(from, Math.min(addresses.size(), from + MAX_ACCOUNTS_PER_CALL));
      JsonNode value = rpc.call("getMultipleAccounts", chunk, options).path("value");
      for (int i = 0; i < chunk.size(); i++) {
        exist.add(!value.path(i).isNull() && !value.path(i).isMissingNode());
      }
    }
    return exist;
  }

  long balance(String address, Commitment commitment) {
    return rpc.call("getBalance", address, config(commitment)).path("value").asLong();
  }

  /** Raw getSignaturesForAddress: solanaj's typed call throws ClassCastException on real answers. */
  List<String> signaturesForAddress(String address, Commitment commitment) {
    Map<String, Object> options = new LinkedHashMap<>(config(commitment));
    options.put("limit", MAX_SIGNATURES_FOR_ADDRESS);
    List<String> signatures = new ArrayList<>();
    rpc.call("getSignaturesForAddress", address, options)
        .forEach(entry -> signatures.add(entry.path("signature").asText()));
    return signatures;
  }

  /** getTransaction in json encoding, v0 accepted; null until it reaches {@code commitment}. */
  JsonNode transaction(String signature, Commitment commitment) {
    Map<String, Object> options = new LinkedHashMap<>(config(commitment));
    options.put("encoding", "json");
    options.put("maxSupportedTransactionVersion", 0);
    return rpc.call("getTransaction", signature, options);
  }

  private static Map<String, Object> config(Commitment commitment) {
    return Map.of("commitment", commitment.rpcName());
  }
}
