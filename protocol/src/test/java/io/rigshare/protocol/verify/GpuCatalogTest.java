package io.rigshare.protocol.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.verify.GpuCatalog.KnownGpu;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuCatalogTest {
  private final GpuCatalog catalog = GpuCatalog.standard();

  private String model(String name) {
    return catalog.lookup(name).map(KnownGpu::model).orElse(null);
  }

  @Test
  void namesAsDriversReportThemFindTheirModel() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("NVIDIA H200", "NVIDIA H200 SXM"),
        Map.entry("NVIDIA H200 NVL", "NVIDIA H200 NVL"),
        Map.entry("NVIDIA H100 80GB HBM3", "NVIDIA H100 SXM"),
        Map.entry("NVIDIA H100 PCIe", "NVIDIA H100 PCIe"),
        Map.entry("NVIDIA H100 NVL", "NVIDIA H100 NVL"),
        Map.entry("NVIDIA A100-SXM4-40GB", "NVIDIA A100 40GB"),
        Map.entry("NVIDIA A100-PCIE-40GB", "NVIDIA A100 40GB"),
        Map.entry("NVIDIA A100-SXM4-80GB", "NVIDIA A100 80GB SXM"),
        Map.entry("NVIDIA A100 80GB PCIe", "NVIDIA A100 80GB PCIe"),
        Map.entry("NVIDIA L40S", "NVIDIA L40S"),
        Map.entry("NVIDIA L40", "NVIDIA L40"),
        Map.entry("NVIDIA L4", "NVIDIA L4"),
        Map.entry("NVIDIA A10G", "NVIDIA A10"),
        Map.entry("NVIDIA A10", "NVIDIA A10"),
        Map.entry("Tesla T4", "NVIDIA T4"),
        Map.entry("Tesla V100-SXM2-16GB", "NVIDIA V100 16GB"),
        Map.entry("Tesla V100-PCIE-32GB", "NVIDIA V100 32GB"),
        Map.entry("Tesla V100S-PCIE-32GB", "NVIDIA V100S"),
        Map.entry("NVIDIA GeForce RTX 5090", "NVIDIA GeForce RTX 5090"),
        Map.entry("NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 4090"),
        Map.entry("NVIDIA GeForce RTX 4080", "NVIDIA GeForce RTX 4080"),
        Map.entry("NVIDIA GeForce RTX 4070 Ti", "NVIDIA GeForce RTX 4070 Ti"),
        Map.entry("NVIDIA GeForce RTX 4070", "NVIDIA GeForce RTX 4070"),
        Map.entry("NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 3090"),
        Map.entry("NVIDIA GeForce RTX 3080", "NVIDIA GeForce RTX 3080"),
        Map.entry("NVIDIA GeForce RTX 3060 Ti", "NVIDIA GeForce RTX 3060 Ti"),
        Map.entry("NVIDIA GeForce RTX 3060", "NVIDIA GeForce RTX 3060"),
        Map.entry("NVIDIA RTX 6000 Ada Generation", "NVIDIA RTX 6000 Ada Generation"),
        Map.entry("NVIDIA RTX A6000", "NVIDIA RTX A6000"),
        Map.entry("AMD Instinct MI300X", "AMD Instinct MI300X"),
        Map.entry("AMD Instinct MI250X", "AMD Instinct MI250X"),
        Map.entry("AMD Radeon RX 7900 XTX", "AMD Radeon RX 7900 XTX"));
    cases.forEach((name, model) -> assertThat(model(name)).as(name).isEqualTo(model));
  }

  @Test
  void unknownNamesAndCpusFindNothing() {
    assertThat(catalog.lookup("pthread-skylake-avx512-AMD EPYC")).isEmpty();
    assertThat(catalog.lookup("NVIDIA GH200 480GB")).isEmpty();
    assertThat(catalog.lookup("Quadro RTX 6000")).isEmpty();
    assertThat(catalog.lookup("")).isEmpty();
    assertThat(catalog.lookup(null)).isEqualTo(Optional.empty());
  }

  @Test
  void everyModelFindsItselfAndHasPositiveFigures() {
    assertThat(catalog.entries()).hasSizeGreaterThanOrEqualTo(30);
    for (KnownGpu gpu : catalog.entries()) {
      assertThat(catalog.lookup(gpu.model())).as(gpu.model()).contains(gpu);
      assertThat(gpu.fp32Tflops()).isPositive();
      assertThat(gpu.bandwidthGBps()).isPositive();
      assertThat(gpu.vramGib()).isPositive();
      assertThat(gpu.vendor()).isIn("nvidia", "amd");
    }
  }

  @Test
  void derivedFigures() {
    KnownGpu h100 = catalog.lookup("NVIDIA H100 80GB HBM3").orElseThrow();
    assertThat(h100.fp32Tflops()).isEqualTo(67.0);
    assertThat(h100.bandwidthGBps()).isEqualTo(3350.0);
    assertThat(h100.vramGib()).isEqualTo(80.0);
    assertThat(h100.peakPoints()).isEqualTo(BenchmarkScore.points(67_000, 3350)).isEqualTo(5695);
    assertThat(h100.minSgemmMillis(4096)).isCloseTo(2.051, org.assertj.core.data.Offset.offset(0.001));
  }
}
