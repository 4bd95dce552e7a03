package io.rigshare.agent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.protocol.wire.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RepeatTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<Integer> progress = new ArrayList<>();

  private static DoubleSupplier sequence(double... values) {
    Iterator<Double> it = java.util.Arrays.stream(values).boxed().iterator();
    return () -> it.hasNext() ? it.next() : values[values.length - 1];
  }

  private Message.Measurement measure(Repeat repeat, DoubleSupplier sample) {
    return repeat.measure(sample, progress::add, () -> false, nanos::get);
  }

  @Test
  void aSteadyFigureStopsAfterTheMinimumRunsAndTheWarmUpIsDropped() {
    Message.Measurement m = measure(new Repeat(5, 40, 0.03, Duration.ofSeconds(10)),
        sequence(1.0, 100, 101, 100, 99, 100));

    assertThat(m.runs()).isEqualTo(5);
    assertThat(m.median()).isEqualTo(100);
    assertThat(m.min()).isEqualTo(99);
    assertThat(m.max()).isEqualTo(101);
    assertThat(m.spreadPercent()).isEqualTo(2.0);
    assertThat(m.stable()).isTrue();
    assertThat(progress).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void anOutlierIsRunPastTheWindowSlidesBeyondIt() {
    Message.Measurement m = measure(new Repeat(5, 40, 0.03, Duration.ofSeconds(10)),
        sequence(0, 100, 60, 100, 100, 100, 100, 100));

    assertThat(m.runs()).isEqualTo(7);
    assertThat(m.spreadPercent()).isZero();
    assertThat(m.stable()).isTrue();
  }

  @Test
  void aFigureThatNeverSettlesStopsAtMaxRunsAndSaysSo() {
    double[] noisy = new double[30];
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] = i % 2 == 0 ? 90 : 110;
    }
    Message.Measurement m = measure(new Repeat(5, 12, 0.03, Duration.ofSeconds(10)), sequence(noisy));

    assertThat(m.runs()).isEqualTo(12);
    assertThat(m.stable()).isFalse();
    assertThat(m.spreadPercent()).isEqualTo(22.22); // 90, 110, 90, 110, 90: (110 - 90) / 90
  }

  @Test
  void theTimeBudgetEndsItAfterTheMinimumRuns() {
    DoubleSupplier slowAndNoisy = new DoubleSupplier() {
      int i;

      @Override
      public double getAsDouble() {
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        return ++i % 2 == 0 ? 90 : 110;
      }
    };
    Message.Measurement m = measure(new Repeat(5, 100, 0.03, Duration.ofSeconds(7)), slowAndNoisy);

    assertThat(m.runs()).isEqualTo(7);
    assertThat(m.stable()).isFalse();
  }

  @Test
  void cancellationStopsBeforeTheNextRun() {
    AtomicLong calls = new AtomicLong();
    assertThatThrownBy(() -> new Repeat(5, 40, 0.03, Duration.ofSeconds(10))
        .measure(() -> 1.0 + calls.incrementAndGet(), runs -> {}, () -> calls.get() >= 3, nanos::get))
        .isInstanceOf(CancellationException.class);
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void figuresAreRoundedToFourSignificantDigits() {
    Message.Measurement m = measure(new Repeat(1, 1, 0.03, Duration.ofSeconds(1)), sequence(0, 12345.678));

    assertThat(m.median()).isEqualTo(12350.0);
  }
}
