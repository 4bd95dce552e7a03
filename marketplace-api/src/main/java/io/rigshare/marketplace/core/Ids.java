package io.rigshare.marketplace.core;

import java.util.Optional;
import java.util.UUID;

/** Ids as clients and agents send them: text that may not be a UUID at all. */
public final class Ids {
  private Ids() {}

  /** The UUID, or empty for null or anything that is not one (callers answer NOT_FOUND or a protocol error). */
  public static Optional<UUID> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
