package io.rigshare.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.protocol.wire.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignmentsTest {
  private static final String JOB = "5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10";
  private static final JobSettings HOST = new JobSettings(4, 1000, Duration.ofSeconds(1), 8, 64_000L, null);

  private static Message.Assign assign(Message.JobRuntime runtime, Message.JobResources resources) {
    return new Message.Assign(JOB, 1, runtime, resources);
  }

  private static Message.JobRuntime process(String command, Map<String, String> env) {
    return new Message.JobRuntime("process", command, null, env, false);
  }

  private static Message.JobResources resources(List<Integer> gpus, Integer cpus, Long memory) {
    return new Message.JobResources(60, gpus, cpus, memory, 5000);
  }

  private static String problem(Message.Assign assign) {
    return Assignments.problem(assign).orElse(null);
  }

  @Test
  void aWellFormedAssignmentHasNoProblem() {
    assertThat(problem(assign(process("python3 train.py", Map.of("EPOCHS", "3")), resources(List.of(0), 8, 1L))))
        .isNull();
    assertThat(problem(assign(new Message.JobRuntime("container", null, "ghcr.io/org/img@sha256:ab12", Map.of(),
        true), resources(List.of(), null, null)))).isNull();
  }

  @Test
  void namesWhatIsWrong() {
    Message.JobResources ok = resources(List.of(), null, null);
    assertThat(problem(new Message.Assign("../x", 1, process("true", Map.of()), ok))).startsWith("jobId");
    assertThat(problem(new Message.Assign(JOB, 0, process("true", Map.of()), ok))).startsWith("attempt");
    assertThat(problem(assign(null, ok))).isEqualTo("runtime.type is missing");
    assertThat(problem(assign(process(" ", Map.of()), ok))).isEqualTo("a process job needs a command");
    assertThat(problem(assign(new Message.JobRuntime("container", null, "--privileged", Map.of(), false), ok)))
        .startsWith("a container job needs an image");
    assertThat(problem(assign(process("true", Map.of("A=B", "x")), ok))).contains("not a variable name");
    assertThat(problem(assign(process("true", Map.of("CUDA_VISIBLE_DEVICES", "0,1,2,3")), ok)))
        .isEqualTo("env may not set CUDA_VISIBLE_DEVICES: the agent sets it");
    assertThat(problem(assign(process("true", Map.of("RIGSHARE_JOB_ATTEMPT", "9")), ok))).contains("RIGSHARE_");
    assertThat(problem(assign(process("true", Map.of()), null))).isEqualTo("resources are missing");
    assertThat(problem(assign(process("true", Map.of()), new Message.JobResources(0, List.of(), null, null, 1))))
        .startsWith("timeLimitSeconds");
    assertThat(problem(assign(process("true", Map.of()), resources(List.of(1, 1), null, null))))
        .startsWith("gpus must be distinct");
    assertThat(problem(assign(process("true", Map.of()), resources(List.of(), 0, null)))).startsWith("cpuCores");
  }

  @Test
  void theSmallestOfTheJobsTheOwnersAndTheHostsLimitsApplies() throws Exception {
    Message.NodeLimits owner = new Message.NodeLimits(4, 32_000L, null, List.of());

    JobSpec spec = Assignments.spec(assign(process("true", Map.of()), resources(List.of(0), 16, null)), owner, HOST);
    assertThat(spec.cpuCores()).isEqualTo(4);
    assertThat(spec.memoryBytes()).isEqualTo(32_000L);
    assertThat(spec.gpus()).containsExactly(0);

    JobSpec small = Assignments.spec(assign(process("true", Map.of()), resources(List.of(), 2, 1_000L)),
        Message.NodeLimits.none(), HOST);
    assertThat(small.cpuCores()).isEqualTo(2);
    assertThat(small.memoryBytes()).isEqualTo(1_000L);

    JobSpec hostOnly = Assignments.spec(assign(process("true", Map.of()), resources(List.of(), null, null)),
        Message.NodeLimits.none(), HOST);
    assertThat(hostOnly.cpuCores()).isEqualTo(8);
    assertThat(hostOnly.memoryBytes()).isEqualTo(64_000L);

    JobSpec unlimited = Assignments.spec(assign(process("true", Map.of()), resources(List.of(), null, null)),
        Message.NodeLimits.none(), JobSettings.defaults());
    assertThat(unlimited.cpuCores()).isNull();
    assertThat(unlimited.memoryBytes()).isNull();
  }

  @Test
  void aGpuTheOwnerDoesNotOfferIsRefused() {
    Message.NodeLimits owner = new Message.NodeLimits(null, null, null,
        List.of(new Message.GpuLimit(0, true, 100), new Message.GpuLimit(1, false, 100)));

    assertThatThrownBy(() -> Assignments.spec(assign(process("true", Map.of()), resources(List.of(0, 1), null, null)),
        owner, HOST)).isInstanceOf(JobRejectedException.class).hasMessage("GPU 1 is not offered by the owner's limits");
  }

  @Test
  void theForwardedOutputIsTheJobsCapAtMostTheHosts() {
    assertThat(Assignments.forwardCap(assign(process("true", Map.of()), resources(List.of(), null, null)), HOST))
        .isEqualTo(1000);
    assertThat(Assignments.forwardCap(assign(process("true", Map.of()), new Message.JobResources(60, List.of(), null,
        null, 10)), HOST)).isEqualTo(10);
  }
}
