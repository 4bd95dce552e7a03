package io.rigshare.marketplace.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.marketplace.config.NodeTokenConfig;
import io.rigshare.marketplace.core.NodeTokenService;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.testing.MutableClock;
import io.rigshare.marketplace.testing.TestDatabases;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redemption in the data layer, on real PostgreSQL: single use under contention, expiry and revocation. */
class NodeTokenRedeemIntegrationTest {
  private static final String WALLET = "TL6VR87Pbkt7Kd3yLjYapd9KSNR9kgfVWVSaiq9Jx92";
  private static Jdbi jdbi;
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private static NodeTokenService service;
  private static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    DatabaseUrl url = TestDatabases.fresh();
    jdbi = Jdbi.create(url.jdbcUrl(), url.user(), url.password()).installPlugin(new SqlObjectPlugin());
    service = new NodeTokenService(jdbi, new NodeTokenConfig(), URI.create("http://localhost:8080"), CLOCK);
    pool = Executors.newFixedThreadPool(50);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  @Test
  void fiftyConcurrentRedemptionsSucceedExactlyOnceTwentyTimesOver() throws Exception {
    for (int round = 0; round < 20; round++) {
      String token = service.issue(WALLET).token();
      CountDownLatch ready = new CountDownLatch(50);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        outcomes.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          try {
            return "OK:" + service.redeem(token, CLOCK.instant());
          } catch (ApiException e) {
            return e.code().name();
          }
        }));
      }
      ready.await();
      go.countDown();
      Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
      for (Future<String> outcome : outcomes) {
        counts.computeIfAbsent(outcome.get(), k -> new AtomicInteger()).incrementAndGet();
      }
      assertThat(counts).as("round %d", round).containsOnlyKeys("OK:" + WALLET, "TOKEN_USED");
      assertThat(counts.get("OK:" + WALLET).get()).as("round %d", round).isEqualTo(1);
      assertThat(counts.get("TOKEN_USED").get()).as("round %d", round).isEqualTo(49);
    }
  }

  @Test
  void expiredTokenIsRefusedAtItsExpiryInstant() {
    NodeTokenService.IssuedToken issued = service.issue(WALLET);
    Instant expiry = issued.expiresAt();
    assertCode(() -> service.redeem(issued.token(), expiry), "TOKEN_EXPIRED");
    assertCode(() -> service.redeem(issued.token(), expiry.plus(Duration.ofDays(1))), "TOKEN_EXPIRED");
    assertThat(service.redeem(issued.token(), expiry.minusMillis(1))).isEqualTo(WALLET);
    assertCode(() -> service.redeem(issued.token(), expiry.minusMillis(1)), "TOKEN_USED");
  }

  @Test
  void revokedUnknownAndForeignTokensAreInvalid() {
    NodeTokenService.IssuedToken issued = service.issue(WALLET);
    service.revoke(WALLET, issued.id().toString());
    assertCode(() -> service.redeem(issued.token(), CLOCK.instant()), "INVALID_TOKEN");
    assertCode(() -> service.redeem("rsn_unknownunknownunknownunknownunknownunknown", CLOCK.instant()), "INVALID_TOKEN");
    assertCode(() -> service.redeem("rss_a-session-token-is-not-a-node-token", CLOCK.instant()), "INVALID_TOKEN");
    assertCode(() -> service.redeem(null, CLOCK.instant()), "INVALID_TOKEN");
  }

  @Test
  void onlyTheSecretsHashIsStored() {
    NodeTokenService.IssuedToken issued = service.issue(WALLET);
    List<String> texts = jdbi.withHandle(h -> h.createQuery(
            "SELECT concat_ws('|', id, wallet, encode(token_hash, 'escape'), encode(token_hash, 'hex')) FROM node_tokens")
        .mapTo(String.class).list());
    assertThat(texts).isNotEmpty().noneMatch(t -> t.contains(issued.token()) || t.contains(issued.token().substring(4)));
  }

  private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code().name()).isEqualTo(code));
  }
}
