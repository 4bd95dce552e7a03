package io.rigshare.marketplace.core;

import io.rigshare.marketplace.api.NodeTokenApi;
import io.rigshare.marketplace.auth.Secrets;
import io.rigshare.marketplace.config.NodeTokenConfig;
import io.rigshare.marketplace.db.NodeTokenDao;
import io.rigshare.marketplace.db.NodeTokenDao.NodeToken;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Single-use registration tokens: issued to a signed-in wallet, redeemed once by a host agent. */
public class NodeTokenService {
  public static final String TOKEN_PREFIX = "rsn_";

  private final Jdbi jdbi;
  private final NodeTokenConfig config;
  private final URI publicUri;
  private final Clock clock;

  public NodeTokenService(Jdbi jdbi, NodeTokenConfig config, URI publicUri, Clock clock) {
    this.jdbi = jdbi;
    this.config = config;
    this.publicUri = publicUri;
    this.clock = clock;
  }

  /** A token as its owner first sees it; {@code token} is never shown again. */
  public record IssuedToken(UUID id, String token, Instant expiresAt, String agentCommand, String installCommand) {}

  public IssuedToken issue(String wallet) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = now.plus(config.getTtl());
    UUID id = UUID.randomUUID();
    String token = Secrets.newToken(TOKEN_PREFIX);
    boolean inserted =
        jdbi.withExtension(
            NodeTokenDao.class,
            dao ->
                dao.insertIfBelowLimit(
                    id, wallet, Secrets.sha256(token), now, expiresAt, config.getMaxActivePerWallet()));
    if (!inserted) {
      throw new ApiException(
          ErrorCode.TOO_MANY_TOKENS,
          "this wallet already holds "
              + config.getMaxActivePerWallet()
              + " unused registration tokens; use or revoke one first");
    }
    return new IssuedToken(id, token, expiresAt, agentCommand(token), installCommand(token));
  }

  public String agentCommand(String token) {
    return "java -jar " + config.getAgentJarName() + " register --api " + publicUri + " --token " + token;
  }

  /** The one-liner that downloads the agent from this API and installs it as a systemd service. */
  public String installCommand(String token) {
    return "curl -fsSL " + publicUri + "/install.sh | sudo bash -s -- --token " + token;
  }

  public List<NodeToken> listActive(String wallet) {
    return jdbi.withExtension(NodeTokenDao.class, dao -> dao.listActive(wallet, clock.instant()));
  }

  /** The token's state, for the "waiting for your node" view; another wallet's token is absent. */
  public NodeTokenApi.Status status(String wallet, String id) {
    UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("node token"));
    Instant now = clock.instant();
    return jdbi.withExtension(NodeTokenDao.class, dao -> {
      NodeToken token = dao.findOwned(uuid, wallet).orElseThrow(() -> ApiException.notFound("node token"));
      String state;
      UUID nodeId = null;
      if (token.usedAt() != null) {
        state = "used";
        nodeId = dao.nodeRegisteredWith(token.id()).orElse(null);
      } else if (token.revokedAt() != null) {
        state = "revoked";
      } else if (!now.isBefore(token.expiresAt())) {
        state = "expired";
      } else {
        state = "pending";
      }
      return new NodeTokenApi.Status(token.id(), state, token.createdAt(), token.expiresAt(), nodeId);
    });
  }

  /** Revokes one of this wallet's live tokens; another wallet's token is reported as absent. */
  public void revoke(String wallet, String id) {
    UUID uuid = Ids.parse(id).orElseThrow(() -> ApiException.notFound("node token"));
    int revoked = jdbi.withExtension(NodeTokenDao.class, dao -> dao.revoke(uuid, wallet, clock.instant()));
    if (revoked == 0) {
      throw ApiException.notFound("node token");
    }
  }

  /**
   * Redeems a token: returns the wallet it is bound to, exactly once. Refusals: {@code INVALID_TOKEN} (unknown or
   * revoked), {@code TOKEN_EXPIRED}, {@code TOKEN_USED}.
   */
  public String redeem(String token, Instant now) {
    return jdbi.withExtension(NodeTokenDao.class, dao -> redeemWith(dao, token, now)).wallet();
  }

  /** {@link #redeem} inside the caller's transaction, so the token and what it creates commit together. */
  public static NodeTokenDao.Redeemed redeemWith(NodeTokenDao dao, String token, Instant now) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
      throw new ApiException(ErrorCode.INVALID_TOKEN, "not a registration token");
    }
    byte[] hash = Secrets.sha256(token);
    return dao.markUsed(hash, now).orElseThrow(() -> refusal(dao.findByHash(hash), now));
  }


  private static ApiException refusal(Optional<NodeToken> token, Instant now) {
    if (token.isEmpty() || token.get().revokedAt() != null) {
      return new ApiException(ErrorCode.INVALID_TOKEN, "unknown or revoked registration token");
    }
    if (token.get().usedAt() != null) {
      return new ApiException(ErrorCode.TOKEN_USED, "this registration token was already used");
    }
    if (!now.isBefore(token.get().expiresAt())) {
      return new ApiException(ErrorCode.TOKEN_EXPIRED, "this registration token has expired; generate a new one");
    }
    // Live a moment ago and not marked by us: a concurrent redemption won the row.
    return new ApiException(ErrorCode.TOKEN_USED, "this registration token was already used");
  }
}
