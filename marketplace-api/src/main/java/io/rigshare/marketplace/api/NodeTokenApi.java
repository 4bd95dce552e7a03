package io.rigshare.marketplace.api;

import io.rigshare.marketplace.db.NodeTokenDao.NodeToken;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies of the node-token endpoints. The secret appears only in {@link Created}. */
public final class NodeTokenApi {
  private NodeTokenApi() {}

  public record Created(UUID id, String token, Instant expiresAt, String agentCommand, String installCommand) {}

  public record Summary(UUID id, Instant createdAt, Instant expiresAt) {
    public static Summary of(NodeToken token) {
      return new Summary(token.id(), token.createdAt(), token.expiresAt());
    }
  }

  public record Listing(List<Summary> tokens) {}

  /** A token's fate: pending (waiting for its node), used (nodeId set), expired or revoked. */
  public record Status(UUID id, String state, Instant createdAt, Instant expiresAt, UUID nodeId) {}
}
