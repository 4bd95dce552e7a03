package io.rigshare.marketplace.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * Spreads reconnect storms: a global budget of new connections per second on this instance, and one per source IP.
 * Refused agents back off with jitter, so a mass reconnect after a restart arrives as a ramp instead of a wall.
 */
final class HandshakeLimiter {
  private final Bucket global;
  private final int perIpPerMinute;
  private final Cache<String, Bucket> perIp =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

  HandshakeLimiter(int perSecond, int perIpPerMinute) {
    this.global = Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
        .build();
    this.perIpPerMinute = perIpPerMinute;
  }

  /** 0 if the connection may proceed, else milliseconds to wait. */
  long tryAcquire(String ip) {
    Bucket ipBucket = perIp.get(ip, k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(perIpPerMinute).refillGreedy(perIpPerMinute, Duration.ofMinutes(1))
            .build())
        .build());
    ConsumptionProbe byIp = ipBucket.tryConsumeAndReturnRemaining(1);
    if (!byIp.isConsumed()) {
      return Math.max(1, byIp.getNanosToWaitForRefill() / 1_000_000);
    }
    ConsumptionProbe all = global.tryConsumeAndReturnRemaining(1);
    return all.isConsumed() ? 0 : Math.max(1, all.getNanosToWaitForRefill() / 1_000_000);
  }
}
