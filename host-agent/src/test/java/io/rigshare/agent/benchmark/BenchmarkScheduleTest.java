package io.rigshare.agent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.wire.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchmarkScheduleTest {
  private static final Instant RAN = Instant.parse("2026-11-23T10:00:00Z");
  private static final List<String> GPUS = List.of("0|nvidia|NVIDIA GeForce RTX 4090|GPU-0|24564|550.54.14");
  private static final Duration DAY = Duration.ofHours(24);

  private static Optional<StoredBenchmark> stored(List<String> gpus) {
    return Optional.of(new StoredBenchmark(
        new Message.Benchmark(List.of(), 100, null, 1, RAN, 1000, "registration", null), gpus));
  }

  @Test
  void withNoReportItRunsAtOnce() {
    assertThat(BenchmarkSchedule.due(Optional.empty(), GPUS, RAN, DAY)).contains("registration");
  }

  @Test
  void aChangedGpuSetOrDriverTriggersARun() {
    List<String> newDriver = List.of("0|nvidia|NVIDIA GeForce RTX 4090|GPU-0|24564|555.42.02");
    assertThat(BenchmarkSchedule.due(stored(GPUS), newDriver, RAN.plusSeconds(60), DAY)).contains("hardware-change");
    assertThat(BenchmarkSchedule.due(stored(GPUS), List.of(), RAN.plusSeconds(60), DAY)).contains("hardware-change");
  }

  @Test
  void theScheduleRunsOnceTheIntervalIsOverAndZeroTurnsItOff() {
    assertThat(BenchmarkSchedule.due(stored(GPUS), GPUS, RAN.plus(DAY).minusSeconds(1), DAY)).isEmpty();
    assertThat(BenchmarkSchedule.due(stored(GPUS), GPUS, RAN.plus(DAY), DAY)).contains("schedule");
    assertThat(BenchmarkSchedule.due(stored(GPUS), GPUS, RAN.plus(Duration.ofDays(400)), Duration.ZERO)).isEmpty();
  }

  @Test
  void theFingerprintKeepsWhatABenchmarkDependsOnOnly() {
    var gpu = io.rigshare.agent.testing.Hardware.gpu(0);
    var hotter = new io.rigshare.protocol.hardware.GpuInfo(0, "nvidia", gpu.name(), gpu.uuid(), gpu.memoryTotalMib(),
        1L, 99, 80, 300.0, gpu.powerLimitW(), gpu.driverVersion(), gpu.cudaVersion(), gpu.source());
    assertThat(StoredBenchmark.fingerprint(List.of(gpu))).isEqualTo(StoredBenchmark.fingerprint(List.of(hotter)))
        .containsExactly("0|nvidia|NVIDIA GeForce RTX 4090|GPU-0|24564|550.54.14");
  }
}
