package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.testing.Hardware;
import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareFingerprintTest {

  @Test
  void ignoresReadingsThatChangeFromMomentToMoment() {
    HardwareReport before = Hardware.report();
    GpuInfo busy = new GpuInfo(0, "nvidia", "NVIDIA GeForce RTX 4090", "GPU-0", 24564, 1000L, 99, 80, 440.0, 450.0,
        "550.54.14", "12.4", "nvidia-smi");
    HardwareReport later = new HardwareReport(before.hostname(), before.os(), before.cpu(),
        new MemoryInfo(before.memory().totalBytes(), 1),
        List.of(new DiskInfo("/", "ext4", 1_000_000_000_000L, 1)),
        List.of(busy, before.gpus().get(1)), Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(HardwareFingerprint.of(later)).isEqualTo(HardwareFingerprint.of(before));
  }

  @Test
  void seesHardwareAndDriverChanges() {
    HardwareReport before = Hardware.report();
    assertThat(HardwareFingerprint.of(Hardware.withExtraGpu())).isNotEqualTo(HardwareFingerprint.of(before));
    GpuInfo newDriver = new GpuInfo(0, "nvidia", "NVIDIA GeForce RTX 4090", "GPU-0", 24564, 24000L, 3, 35, 21.5,
        450.0, "560.28.03", "12.6", "nvidia-smi");
    HardwareReport upgraded = Hardware.report(List.of(newDriver, before.gpus().get(1)));
    assertThat(HardwareFingerprint.of(upgraded)).isNotEqualTo(HardwareFingerprint.of(before));
    HardwareReport moreMemory = new HardwareReport(before.hostname(), before.os(), before.cpu(),
        new MemoryInfo(64 * Hardware.GIB, 0), before.disks(), before.gpus(), before.collectedAt());
    assertThat(HardwareFingerprint.of(moreMemory)).isNotEqualTo(HardwareFingerprint.of(before));
  }
}
