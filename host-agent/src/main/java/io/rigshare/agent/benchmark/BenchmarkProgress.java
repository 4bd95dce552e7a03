package io.rigshare.agent.benchmark;

/** Where a benchmark run is: {@code fraction} of all the work done (0 to 1), and what runs now. */
@FunctionalInterface
public interface BenchmarkProgress {
  void update(double fraction, String label);

  BenchmarkProgress NONE = (fraction, label) -> {};
}
