package io.rigshare.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BenchmarkScoreTest {
  private static final long GIB = 1L << 30;

  @Test
  void tenTflopsAndATerabytePerSecondEarnAThousandPoints() {
    assertThat(BenchmarkScore.points(10_000, 1_000)).isEqualTo(1000);
    assertThat(BenchmarkScore.points(10_000, 0)).isEqualTo(700);
    assertThat(BenchmarkScore.points(0, 1_000)).isEqualTo(300);
    assertThat(BenchmarkScore.points(40.3, 21.7)).isEqualTo(9); // 2.821 + 6.51
  }

  @Test
  void pointsGrowWithEitherFigure() {
    Random random = new Random(21);
    for (int t = 0; t < 1000; t++) {
      double gflops = random.nextDouble() * 100_000;
      double bandwidth = random.nextDouble() * 6_000;
      int points = BenchmarkScore.points(gflops, bandwidth);
      assertThat(BenchmarkScore.points(gflops + 50, bandwidth)).isGreaterThanOrEqualTo(points);
      assertThat(BenchmarkScore.points(gflops, bandwidth + 10)).isGreaterThanOrEqualTo(points);
    }
  }

  @Test
  void onlyAVerifiedGpuWithEnoughVramIsScored() {
    assertThat(BenchmarkScore.gpuScore("GPU", true, 24 * GIB, 50_000, 900)).isEqualTo(3770);
    assertThat(BenchmarkScore.gpuScore("GPU", true, 4 * GIB, 50_000, 900)).isEqualTo(3770);
    assertThat(BenchmarkScore.gpuScore("GPU", true, 4 * GIB - 1, 50_000, 900)).isNull();
    assertThat(BenchmarkScore.gpuScore("GPU", true, null, 50_000, 900)).isNull();
    assertThat(BenchmarkScore.gpuScore("GPU", false, 24 * GIB, 50_000, 900)).isNull();
    assertThat(BenchmarkScore.gpuScore("CPU", true, 24 * GIB, 50_000, 900)).isNull();
    assertThat(BenchmarkScore.gpuScore("ACCELERATOR", true, 24 * GIB, 50_000, 900)).isNull();
    assertThat(BenchmarkScore.unscoredReason("CPU", true, null)).contains("CPU device", "never priced");
    assertThat(BenchmarkScore.unscoredReason("GPU", true, 2 * GIB)).contains("2.0 GiB", "4 GiB");
    assertThat(BenchmarkScore.unscoredReason("GPU", true, 8 * GIB)).isNull();
  }

  @Test
  void aNodeScoreIsTheSumOfItsGpuScoresOrNull() {
    assertThat(BenchmarkScore.total(List.of(100, 250))).isEqualTo(350);
    assertThat(BenchmarkScore.total(Arrays.asList(100, null))).isEqualTo(100);
    assertThat(BenchmarkScore.total(Arrays.asList(null, null))).isNull();
    assertThat(BenchmarkScore.total(List.of())).isNull();
  }
}
