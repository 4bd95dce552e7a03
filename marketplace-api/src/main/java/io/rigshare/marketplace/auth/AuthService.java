package io.rigshare.marketplace.auth;

import io.rigshare.marketplace.config.AuthConfig;
import io.rigshare.marketplace.db.ChallengeDao;
import io.rigshare.marketplace.db.ChallengeDao.Challenge;
import io.rigshare.marketplace.db.SessionDao;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sign-In With Solana: issues challenges, checks signed messages against them, and opens sessions. A message may be
 * the one the server wrote or one the wallet wrote itself through {@code solana:signIn}, as long as it carries a nonce
 * we issued for that address, names our domain and has not expired.
 */
public class AuthService {
  public static final String SESSION_PREFIX = "rss_";
  private static final int NONCE_LENGTH = 24;

  private final Jdbi jdbi;
  private final AuthConfig config;
  private final URI publicUri;
  private final String domain;
  private final Clock clock;

  public AuthService(Jdbi jdbi, AuthConfig config, URI publicUri, String domain, Clock clock) {
    this.jdbi = jdbi;
    this.config = config;
    this.publicUri = publicUri;
    this.domain = domain;
    this.clock = clock;
  }

  public record IssuedChallenge(SiwsMessage input, String message, Instant expiresAt) {}

  public record NewSession(String token, String address, Instant expiresAt) {}

  public IssuedChallenge challenge(String address) {
    SignatureCodec.address("address", address);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = now.plus(config.getChallengeTtl());
    SiwsMessage input =
        new SiwsMessage(
            domain,
            address,
            config.getStatement(),
            publicUri.toString(),
            "1",
            config.getChainId(),
            Secrets.newNonce(NONCE_LENGTH),
            SiwsMessage.timestamp(now),
            SiwsMessage.timestamp(expiresAt),
            null,
            null,
            List.of());
    String text = input.format();
    jdbi.useExtension(
        ChallengeDao.class,
        dao -> dao.insert(new Challenge(input.nonce(), address, text, now, expiresAt, null)));
    return new IssuedChallenge(input, text, expiresAt);
  }

  public NewSession signIn(String address, String messageText, String signatureText) {
    SiwsMessage message = SiwsVerifier.verify(address, messageText, signatureText);
    checkOrigin(message);
    Instant now = clock.instant();
    checkTimes(message, now);
    Challenge challenge = findChallenge(message.nonce());
    if (!challenge.address().equals(address)) {
      throw new ApiException(ErrorCode.ADDRESS_MISMATCH, "this nonce was issued to another address");
    }
    if (challenge.usedAt() != null) {
      throw new ApiException(ErrorCode.NONCE_USED, "this sign-in message was already used; ask for a new challenge");
    }
    if (!now.isBefore(challenge.expiresAt())) {
      throw new ApiException(ErrorCode.NONCE_EXPIRED, "the challenge expired; ask for a new one");
    }
    return openSession(address, message.nonce(), now.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Ends the session behind this principal. */
  public void signOut(WalletPrincipal principal) {
    jdbi.useExtension(SessionDao.class, dao -> dao.revoke(principal.sessionHash(), clock.instant()));
  }

  /** The wallet signed in with this bearer token, if the session is live. */
  public Optional<WalletPrincipal> authenticate(String token) {
    if (token == null || !token.startsWith(SESSION_PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    byte[] hash = Secrets.sha256(token);
    return jdbi.withExtension(SessionDao.class, dao -> dao.findActiveAddress(hash, clock.instant()))
        .map(address -> new WalletPrincipal(address, hash));
  }

  private NewSession openSession(String address, String nonce, Instant now) {
    String token = Secrets.newToken(SESSION_PREFIX);
    Instant expiresAt = now.plus(config.getSessionTtl());
    jdbi.useTransaction(
        handle -> {
          // Consuming the nonce and creating the session commit together: a racing request that loses the
          // row lock sees used_at set and gets no session.
          if (handle.attach(ChallengeDao.class).consume(nonce, now) == 0) {
            throw new ApiException(ErrorCode.NONCE_USED, "this sign-in message was already used");
          }
          handle.attach(SessionDao.class).insert(Secrets.sha256(token), address, nonce, now, expiresAt);
        });
    return new NewSession(token, address, expiresAt);
  }

  private void checkOrigin(SiwsMessage message) {
    if (!message.domain().equals(domain)) {
      throw new ApiException(
          ErrorCode.DOMAIN_MISMATCH, "the message is for " + message.domain() + ", this service is " + domain);
    }
    if (message.uri() != null && !sameOrigin(message.uri())) {
      throw new ApiException(ErrorCode.DOMAIN_MISMATCH, "the message's URI is not on " + publicUri);
    }
    if (message.version() != null && !message.version().equals("1")) {
      throw new ApiException(ErrorCode.INVALID_MESSAGE, "only message version 1 is supported");
    }
    if (message.chainId() != null && !message.chainId().equals(config.getChainId())) {
      throw new ApiException(
          ErrorCode.INVALID_MESSAGE, "the message is for chain " + message.chainId() + ", not " + config.getChainId());
    }
    if (message.nonce() == null) {
      throw new ApiException(ErrorCode.NONCE_UNKNOWN, "the message carries no nonce; ask for a challenge first");
    }
  }

  private boolean sameOrigin(String uri) {
    try {
      URI other = URI.create(uri);
      return publicUri.getScheme().equals(other.getScheme())
          && publicUri.getHost().equalsIgnoreCase(other.getHost())
          && publicUri.getPort() == other.getPort();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void checkTimes(SiwsMessage message, Instant now) {
    Instant latestAcceptable = now.plus(config.getClockSkew());
    try {
      if (message.expirationTime() != null
          && !now.isBefore(SiwsMessage.instant("Expiration Time", message.expirationTime()))) {
        throw new ApiException(ErrorCode.NONCE_EXPIRED, "the sign-in message has expired; sign in again");
      }
      if (message.notBefore() != null
          && SiwsMessage.instant("Not Before", message.notBefore()).isAfter(latestAcceptable)) {
        throw new ApiException(ErrorCode.INVALID_MESSAGE, "the sign-in message is not valid yet");
      }
      if (message.issuedAt() != null) {
        Instant issuedAt = SiwsMessage.instant("Issued At", message.issuedAt());
        if (issuedAt.isAfter(latestAcceptable)) {
          throw new ApiException(ErrorCode.INVALID_MESSAGE, "the sign-in message is issued in the future");
        }
        if (issuedAt.isBefore(now.minus(config.getChallengeTtl()).minus(config.getClockSkew()))) {
          throw new ApiException(ErrorCode.NONCE_EXPIRED, "the sign-in message is too old; sign in again");
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.INVALID_MESSAGE, e.getMessage());
    }
  }

  private Challenge findChallenge(String nonce) {
    return jdbi.withExtension(ChallengeDao.class, dao -> dao.find(nonce))
        .orElseThrow(
            () -> new ApiException(ErrorCode.NONCE_UNKNOWN, "this nonce was not issued by this service"));
  }
}
