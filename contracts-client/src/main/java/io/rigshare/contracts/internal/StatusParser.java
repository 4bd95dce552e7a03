package io.rigshare.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.contracts.Commitment;
import io.rigshare.contracts.SignatureStatus;

/** Reads one entry of {@code getSignatureStatuses}' value array, {@code err} included (solanaj drops it). */
public final class StatusParser {
  private StatusParser() {}

  /**
   * @param entry one element of {@code result.value}: null for an unknown signature
   * @param wanted the commitment the caller counts as done
   */
  public static SignatureStatus parse(JsonNode entry, Commitment wanted) {
    if (entry == null || entry.isNull()) {
      return SignatureStatus.UNKNOWN;
    }
    long slot = entry.path("slot").asLong();
    JsonNode errNode = entry.get("err");
    String err = errNode == null || errNode.isNull() ? null : errNode.toString();
    Commitment reached = reached(entry);
    if (!reached.isAtLeast(wanted)) {
      return new SignatureStatus.Pending(slot, reached, err);
    }
    return err == null ? new SignatureStatus.Confirmed(slot, reached) : new SignatureStatus.Failed(slot, err);
  }

  /**
   * {@code confirmationStatus} when present; nodes older than 1.5 send only {@code confirmations}, where null means
   * rooted (finalized) and a number means not yet.
   */
  private static Commitment reached(JsonNode entry) {
    JsonNode status = entry.get("confirmationStatus");
    if (status != null && status.isTextual()) {
      return Commitment.fromRpcName(status.asText());
    }
    JsonNode confirmations = entry.get("confirmations");
    return confirmations == null || confirmations.isNull() ? Commitment.FINALIZED : Commitment.PROCESSED;
  }
}
