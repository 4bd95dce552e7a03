package io.rigshare.agent.benchmark;

import io.rigshare.protocol.wire.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Repeats a measurement until it is stable: after one discarded warm-up run, at least {@code minRuns} runs, and then
 * until the spread ((max - min) / median) of the last {@code minRuns} runs is at most {@code spreadTarget}, or
 * {@code maxRuns} runs or the time budget are used up. The result describes that last window: its median, min, max
 * and spread, and whether the spread reached the target.
 */
record Repeat(int minRuns, int maxRuns, double spreadTarget, Duration budget) {
  static final Repeat STANDARD = new Repeat(5, 100, 0.03, Duration.ofSeconds(20));

  Repeat {
    if (minRuns < 1 || maxRuns < minRuns) {
      throw new IllegalArgumentException("need 1 <= minRuns <= maxRuns");
    }
  }

  Repeat withBudget(Duration newBudget) {
    return new Repeat(minRuns, maxRuns, spreadTarget, newBudget);
  }

  /**
   * @param sample one run's figure (higher is better or not: only the spread matters here)
   * @param afterRun told the number of runs done so far, for progress
   * @param cancelled checked before every run; true ends the measurement with a {@link CancellationException}
   * @param nanoTime the clock the budget runs on
   */
  Message.Measurement measure(
      DoubleSupplier sample, IntConsumer afterRun, BooleanSupplier cancelled, LongSupplier nanoTime) {
    checkCancelled(cancelled);
    sample.getAsDouble(); // warm-up: first-use costs (compilation, page faults, clocks ramping up)
    long deadline = nanoTime.getAsLong() + budget.toNanos();
    List<Double> runs = new ArrayList<>();
    while (true) {
      checkCancelled(cancelled);
      runs.add(sample.getAsDouble());
      afterRun.accept(runs.size());
      if (runs.size() < minRuns) {
        continue;
      }
      double[] window = window(runs);
      if (spread(window) <= spreadTarget || runs.size() >= maxRuns || nanoTime.getAsLong() >= deadline) {
        return summary(window, runs.size());
      }
    }
  }

  private double[] window(List<Double> runs) {
    return runs.subList(runs.size() - minRuns, runs.size()).stream().mapToDouble(Double::doubleValue).toArray();
  }

  private Message.Measurement summary(double[] window, int totalRuns) {
    double[] sorted = window.clone();
    Arrays.sort(sorted);
    double spread = spread(window);
    return new Message.Measurement(round(median(sorted)), round(sorted[0]), round(sorted[sorted.length - 1]),
        Math.round(spread * 10_000) / 100.0, totalRuns, spread <= spreadTarget);
  }

  static double spread(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double median = median(sorted);
    return median == 0 ? Double.POSITIVE_INFINITY : (sorted[sorted.length - 1] - sorted[0]) / median;
  }

  private static double median(double[] sorted) {
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** Four significant digits are more than the measurements have. */
  private static double round(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value;
    }
    double scale = Math.pow(10, 3 - (int) Math.floor(Math.log10(Math.abs(value))));
    return Math.round(value * scale) / scale;
  }

  private static void checkCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("the benchmark was interrupted");
    }
  }
}
