package io.rigshare.agent.jobs;

import static io.rigshare.agent.jobs.JobTesting.MIB;
import static io.rigshare.agent.jobs.JobTesting.WAIT;
import static io.rigshare.agent.jobs.JobTesting.newJobId;
import static io.rigshare.agent.jobs.JobTesting.resources;
import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.hardware.CommandResult;
import io.rigshare.agent.hardware.ProcessCommandRunner;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real containers, on a host whose Docker or Podman engine runs and holds the test image ({@code
 * RIGSHARE_TEST_IMAGE}, default {@code busybox:latest}; the agent never pulls). Skipped, saying why, elsewhere: the
 * development sandbox has the docker client but no engine.
 */
class ContainerRunnerIntegrationTest {
  private static final String IMAGE = System.getenv().getOrDefault("RIGSHARE_TEST_IMAGE", "busybox:latest");
  private static ContainerRunner runner;

  private final Keypair key = Keypair.generate(new SecureRandom());
  private final RecordingSink sink = new RecordingSink();
  private JobSupervisor supervisor;

  @BeforeAll
  static void needsAnEngine() {
    runner = ContainerRunner.detect(false);
    Assumptions.assumeTrue(runner.unavailable().isEmpty(),
        () -> "skipped: no container engine runs here (" + runner.unavailable().orElse("") + ")");
    String binary = runner.engine().orElseThrow().binary().toString();
    CommandResult image = new ProcessCommandRunner().run(List.of(binary, "image", "inspect", IMAGE),
        Duration.ofSeconds(30));
    Assumptions.assumeTrue(image instanceof CommandResult.Completed done && done.exitCode() == 0,
        () -> "skipped: the engine has no " + IMAGE + " image (set RIGSHARE_TEST_IMAGE to one it has)");
  }

  @BeforeEach
  void start() {
    JobSettings settings = new JobSettings(2, 64 * MIB, Duration.ofSeconds(1), null, null, null);
    supervisor = new JobSupervisor(settings, List.of(runner), key, Message.NodeLimits::none, Clock.systemUTC());
    supervisor.attach(sink);
  }

  @AfterEach
  void stop() {
    supervisor.shutdown(Duration.ofSeconds(10));
  }

  private static Message.Assign container(String jobId, String command, int timeLimitSeconds) {
    return new Message.Assign(jobId, 1, new Message.JobRuntime("container", command, IMAGE, Map.of("GREETING", "hi"),
        false), resources(timeLimitSeconds, List.of(), 1, 256 * MIB, MIB));
  }

  @Test
  void runsTheCommandInTheImageWithoutNetworkAndAReadOnlyRoot() throws Exception {
    String jobId = newJobId();
    supervisor.assign(container(jobId,
        "echo $GREETING; pwd; touch /x 2>/dev/null || echo read-only; ls /sys/class/net", 30));

    Message.Finished finished = sink.finished(jobId, Duration.ofSeconds(60));
    assertThat(finished.outcome()).as(sink.output(jobId)).isEqualTo("succeeded");
    assertThat(sink.output(jobId)).isEqualTo("hi\n/work\nread-only\nlo\n");
  }

  @Test
  void theTimeLimitKillsAndRemovesTheContainer() throws Exception {
    String jobId = newJobId();
    supervisor.assign(container(jobId, "trap '' TERM; sleep 1000", 1));

    Message.Finished finished = sink.finished(jobId, WAIT);
    assertThat(finished.outcome()).isEqualTo("timed_out");
    String binary = runner.engine().orElseThrow().binary().toString();
    CommandResult left = new ProcessCommandRunner().run(List.of(binary, "ps", "-a", "-q", "--filter",
        "name=rigshare-" + jobId), Duration.ofSeconds(30));
    assertThat(left).isInstanceOf(CommandResult.Completed.class);
    assertThat(((CommandResult.Completed) left).stdout()).isBlank();
  }
}
