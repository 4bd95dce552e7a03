package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void ceilingDoublesFromOneSecondUpToTheSixtySecondCap() {
    Backoff backoff = Backoff.standard();
    assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.ceiling(6)).isEqualTo(MINUTE);
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(MINUTE);
  }

  @Test
  void everyDelayLiesBetweenZeroAndItsAttemptsCeiling() {
    Backoff backoff = new Backoff(SECOND, MINUTE, new Random(7));
    for (int round = 0; round < 200; round++) {
      for (int attempt = 0; attempt < 12; attempt++) {
        Duration ceiling = backoff.ceiling(backoff.attempt());
        Duration delay = backoff.next();
        assertThat(delay).as("attempt %d", attempt).isBetween(Duration.ZERO, ceiling);
      }
      backoff.reset();
    }
  }

  @Test
  void delaysNeverExceedTheCapHoweverManyFailures() {
    Backoff backoff = new Backoff(SECOND, MINUTE, new Random(11));
    for (int i = 0; i < 10_000; i++) {
      assertThat(backoff.next()).isLessThanOrEqualTo(MINUTE);
    }
    assertThat(backoff.attempt()).isEqualTo(10_000);
  }

  @Test
  void fullJitterSpreadsDelaysUniformlyOverTheWholeRange() {
    Backoff backoff = new Backoff(SECOND, MINUTE, new Random(42));
    for (int i = 0; i < 10; i++) {
      backoff.next(); // past the doublings: every later draw is from [0, 60 s]
    }
    int draws = 20_000;
    int[] deciles = new int[10];
    long totalMillis = 0;
    for (int i = 0; i < draws; i++) {
      long millis = backoff.next().toMillis();
      totalMillis += millis;
      deciles[(int) Math.min(9, millis / 6_000)]++;
    }
    assertThat(totalMillis / (double) draws).as("mean delay in ms").isBetween(29_000.0, 31_000.0);
    for (int decile = 0; decile < 10; decile++) {
      assertThat(deciles[decile]).as("draws in decile %d", decile).isBetween(1_800, 2_200);
    }
  }

  @Test
  void resetReturnsToTheFirstAttemptsRange() {
    Backoff backoff = new Backoff(SECOND, MINUTE, new Random(3));
    for (int i = 0; i < 8; i++) {
      backoff.next();
    }
    backoff.reset();
    assertThat(backoff.attempt()).isZero();
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.next()).isLessThanOrEqualTo(SECOND);
      backoff.reset();
    }
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    assertThat(draw(new Backoff(SECOND, MINUTE, new Random(99)), 20))
        .isEqualTo(draw(new Backoff(SECOND, MINUTE, new Random(99)), 20));
  }

  @Test
  void refusesAZeroBaseOrACapBelowTheBase() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, MINUTE, new Random()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(MINUTE, SECOND, new Random())).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Duration> draw(Backoff backoff, int count) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(backoff.next());
    }
    return delays;
  }
}
