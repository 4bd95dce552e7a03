package io.rigshare.agent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.hardware.GpuInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuMatcherTest {
  private static GpuInfo gpu(int index, String vendor, String name) {
    return new GpuInfo(index, vendor, name, "GPU-" + index, 24564, null, null, null, null, null, "550.54.14", null,
        vendor.equals("nvidia") ? "nvidia-smi" : "rocm-smi");
  }

  private static GpuMatcher.Device nvidia(String name, String bus) {
    return new GpuMatcher.Device(name, "NVIDIA Corporation", "GPU", bus);
  }

  private static List<Integer> indices(List<Optional<GpuInfo>> matches) {
    return matches.stream().map(m -> m.map(GpuInfo::index).orElse(-1)).toList();
  }

  @Test
  void pciAddressesWinOverOrder() {
    List<GpuInfo> gpus = List.of(gpu(0, "nvidia", "NVIDIA GeForce RTX 4090"), gpu(1, "nvidia", "NVIDIA GeForce RTX 4090"));
    // OpenCL lists the card at bus 0x41 first; nvidia-smi calls it index 1.
    List<GpuMatcher.Device> devices = List.of(
        nvidia("NVIDIA GeForce RTX 4090", "0000:41:00"), nvidia("NVIDIA GeForce RTX 4090", "0000:01:00"));
    Map<String, Integer> busIds = PciBusIds.parse("0, 00000000:01:00.0\n1, 00000000:41:00.0\n");

    assertThat(indices(GpuMatcher.match(devices, gpus, busIds))).containsExactly(1, 0);
  }

  @Test
  void withoutAddressesSameNamedDevicesTakeTheGpusInIndexOrder() {
    List<GpuInfo> gpus = List.of(gpu(0, "nvidia", "NVIDIA GeForce RTX 3090"), gpu(1, "nvidia", "NVIDIA A100-SXM4-80GB"),
        gpu(2, "nvidia", "NVIDIA GeForce RTX 3090"));
    List<GpuMatcher.Device> devices = List.of(nvidia("NVIDIA A100-SXM4-80GB", null),
        nvidia("NVIDIA GeForce RTX 3090", null), nvidia("NVIDIA GeForce RTX 3090", null),
        nvidia("NVIDIA GeForce RTX 3090", null));

    assertThat(indices(GpuMatcher.match(devices, gpus, Map.of()))).containsExactly(1, 0, 2, -1);
  }

  @Test
  void cpuDevicesOtherVendorsAndOtherNamesAreNoGpu() {
    List<GpuInfo> gpus = List.of(gpu(0, "nvidia", "NVIDIA GeForce RTX 4090"), gpu(1, "amd", "AMD Instinct MI300X"));
    List<GpuMatcher.Device> devices = List.of(
        new GpuMatcher.Device("pthread-skylake-avx512-AMD EPYC", "AuthenticAMD", "CPU", null),
        new GpuMatcher.Device("NVIDIA GeForce RTX 4090", "Intel(R) Corporation", "GPU", null),
        nvidia("NVIDIA GeForce RTX 4080", null),
        new GpuMatcher.Device("AMD Instinct MI300X", "Advanced Micro Devices, Inc.", "GPU", null));

    assertThat(indices(GpuMatcher.match(devices, gpus, Map.of()))).containsExactly(-1, -1, -1, 1);
  }

  @Test
  void namesCompareWithoutVendorWordsAndPunctuation() {
    assertThat(GpuMatcher.sameName("NVIDIA GeForce RTX 4090", "GeForce RTX 4090")).isTrue();
    assertThat(GpuMatcher.sameName("Intel(R) Arc(TM) A770 Graphics", "Intel Arc A770")).isTrue();
    assertThat(GpuMatcher.sameName("NVIDIA H100 80GB HBM3", "NVIDIA H100 PCIe")).isFalse();
    assertThat(GpuMatcher.sameName("", "RTX")).isFalse();
  }

  @Test
  void nvidiaSmiBusIdsAreReadAndNormalized() {
    assertThat(PciBusIds.parse("0, 00000000:01:00.0\n1, 00000000:C1:00.0\nbad line\n2, nonsense\n"))
        .isEqualTo(Map.of("0000:01:00", 0, "0000:c1:00", 1));
    assertThat(PciBusIds.normalize("0001:3B:00.0")).isEqualTo("0001:3b:00");
    assertThat(PciBusIds.normalize("3b:00.0")).isNull();
    assertThat(OpenCl.formatPci(0, 0xc1, 0)).isEqualTo("0000:c1:00");
  }
}
