package io.rigshare.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real processes: what the fake runner stands in for must behave as the fake does. */
class ProcessCommandRunnerIntegrationTest {

  private final ProcessCommandRunner runner = new ProcessCommandRunner();

  @Test
  void capturesStdoutStderrAndExitCode() {
    CommandResult result =
        runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 9"), Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new CommandResult.Completed(9, "out\n", "err\n"));
  }

  @Test
  void aMissingProgramIsUnavailable() {
    CommandResult result = runner.run(List.of("rigshare-no-such-tool", "--version"), Duration.ofSeconds(10));

    assertThat(result).isInstanceOfSatisfying(CommandResult.Unavailable.class,
        unavailable -> assertThat(unavailable.reason()).startsWith("rigshare-no-such-tool could not be started"));
  }

  @Test
  void aHungProgramIsKilledAtTheTimeoutTogetherWithItsChildren() {
    long started = System.nanoTime();

    // The shell's child sleep holds the pipe open; both must die for the call to return promptly.
    CommandResult result = runner.run(List.of("sh", "-c", "sleep 30; echo never"), Duration.ofMillis(300));

    assertThat(result).isEqualTo(new CommandResult.TimedOut(Duration.ofMillis(300)));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void nvidiaSmiIsAbsentOnThisGpuLessMachine() {
    ToolResult<?> gpus = new NvidiaSmi(runner).gpus();

    assertThat(gpus.present()).isFalse();
    assertThat(gpus.values()).isEmpty();
  }
}
