package io.rigshare.marketplace.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.rigshare.marketplace.config.Limit;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets (Bucket4j) per action, per client IP and per wallet. Buckets live in this process: with several
 * API instances behind a balancer each enforces its own share, which bounds abuse without coordination. Time comes
 * from the injected {@link Clock} so tests can move it.
 */
public class RateLimiter {
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(200_000).build();
  private final TimeMeter timeMeter;

  public RateLimiter(Clock clock) {
    this.timeMeter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            Duration sinceEpoch = Duration.ofMillis(clock.millis());
            return sinceEpoch.toNanos();
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /** Takes one request from the IP's and the wallet's budget (either may be null), or throws RATE_LIMITED. */
  public void check(String action, Limit limit, String clientIp, String wallet) {
    if (clientIp != null) {
      take(action + "|ip|" + clientIp, limit.getPerIp(), limit.getPeriod());
    }
    if (wallet != null) {
      take(action + "|wallet|" + wallet, limit.getPerWallet(), limit.getPeriod());
    }
  }

  private void take(String key, int capacity, Duration period) {
    Bucket bucket =
        buckets.get(
            key,
            k ->
                Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                    .withCustomTimePrecision(timeMeter)
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new ApiException(
          ErrorCode.RATE_LIMITED,
          "too many requests; try again later",
          Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }
}
