package io.rigshare.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import org.junit.jupiter.api.Test;

/** The real probe (OSHI, real tool lookups) on whatever machine runs the build. */
class OshiHardwareProbeOnThisMachineTest {

  @Test
  void reportsSaneValuesForThisMachine() {
    OshiHardwareProbe probe = OshiHardwareProbe.create();

    HardwareReport report = probe.report();

    assertThat(report.hostname()).isNotBlank().isNotEqualTo("unknown");
    assertThat(report.os().family()).isNotEqualTo("unknown");
    assertThat(report.os().arch()).isEqualTo(System.getProperty("os.arch"));
    assertThat(report.cpu().model()).isNotEqualTo("unknown");
    assertThat(report.cpu().physicalCores()).isGreaterThanOrEqualTo(1);
    assertThat(report.cpu().logicalThreads()).isGreaterThanOrEqualTo(report.cpu().physicalCores());
    assertThat(report.memory().totalBytes()).isPositive();
    assertThat(report.memory().availableBytes()).isBetween(1L, report.memory().totalBytes());
    assertThat(report.disks()).isNotEmpty().allSatisfy(disk -> {
      assertThat(disk.totalBytes()).isPositive();
      assertThat(disk.fsType()).isNotIn("tmpfs", "devtmpfs", "proc", "sysfs", "squashfs");
    });
    assertThat(report.disks()).extracting(DiskInfo::mount).doesNotHaveDuplicates();
    assertThat(report.gpus()).isNotNull();
    assertThat(probe.sampleGpus()).isNotNull();
  }
}
