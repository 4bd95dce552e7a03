package io.rigshare.marketplace.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface SessionDao {
  @SqlUpdate(
      """
      INSERT INTO sessions (token_hash, address, nonce, created_at, expires_at)
      VALUES (:hash, :address, :nonce, :createdAt, :expiresAt)
      """)
  void insert(
      @Bind("hash") byte[] tokenHash,
      @Bind("address") String address,
      @Bind("nonce") String nonce,
      @Bind("createdAt") Instant createdAt,
      @Bind("expiresAt") Instant expiresAt);

  /** The wallet behind a live session. */
  @SqlQuery(
      """
      SELECT address FROM sessions
      WHERE token_hash = :hash AND revoked_at IS NULL AND expires_at > :now
      """)
  Optional<String> findActiveAddress(@Bind("hash") byte[] tokenHash, @Bind("now") Instant now);

  @SqlUpdate("UPDATE sessions SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL")
  int revoke(@Bind("hash") byte[] tokenHash, @Bind("now") Instant now);

  @SqlUpdate("DELETE FROM sessions WHERE expires_at < :before")
  int deleteExpiredBefore(@Bind("before") Instant before);
}
