package io.rigshare.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GpuVendorTest {

  @Test
  void vendorStringsAsOshiReportsThem() {
    assertThat(GpuVendor.of("NVIDIA Corporation [0x10de]", "0x2684", "AD102 [GeForce RTX 4090]"))
        .isEqualTo("nvidia");
    assertThat(GpuVendor.of("Advanced Micro Devices, Inc. [AMD/ATI]", "0x744c", "Navi 31"))
        .isEqualTo("amd");
    assertThat(GpuVendor.of("Intel Corporation", "0x46a6", "Alder Lake-P GT2")).isEqualTo("intel");
    assertThat(GpuVendor.of("ASPEED Technology, Inc.", "0x2000", "ASPEED Graphics Family"))
        .isEqualTo("other");
  }

  @Test
  void pciVendorIdAloneIsEnough() {
    assertThat(GpuVendor.of("unknown", "0x10de")).isEqualTo("nvidia");
    assertThat(GpuVendor.of("0x1002")).isEqualTo("amd");
    assertThat(GpuVendor.of("0x8086")).isEqualTo("intel");
  }

  @Test
  void nullsAndNoiseAreOther() {
    assertThat(GpuVendor.of((String) null)).isEqualTo("other");
    assertThat(GpuVendor.of("Matrox Electronics Systems Ltd.", null, "G200eR2")).isEqualTo("other");
  }
}
