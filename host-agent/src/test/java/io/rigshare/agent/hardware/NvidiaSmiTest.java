package io.rigshare.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.hardware.GpuInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NvidiaSmiTest {

  @Test
  void gpusCarryTheCudaVersionFromTheHeaderWhichIsAskedForOnce() {
    FakeCommandRunner runner =
        new FakeCommandRunner().nvidia("nvidia-smi-query-8x-a100.csv", "nvidia-smi-8x-a100.txt");
    NvidiaSmi nvidia = new NvidiaSmi(runner);

    nvidia.gpus();
    ToolResult<GpuInfo> gpus = nvidia.gpus();

    assertThat(gpus.present()).isTrue();
    assertThat(gpus.values()).hasSize(8).extracting(GpuInfo::cudaVersion).containsOnly("13.2");
    assertThat(gpus.values()).extracting(GpuInfo::driverVersion).containsOnly("595.71.05");
    assertThat(runner.calls(NvidiaSmi.QUERY_COMMAND)).isEqualTo(2);
    assertThat(runner.calls(NvidiaSmi.HEADER_COMMAND)).isEqualTo(1);
  }

  @Test
  void aHeaderThatTimedOutIsAskedForAgainNextTime() {
    FakeCommandRunner runner =
        new FakeCommandRunner()
            .prints(NvidiaSmi.QUERY_COMMAND, "nvidia-smi-query-h100.csv")
            .answer(NvidiaSmi.HEADER_COMMAND, new CommandResult.TimedOut(Duration.ofSeconds(10)));
    NvidiaSmi nvidia = new NvidiaSmi(runner);

    assertThat(nvidia.gpus().values().get(0).cudaVersion()).isNull();
    runner.prints(NvidiaSmi.HEADER_COMMAND, "nvidia-smi-h100.txt");

    assertThat(nvidia.gpus().values().get(0).cudaVersion()).isEqualTo("13.1");
    nvidia.gpus();
    assertThat(runner.calls(NvidiaSmi.HEADER_COMMAND)).isEqualTo(2);
  }

  @Test
  void missingToolIsAbsentWithTheReason() {
    ToolResult<GpuInfo> gpus = new NvidiaSmi(new FakeCommandRunner()).gpus();

    assertThat(gpus.present()).isFalse();
    assertThat(gpus.values()).isEmpty();
    assertThat(gpus.absentReason()).contains("No such file or directory");
  }

  @Test
  void timeoutIsAbsentAndNamesTheLimit() {
    FakeCommandRunner runner =
        new FakeCommandRunner()
            .answer(NvidiaSmi.QUERY_COMMAND, new CommandResult.TimedOut(Duration.ofSeconds(10)));

    ToolResult<GpuInfo> gpus = new NvidiaSmi(runner).gpus();

    assertThat(gpus.present()).isFalse();
    assertThat(gpus.absentReason()).isEqualTo("nvidia-smi did not answer within 10 s");
  }

  @Test
  void driverFailureTextBecomesTheReason() {
    // nvidia-smi exits 9 ("driver not loaded") with this text on stdout.
    FakeCommandRunner runner =
        new FakeCommandRunner()
            .answer(
                NvidiaSmi.QUERY_COMMAND,
                new CommandResult.Completed(9, Fixtures.read("nvidia-smi-driver-failure.txt"), ""));

    ToolResult<GpuInfo> gpus = new NvidiaSmi(runner).gpus();

    assertThat(gpus.present()).isFalse();
    assertThat(gpus.absentReason())
        .startsWith("nvidia-smi exited 9: NVIDIA-SMI has failed because it couldn't communicate");
    assertThat(runner.calls(NvidiaSmi.HEADER_COMMAND)).isZero();
  }

  @Test
  void noDevicesIsAbsent() {
    FakeCommandRunner runner =
        new FakeCommandRunner()
            .answer(
                NvidiaSmi.QUERY_COMMAND,
                new CommandResult.Completed(6, Fixtures.read("nvidia-smi-no-devices.txt"), ""));

    assertThat(new NvidiaSmi(runner).gpus().absentReason())
        .isEqualTo("nvidia-smi exited 6: No devices were found");
  }

  @Test
  void rowsWinOverANonZeroExitWhenOneGpuFellOffTheBus() {
    String output = Fixtures.read("nvidia-smi-query-h100.csv")
        + "Unable to determine the device handle for GPU0000:CA:00.0: GPU has fallen off the bus.\n";
    FakeCommandRunner runner =
        new FakeCommandRunner()
            .answer(NvidiaSmi.QUERY_COMMAND, new CommandResult.Completed(15, output, ""))
            .prints(NvidiaSmi.HEADER_COMMAND, "nvidia-smi-h100.txt");

    ToolResult<GpuInfo> gpus = new NvidiaSmi(runner).gpus();

    assertThat(gpus.values()).extracting(GpuInfo::name).containsExactly("NVIDIA H100 80GB HBM3");
  }

  @Test
  void samplesComeFromTheSameQuery() {
    FakeCommandRunner runner = new FakeCommandRunner().nvidia("nvidia-smi-query-h100-mig.csv", "nvidia-smi-h100.txt");

    var samples = new NvidiaSmi(runner).samples().values();

    assertThat(samples).hasSize(1);
    assertThat(samples.get(0).utilizationPercent()).isNull();
    assertThat(samples.get(0).memoryUsedMib()).isEqualTo(59L);
    assertThat(runner.calls(NvidiaSmi.HEADER_COMMAND)).isZero();
  }
}
