package io.rigshare.payments.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A posted transfer: immutable once written. Entries are sorted by account and sum to zero. */
public record Transfer(
    UUID id, String kind, String memo, Instant createdAt, UUID correctionOf, List<Entry> entries) {
  public Transfer {
    entries = List.copyOf(entries);
  }
}
