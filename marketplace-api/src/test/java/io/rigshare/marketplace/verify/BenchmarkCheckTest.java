package io.rigshare.marketplace.verify;

import static io.rigshare.marketplace.verify.VerificationIntegrationTest.benchmark;
import static io.rigshare.marketplace.verify.VerificationIntegrationTest.cpuResult;
import static io.rigshare.marketplace.verify.VerificationIntegrationTest.gpuResult;
import static io.rigshare.marketplace.verify.VerificationIntegrationTest.hardware;
import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.marketplace.config.VerificationConfig;
import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.verify.BenchmarkScore;
import io.rigshare.protocol.verify.GpuCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plausibility rules and the challenge arithmetic, without a server. */
class BenchmarkCheckTest {
  private static final GpuCatalog CATALOG = GpuCatalog.standard();
  private static final String RTX_4090 = "NVIDIA GeForce RTX 4090";

  private static BenchmarkCheck.Verdict judge(String model, double gflops, double bandwidth) {
    return BenchmarkCheck.judge(hardware(model, "GPU-1"), benchmark(gpuResult(0, "GPU-1", gflops, bandwidth)),
        CATALOG);
  }

  @Test
  void aPlausibleGpuIsScoredFromItsRawFiguresPerGpu() {
    BenchmarkCheck.Verdict verdict = judge(RTX_4090, 52_000, 910);
    assertThat(verdict).isEqualTo(new BenchmarkCheck.Plausible(BenchmarkScore.points(52_000, 910),
        ((BenchmarkCheck.Plausible) verdict).gpus()));
    assertThat(((BenchmarkCheck.Plausible) verdict).gpus()).singleElement()
        .satisfies(g -> assertThat(g.model().model()).isEqualTo(RTX_4090));
  }

  @Test
  void figuresAboveThePeakOrFarBelowItAreImplausible() {
    assertThat(judge(RTX_4090, 82_600 * 1.09, 910)).isInstanceOf(BenchmarkCheck.Plausible.class);
    assertThat(judge(RTX_4090, 82_600 * 1.11, 910)).isInstanceOf(BenchmarkCheck.Implausible.class);
    assertThat(judge(RTX_4090, 52_000, 1_008 * 1.11)).isInstanceOf(BenchmarkCheck.Implausible.class);
    assertThat(judge(RTX_4090, 8_000, 910)).isInstanceOf(BenchmarkCheck.Implausible.class); // < 10% of peak
    assertThat(judge(RTX_4090, 52_000, 150)).isInstanceOf(BenchmarkCheck.Implausible.class); // < 20% of bandwidth
    assertThat(judge("NVIDIA Imaginary 9000", 52_000, 910)).isInstanceOf(BenchmarkCheck.Implausible.class);
  }

  @Test
  void cpuDevicesNeverCountAsGpus() {
    BenchmarkCheck.Verdict verdict = BenchmarkCheck.judge(hardware(RTX_4090, "GPU-1"), benchmark(cpuResult()), CATALOG);
    assertThat(verdict).isInstanceOf(BenchmarkCheck.Unscored.class);
  }

  @Test
  void aNodeWithoutAGpuIsChallengedOnItsSlowestCheckedDeviceAndNeverScored() {
    HardwareReport cpuOnly = withoutGpu(new CpuInfo("AMD EPYC 7B13", 2, 2, 0));
    // cpuResult(): 21.7 GFLOPS at the device's 2,596 MHz; 2 cores x 2.596 GHz x 64 = 332 GFLOPS at most.
    assertThat(BenchmarkCheck.judge(cpuOnly, benchmark(cpuResult()), CATALOG))
        .isEqualTo(new BenchmarkCheck.DeviceOnly(21.7));
    assertThat(BenchmarkCheck.judge(null, benchmark(cpuResult(), cpuResult(9.5)), CATALOG))
        .isEqualTo(new BenchmarkCheck.DeviceOnly(9.5));

    assertThat(BenchmarkCheck.judge(cpuOnly, benchmark(cpuResult(332 * 1.09)), CATALOG))
        .isInstanceOf(BenchmarkCheck.DeviceOnly.class);
    assertThat(BenchmarkCheck.judge(cpuOnly, benchmark(cpuResult(332 * 1.11)), CATALOG))
        .isEqualTo(new BenchmarkCheck.Implausible("CPU device 'pthread-skylake-avx512-AMD EPYC' measured 369 GFLOPS"
            + " of FP32 SGEMM, above the 332 that 2 cores at 2.60 GHz can do (64 operations per cycle and core, +10%"
            + " allowed)"));
    // A reported clock is preferred to the device's: 2 cores x 1 GHz x 64 = 128.
    assertThat(BenchmarkCheck.judge(withoutGpu(new CpuInfo("slow", 2, 4, 1000)), benchmark(cpuResult(150)), CATALOG))
        .isInstanceOf(BenchmarkCheck.Implausible.class);

    assertThat(BenchmarkCheck.judge(cpuOnly, benchmark(), CATALOG)).isInstanceOf(BenchmarkCheck.Unscored.class);
  }

  private static HardwareReport withoutGpu(CpuInfo cpu) {
    HardwareReport sample = hardware(RTX_4090, "GPU-1");
    return new HardwareReport(sample.hostname(), sample.os(), cpu, sample.memory(), List.of(), List.of(),
        sample.collectedAt());
  }

  @Test
  void theDeadlineFollowsTheDocumentedFormula() {
    ChallengePlan plan = new ChallengePlan(new VerificationConfig());
    GpuCatalog.KnownGpu rtx = CATALOG.lookup(RTX_4090).orElseThrow();
    assertThat(plan.n(rtx)).isEqualTo(8192);
    // 5 s + 2·8192³ / (0.25 · 82.6 TFLOPS) + 4·8192² B / 100 MB/s = 5000 + 53.3 + 2684.4 ms
    assertThat(plan.deadline(rtx, 8192)).isEqualTo(Duration.ofMillis(5000 + 2738));
    // Without a GPU: n = 1024 and 5 s + 2·1024³ / (0.25 · 21.7 GFLOPS) + 4·1024² B / 100 MB/s = 5000 + 395.9 + 41.9 ms
    assertThat(plan.deviceN()).isEqualTo(1024);
    assertThat(plan.deadline(21.7, 1024)).isEqualTo(Duration.ofMillis(5000 + 438));
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      Duration next = plan.nextDelay(random);
      assertThat(next).isBetween(Duration.ofHours(2), Duration.ofHours(6));
    }
    assertThat(ChallengePlan.frames(8192, ChallengePlan.rows(8192, 4, random))).hasSize(4).allMatch(f -> f.size() == 1);
    assertThat(ChallengePlan.frames(64, ChallengePlan.rows(64, 4, random))).singleElement()
        .satisfies(f -> assertThat(f).hasSize(4).doesNotHaveDuplicates());
  }
}
