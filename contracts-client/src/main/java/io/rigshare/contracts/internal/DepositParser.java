package io.rigshare.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.contracts.DepositObservation;
import io.rigshare.protocol.crypto.Base58;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the token transfers in a {@code getTransaction} answer ({@code json} or {@code jsonParsed} encoding). A
 * transaction that succeeded is read from its token balances: every token account whose balance rose is one
 * credit, whatever instruction moved it. A failed one moved nothing, so its SPL Token {@code transfer} /
 * {@code transferChecked} instructions are decoded instead, to report what it tried.
 */
public final class DepositParser {
  private static final Set<String> TOKEN_PROGRAMS =
      Set.of("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");
  private static final int TRANSFER = 3;
  private static final int TRANSFER_CHECKED = 12;

  private DepositParser() {}

  private record Balance(String mint, String owner, BigInteger amount) {}

  /** @param result the {@code result} of {@code getTransaction}; null (not found) gives no observations */
  public static List<DepositObservation> parse(String signature, JsonNode result) {
    if (result == null || result.isNull()) {
      return List.of();
    }
    long slot = result.path("slot").asLong();
    JsonNode meta = result.path("meta");
    JsonNode errNode = meta.get("err");
    String err = errNode == null || errNode.isNull() ? null : errNode.toString();
    Map<Integer, Balance> pre = balances(meta.path("preTokenBalances"));
    Map<Integer, Balance> post = balances(meta.path("postTokenBalances"));
    List<DepositObservation> observations = new ArrayList<>();
    if (err == null) {
      post.forEach(
          (index, after) -> {
            Balance before = pre.get(index);
            BigInteger delta = after.amount().subtract(before == null ? BigInteger.ZERO : before.amount());
            if (delta.signum() > 0) {
              observations.add(
                  new DepositObservation(
                      signature, slot, after.mint(), after.owner(), delta.longValueExact(), null));
            }
          });
      return observations;
    }
    List<String> keys = accountKeys(result);
    for (JsonNode instruction : result.path("transaction").path("message").path("instructions")) {
      Attempt attempt =
          instruction.has("parsed") ? parsedAttempt(instruction) : rawAttempt(instruction, keys);
      if (attempt == null) {
        continue;
      }
      int index = keys.indexOf(attempt.destination());
      Balance known = post.getOrDefault(index, pre.get(index));
      String mint = attempt.mint() != null ? attempt.mint() : known == null ? null : known.mint();
      String owner = known == null ? null : known.owner();
      observations.add(new DepositObservation(signature, slot, mint, owner, attempt.amount(), err));
    }
    return observations;
  }

  private record Attempt(String destination, String mint, long amount) {}

  private static Attempt parsedAttempt(JsonNode instruction) {
    if (!TOKEN_PROGRAMS.contains(instruction.path("programId").asText())) {
      return null;
    }
    JsonNode parsed = instruction.path("parsed");
    String type = parsed.path("type").asText();
    if (!type.equals("transfer") && !type.equals("transferChecked")) {
      return null;
    }
    JsonNode info = parsed.path("info");
    String amount =
        info.has("tokenAmount") ? info.path("tokenAmount").path("amount").asText() : info.path("amount").asText();
    String mint = info.hasNonNull("mint") ? info.get("mint").asText() : null;
    return new Attempt(info.path("destination").asText(), mint, Long.parseLong(amount));
  }

  private static Attempt rawAttempt(JsonNode instruction, List<String> keys) {
    int programIndex = instruction.path("programIdIndex").asInt(-1);
    if (programIndex < 0 || programIndex >= keys.size() || !TOKEN_PROGRAMS.contains(keys.get(programIndex))) {
      return null;
    }
    byte[] data = Base58.decode(instruction.path("data").asText());
    JsonNode accounts = instruction.path("accounts");
    if (data.length < 9) {
      return null;
    }
    long amount = littleEndianLong(data, 1);
    if (data[0] == TRANSFER && accounts.size() >= 3) {
      return new Attempt(keys.get(accounts.get(1).asInt()), null, amount);
    }
    if (data[0] == TRANSFER_CHECKED && accounts.size() >= 4) {
      return new Attempt(keys.get(accounts.get(2).asInt()), keys.get(accounts.get(1).asInt()), amount);
    }
    return null;
  }

  /** Static keys, then (v0) loaded writable and read-only addresses: the order account indexes refer to. */
  static List<String> accountKeys(JsonNode result) {
    List<String> keys = new ArrayList<>();
    for (JsonNode key : result.path("transaction").path("message").path("accountKeys")) {
      keys.add(key.isTextual() ? key.asText() : key.path("pubkey").asText());
    }
    JsonNode loaded = result.path("meta").path("loadedAddresses");
    if (!result.path("transaction").path("message").path("accountKeys").path(0).isObject()) {
      loaded.path("writable").forEach(key -> keys.add(key.asText()));
      loaded.path("readonly").forEach(key -> keys.add(key.asText()));
    }
    return keys;
  }

  private static Map<Integer, Balance> balances(JsonNode list) {
    Map<Integer, Balance> balances = new TreeMap<>();
    for (JsonNode entry : list) {
      String owner = entry.hasNonNull("owner") ? entry.get("owner").asText() : null;
      balances.put(
          entry.path("accountIndex").asInt(),
          new Balance(
              entry.path("mint").asText(),
              owner,
              new BigInteger(entry.path("uiTokenAmount").path("amount").asText("0"))));
    }
    return balances;
  }

  private static long littleEndianLong(byte[] data, int offset) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (data[offset + i] & 0xFF);
    }
    return value;
  }
}
