package io.rigshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rigshare.protocol.verify.GpuCatalog;
import io.rigshare.protocol.wire.Message;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SGEMM summary's arithmetic over reports of known figures. */
class SgemmRunsTest {
  private static Message.Measurement measured(double median, double spread) {
    return new Message.Measurement(median, median, median, spread, 5, spread <= 3);
  }

  private static Message.BenchmarkResult result(String device, String kind, String pci, int units, int mhz,
      double gflops, double spread, double bandwidth) {
    return new Message.BenchmarkResult(device, "vendor", "platform", "1", kind, null, null, pci, units, mhz, 1L << 34,
        1024, measured(gflops, spread), true, measured(bandwidth, 1), measured(20, 1), null, null, null, null, null);
  }

  private static Message.Benchmark report(double gpuGflops, double cpuGflops) {
    return new Message.Benchmark(List.of(
        result("NVIDIA GeForce RTX 4090", "GPU", "0000:01:00", 128, 2520, gpuGflops, 1.5, 900),
        result("pthread-AMD EPYC", "CPU", null, 2, 2500, cpuGflops, 0.5, 60)), null, null, 1, Instant.EPOCH, 1,
        "manual", null);
  }

  @Test
  void efficiencyIsAgainstTheCatalogPeakOrTheCpuEstimateAndSpreadsAreOverTheRunsMedians() {
    List<SgemmRuns.DeviceRuns> devices = SgemmRuns.summarize(
        List.of(report(50_000, 40), report(52_000, 41), report(51_000, 39)), GpuCatalog.standard(), 32);

    assertThat(devices).hasSize(2);
    SgemmRuns.DeviceRuns gpu = devices.get(0);
    assertThat(gpu.sgemmMedian()).isEqualTo(51_000);
    assertThat(gpu.peakGflops()).isEqualTo(82_600, within(1e-6)); // the RTX 4090's 82.6 TFLOPS
    assertThat(gpu.efficiency()).isEqualTo(51_000 / 82_600.0, within(1e-9));
    assertThat(gpu.runToRunSpreadPercent()).isEqualTo(100 * 2_000 / 51_000.0, within(1e-9));
    assertThat(gpu.worstWithinRunSpreadPercent()).isEqualTo(1.5);
    assertThat(gpu.specBandwidth()).isEqualTo(1008);

    SgemmRuns.DeviceRuns cpu = devices.get(1);
    assertThat(cpu.peakGflops()).isEqualTo(2 * 2.5 * 32, within(1e-9));
    assertThat(cpu.efficiency()).isEqualTo(40 / 160.0, within(1e-9));
    assertThat(cpu.specBandwidth()).isNull();

    String table = SgemmRuns.markdown(devices, 3, 32);
    assertThat(table).contains("| NVIDIA GeForce RTX 4090 | GPU | 1024 | 51000.0 (50000.0-52000.0) | 82600 (catalog:"
        + " NVIDIA GeForce RTX 4090) | 61.7 % | 1.50 % | 3.92 % | 900.0 (89.3 %) |");
    assertThat(table).contains("| pthread-AMD EPYC | CPU | 1024 | 40.0 (39.0-41.0) | 160 (estimate: 2 units x 2.500 GHz"
        + " x 32) | 25.0 % | 0.50 % | 5.00 % | 60.0 |");
  }

  @Test
  void anUnknownGpuHasNoEfficiency() {
    Message.Benchmark report = new Message.Benchmark(
        List.of(result("Mystery GPU", "GPU", "0000:02:00", 10, 1000, 100, 1, 100)), null, null, 1, Instant.EPOCH, 1,
        "manual", null);
    SgemmRuns.DeviceRuns device = SgemmRuns.summarize(List.of(report), GpuCatalog.standard(), 32).get(0);
    assertThat(device.efficiency()).isNull();
    assertThat(SgemmRuns.markdown(List.of(device), 1, 32)).contains("unknown: not in the catalog | n/a |");
  }
}
