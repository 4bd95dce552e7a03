package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.testing.Hardware;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.wire.Message.GpuLimit;
import io.rigshare.protocol.wire.Message.NodeLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsValidatorTest {
  private static final HardwareReport HOST = Hardware.report(); // 8 threads, 32 GiB, 1 TB, GPUs 0 and 1
  private final LimitsValidator noCeilings = new LimitsValidator(null, null);

  @Test
  void acceptsLimitsWithinTheHardware() {
    NodeLimits limits = new NodeLimits(8, 32 * Hardware.GIB, 200_000_000_000L,
        List.of(new GpuLimit(0, true, 50), new GpuLimit(1, false, 100)));
    assertThat(noCeilings.problems(limits, HOST)).isEmpty();
  }

  @Test
  void acceptsNoLimitsAtAll() {
    assertThat(noCeilings.problems(NodeLimits.none(), HOST)).isEmpty();
    assertThat(noCeilings.problems(null, HOST)).isEmpty();
  }

  @Test
  void refusesMoreCoresThanLogicalThreads() {
    assertThat(noCeilings.problems(new NodeLimits(64, null, null, List.of()), HOST))
        .containsExactly("cpuCores 64 exceeds the 8 logical CPU threads of this host");
  }

  @Test
  void refusesGpusThatDoNotExist() {
    assertThat(noCeilings.problems(new NodeLimits(null, null, null, List.of(new GpuLimit(7, true, 50))), HOST))
        .containsExactly("GPU 7 does not exist on this host (GPUs here: 0, 1)");
  }

  @Test
  void refusesVramPercentOutsideOneToHundred() {
    NodeLimits limits =
        new NodeLimits(null, null, null, List.of(new GpuLimit(0, true, 0), new GpuLimit(1, true, 101)));
    assertThat(noCeilings.problems(limits, HOST))
        .containsExactly(
            "GPU 0 vramPercent 0 must be between 1 and 100", "GPU 1 vramPercent 101 must be between 1 and 100");
  }

  @Test
  void refusesADuplicateGpuAndNonPositiveSizes() {
    NodeLimits limits = new NodeLimits(0, 0L, -1L, List.of(new GpuLimit(0, true, 10), new GpuLimit(0, true, 20)));
    assertThat(noCeilings.problems(limits, HOST))
        .containsExactly(
            "cpuCores 0 must be at least 1",
            "memoryBytes 0 must be at least 1",
            "diskBytes -1 must be at least 1",
            "GPU 0 is listed twice");
  }

  @Test
  void refusesMoreMemoryOrDiskThanTheHostHas() {
    NodeLimits limits = new NodeLimits(null, 64 * Hardware.GIB, 2_000_000_000_000L, List.of());
    assertThat(noCeilings.problems(limits, HOST)).hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("memoryBytes 68719476736 exceeds"))
        .anySatisfy(p -> assertThat(p).startsWith("diskBytes 2000000000000 exceeds"));
  }

  @Test
  void refusesWhatExceedsTheHostsOwnCeilings() {
    LimitsValidator ceilings = new LimitsValidator(4, 8 * Hardware.GIB);
    assertThat(ceilings.problems(new NodeLimits(6, 16 * Hardware.GIB, null, List.of()), HOST))
        .containsExactly(
            "cpuCores 6 exceeds this host's ceiling of 4 (limits.max.cpu.cores)",
            "memoryBytes 17179869184 exceeds this host's ceiling of 8589934592 (limits.max.memory.bytes)");
    assertThat(ceilings.problems(new NodeLimits(4, 8 * Hardware.GIB, null, List.of()), HOST)).isEmpty();
  }

  @Test
  void skipsChecksTheHardwareReportCannotAnswer() {
    HardwareReport unknown = new HardwareReport(HOST.hostname(), HOST.os(),
        new io.rigshare.protocol.hardware.CpuInfo("unknown", 0, 0, 0),
        new io.rigshare.protocol.hardware.MemoryInfo(0, 0), List.of(), List.of(), HOST.collectedAt());
    assertThat(noCeilings.problems(new NodeLimits(16, 1L << 40, 1L << 40, List.of()), unknown)).isEmpty();
  }
}
