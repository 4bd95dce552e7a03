package io.rigshare.marketplace.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;
import org.jdbi.v3.sqlobject.transaction.Transactional;

@RegisterConstructorMapper(NodeTokenDao.NodeToken.class)
public interface NodeTokenDao extends Transactional<NodeTokenDao> {
  record Redeemed(UUID id, String wallet) {}

  record NodeToken(
      UUID id, String wallet, Instant createdAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {}

  /**
   * Inserts a token unless the wallet already holds {@code maxActive} live ones. A per-wallet advisory lock, held to
   * the end of the transaction, keeps parallel requests from all passing the count.
   */
  @Transaction
  default boolean insertIfBelowLimit(
      UUID id, String wallet, byte[] tokenHash, Instant createdAt, Instant expiresAt, int maxActive) {
    lockWallet("node_tokens:" + wallet);
    if (countActive(wallet, createdAt) >= maxActive) {
      return false;
    }
    insert(id, wallet, tokenHash, createdAt, expiresAt);
    return true;
  }

  @SqlQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
  int lockWallet(@Bind("key") String key);

  @SqlQuery(
      """
      SELECT count(*) FROM node_tokens
      WHERE wallet = :wallet AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now
      """)
  int countActive(@Bind("wallet") String wallet, @Bind("now") Instant now);

  @SqlUpdate(
      """
      INSERT INTO node_tokens (id, wallet, token_hash, created_at, expires_at)
      VALUES (:id, :wallet, :hash, :createdAt, :expiresAt)
      """)
  void insert(
      @Bind("id") UUID id,
      @Bind("wallet") String wallet,
      @Bind("hash") byte[] tokenHash,
      @Bind("createdAt") Instant createdAt,
      @Bind("expiresAt") Instant expiresAt);

  @SqlQuery(
      """
      SELECT id, wallet, created_at, expires_at, used_at, revoked_at FROM node_tokens
      WHERE wallet = :wallet AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now
      ORDER BY created_at DESC, id
      """)
  List<NodeToken> listActive(@Bind("wallet") String wallet, @Bind("now") Instant now);

  /** Revokes a live token of this wallet; 0 rows if it is not theirs, already used, revoked or expired. */
  @SqlUpdate(
      """
      UPDATE node_tokens SET revoked_at = :now
      WHERE id = :id AND wallet = :wallet AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now
      """)
  int revoke(@Bind("id") UUID id, @Bind("wallet") String wallet, @Bind("now") Instant now);

  /**
   * The atomic half of redemption: marks the token used if it is live and returns its wallet. Concurrent callers
   * queue on the row lock and re-check the predicate, so exactly one of them gets a row.
   */
  @SqlQuery(
      """
      UPDATE node_tokens SET used_at = :now
      WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now
      RETURNING id, wallet
      """)
  @RegisterConstructorMapper(Redeemed.class)
  Optional<Redeemed> markUsed(@Bind("hash") byte[] tokenHash, @Bind("now") Instant now);

  @SqlQuery("SELECT id, wallet, created_at, expires_at, used_at, revoked_at FROM node_tokens WHERE id = :id AND wallet = :wallet")
  Optional<NodeToken> findOwned(@Bind("id") UUID id, @Bind("wallet") String wallet);

  @SqlQuery("SELECT id FROM nodes WHERE token_id = :tokenId")
  Optional<UUID> nodeRegisteredWith(@Bind("tokenId") UUID tokenId);

  @SqlQuery("SELECT id, wallet, created_at, expires_at, used_at, revoked_at FROM node_tokens WHERE token_hash = :hash")
  Optional<NodeToken> findByHash(@Bind("hash") byte[] tokenHash);
}
