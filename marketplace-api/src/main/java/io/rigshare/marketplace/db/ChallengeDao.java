package io.rigshare.marketplace.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ChallengeDao.Challenge.class)
public interface ChallengeDao {
  record Challenge(
      String nonce, String address, String message, Instant issuedAt, Instant expiresAt, Instant usedAt) {}

  @SqlUpdate(
      """
      INSERT INTO auth_challenges (nonce, address, message, issued_at, expires_at)
      VALUES (:nonce, :address, :message, :issuedAt, :expiresAt)
      """)
  void insert(@BindMethods Challenge challenge);

  @SqlQuery("SELECT nonce, address, message, issued_at, expires_at, used_at FROM auth_challenges WHERE nonce = :nonce")
  Optional<Challenge> find(@Bind("nonce") String nonce);

  /** Marks the nonce used; 0 rows means another request consumed it first. */
  @SqlUpdate("UPDATE auth_challenges SET used_at = :now WHERE nonce = :nonce AND used_at IS NULL")
  int consume(@Bind("nonce") String nonce, @Bind("now") Instant now);

  @SqlUpdate("DELETE FROM auth_challenges WHERE expires_at < :before")
  int deleteExpiredBefore(@Bind("before") Instant before);
}
