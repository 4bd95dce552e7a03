package io.rigshare.agent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.agent.hardware.CommandResult;
import io.rigshare.agent.testing.StubHardwareProbe;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The benchmark on this machine's real OpenCL, PoCL on the CPU here and in CI ({@code pocl-opencl-icd}): every device
 * is measured, the SGEMM result is checked against the CPU reference, and a CPU device is labeled CPU and never scored
 * as a GPU.
 */
class OpenClBenchmarkIntegrationTest {
  private final List<Double> progress = new CopyOnWriteArrayList<>();

  @Test
  void benchmarksEveryDeviceAndNeverScoresACpuAsAGpu() {
    BenchmarkRunner runner = new BenchmarkRunner(OpenClSupport::devices, new StubHardwareProbe(),
        (command, timeout) -> new CommandResult.Unavailable("no nvidia-smi in this test"), Clock.systemUTC(), true,
        new Random(1));

    Message.Benchmark report = runner.run("manual", (fraction, label) -> progress.add(fraction), () -> false);

    assertThat(report.results()).isNotEmpty();
    assertThat(report.formulaVersion()).isEqualTo(1);
    assertThat(report.trigger()).isEqualTo("manual");
    assertThat(report.error()).isNull();
    for (Message.BenchmarkResult r : report.results()) {
      assertThat(r.error()).as(r.device()).isNull();
      assertThat(r.sgemmVerified()).as("SGEMM on %s matches the CPU reference", r.device()).isTrue();
      assertThat(r.sgemmGflops().median()).isPositive();
      assertThat(r.sgemmGflops().runs()).isGreaterThanOrEqualTo(5);
      assertThat(r.deviceBandwidthGBps().median()).isPositive();
      assertThat(r.hostToDeviceGBps().median()).isPositive();
      System.out.printf("%s (%s): SGEMM n=%d %.1f GFLOPS (spread %.1f%%), triad %.1f GB/s, write %.1f GB/s%n",
          r.device(), r.kind(), r.sgemmN(), r.sgemmGflops().median(), r.sgemmGflops().spreadPercent(),
          r.deviceBandwidthGBps().median(), r.hostToDeviceGBps().median());
    }
    List<Message.BenchmarkResult> cpus = report.results().stream().filter(r -> r.kind().equals("CPU")).toList();
    assertThat(cpus).as("PoCL offers the CPU as a device").isNotEmpty();
    for (Message.BenchmarkResult cpu : cpus) {
      assertThat(cpu.score()).isNull();
      assertThat(cpu.cpuScore()).isPositive();
      assertThat(cpu.gpuIndex()).isNull();
      assertThat(cpu.allocatableVramBytes()).isNull();
      assertThat(cpu.note()).contains("CPU device", "never priced");
    }
    if (report.results().stream().noneMatch(r -> r.kind().equals("GPU"))) {
      assertThat(report.score()).isNull();
    }
    assertThat(report.cpuScore()).isEqualTo(cpus.stream().mapToInt(Message.BenchmarkResult::cpuScore).sum());
    assertThat(progress).isSortedAccordingTo(Double::compare).last().isEqualTo(1.0);
    String frame = Wire.encode(report);
    assertThat(frame.length()).isLessThan(Wire.MAX_FRAME_BYTES);
    assertThat(Wire.decode(frame).message()).isEqualTo(report);
  }

  @Test
  void aRunThatIsToldToStopStopsAndReportsNothingRatherThanAFailedDevice() {
    BenchmarkRunner runner = new BenchmarkRunner(OpenClSupport::devices, new StubHardwareProbe(),
        (command, timeout) -> new CommandResult.Unavailable("no nvidia-smi in this test"), Clock.systemUTC(), true,
        new Random(2));
    java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();

    // Stops during the SGEMM measurement: a challenge or a job wants the device.
    assertThatThrownBy(() -> runner.run("schedule", BenchmarkProgress.NONE, () -> checks.incrementAndGet() > 3))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
  }
}
