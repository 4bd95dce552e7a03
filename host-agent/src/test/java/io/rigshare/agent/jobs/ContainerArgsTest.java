package io.rigshare.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.wire.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code docker run} / {@code podman run} command line, flag by flag. */
class ContainerArgsTest {
  private static final String JOB = "5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10";
  private static final Map<String, String> AGENT_ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/root",
      "DOCKER_HOST", "unix:///run/docker.sock", "AWS_SECRET_ACCESS_KEY", "agent-secret", "RIGSHARE_AGENT_HOME",
      "/var/lib/rigshare-agent");

  private static JobSpec spec(String command, Map<String, String> env, boolean network, List<Integer> gpus,
      Long memory, Integer cpus) {
    return new JobSpec(JOB, 2, new Message.JobRuntime("container", command, "pytorch/pytorch:2.3", env, network),
        gpus, memory, cpus);
  }

  private static ContainerArgs.Invocation docker(JobSpec spec, boolean hostAllowsNetwork) {
    return ContainerArgs.build("docker", "/usr/bin/docker", spec, hostAllowsNetwork, AGENT_ENV);
  }

  @Test
  void aFullJobGetsEveryLimitInOrder() {
    ContainerArgs.Invocation run = docker(
        spec("python3 train.py", Map.of("EPOCHS", "3"), false, List.of(0, 2), 34_359_738_368L, 8), false);

    assertThat(run.command()).containsExactly(
        "/usr/bin/docker", "run", "--rm", "--name", "rigshare-" + JOB + "-2",
        "--gpus", "\"device=0,2\"",
        "--memory", "34359738368b", "--memory-swap", "34359738368b",
        "--cpus", "8",
        "--network", "none",
        "--read-only", "--tmpfs", "/tmp", "--tmpfs", "/work", "-w", "/work",
        "--pids-limit", "4096", "--security-opt", "no-new-privileges", "--pull", "never",
        "-e", "HOME=/work", "-e", "LANG=C.UTF-8", "-e", "RIGSHARE_JOB_ID=" + JOB, "-e", "RIGSHARE_JOB_ATTEMPT=2",
        "-e", "EPOCHS",
        "pytorch/pytorch:2.3", "sh", "-c", "python3 train.py");
  }

  @Test
  void withoutGpusLimitsOrCommandThoseFlagsAreLeftOut() {
    List<String> command = docker(spec(null, Map.of(), false, List.of(), null, null), false).command();

    assertThat(command).doesNotContain("--gpus", "--memory", "--memory-swap", "--cpus", "sh", "-c");
    assertThat(command.get(command.size() - 1)).isEqualTo("pytorch/pytorch:2.3");
  }

  @Test
  void theNetworkIsOpenOnlyWhenTheJobAsksAndTheHostAllows() {
    assertThat(docker(spec(null, Map.of(), true, List.of(), null, null), true).command()).doesNotContain("none");
    assertThat(docker(spec(null, Map.of(), true, List.of(), null, null), false).command())
        .containsSequence("--network", "none");
    assertThat(docker(spec(null, Map.of(), false, List.of(), null, null), true).command())
        .containsSequence("--network", "none");
  }

  @Test
  void podmanNamesEachGpuAsACdiDevice() {
    List<String> command = ContainerArgs.build("podman", "/usr/bin/podman",
        spec(null, Map.of(), false, List.of(1, 3), null, null), false, AGENT_ENV).command();

    assertThat(command).containsSequence("--device", "nvidia.com/gpu=1", "--device", "nvidia.com/gpu=3")
        .doesNotContain("--gpus");
  }

  @Test
  void jobSecretsTravelInTheClientsEnvironmentNotOnTheCommandLine() {
    ContainerArgs.Invocation run = docker(spec(null, Map.of("HF_TOKEN", "hf_secret", "A", "1"), false, List.of(),
        null, null), false);

    assertThat(run.command()).containsSequence("-e", "A", "-e", "HF_TOKEN");
    assertThat(String.join(" ", run.command())).doesNotContain("hf_secret");
    assertThat(run.environment()).containsEntry("HF_TOKEN", "hf_secret").containsEntry("A", "1");
  }

  @Test
  void theClientKeepsOnlyTheAgentVariablesItNeedsAndAJobCannotRedirectIt() {
    ContainerArgs.Invocation run = docker(spec(null, Map.of("DOCKER_HOST", "tcp://evil:2375"), false, List.of(),
        null, null), false);

    assertThat(run.environment()).containsOnlyKeys("PATH", "HOME", "DOCKER_HOST")
        .containsEntry("DOCKER_HOST", "unix:///run/docker.sock");
    // The container gets the job's value; the client keeps the agent's.
    assertThat(run.command()).containsSequence("-e", "DOCKER_HOST=tcp://evil:2375");
  }
}
