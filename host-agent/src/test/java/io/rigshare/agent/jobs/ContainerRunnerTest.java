package io.rigshare.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.protocol.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine detection and the checks before a container starts, with stand-in engine clients. */
class ContainerRunnerTest {
  @TempDir Path bin;

  private Executables with(String... tools) throws Exception {
    for (String tool : tools) {
      Path file = Files.writeString(bin.resolve(tool), "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return new Executables(bin.toString()); // only there: the host's own docker must not count
  }

  private static JobSpec spec() {
    return new JobSpec("job-1", 1, new Message.JobRuntime("container", "nvidia-smi", "cuda:12", Map.of(), false),
        List.of(), null, null);
  }

  @Test
  void usesDockerWhenItsEngineAnswers() throws Exception {
    FakeCommands commands = new FakeCommands().answer(List.of(bin.resolve("docker").toString(), "info"), 0, "ok", "");

    ContainerRunner runner = ContainerRunner.detect(false, with("docker", "podman"), commands);

    assertThat(runner.unavailable()).isEmpty();
    assertThat(runner.engine()).map(ContainerRunner.Engine::name).contains("docker");
  }

  @Test
  void fallsBackToPodmanWhenDockerHasNoEngine() throws Exception {
    FakeCommands commands = new FakeCommands()
        .answer(List.of(bin.resolve("docker").toString(), "info"), 1, "", "Cannot connect to the Docker daemon")
        .answer(List.of(bin.resolve("podman").toString(), "info"), 0, "ok", "");

    assertThat(ContainerRunner.detect(false, with("docker", "podman"), commands).engine())
        .map(ContainerRunner.Engine::name).contains("podman");
  }

  @Test
  void withoutAWorkingEngineItIsUnavailableSayingWhyAndRejectsJobs() throws Exception {
    FakeCommands commands = new FakeCommands()
        .answer(List.of(bin.resolve("docker").toString(), "info"), 1, "", "Cannot connect to the Docker daemon");

    ContainerRunner runner = ContainerRunner.detect(false, with("docker"), commands);

    assertThat(runner.unavailable()).contains("no working container engine ('docker info' failed: exit 1: Cannot"
        + " connect to the Docker daemon; podman is not installed)");
    assertThatThrownBy(() -> runner.start(spec())).isInstanceOf(JobRejectedException.class)
        .hasMessageStartingWith("the container runner is unavailable on this host");
  }

  @Test
  void anImageTheHostDoesNotHaveIsRejectedNotPulled() throws Exception {
    String docker = bin.resolve("docker").toString();
    FakeCommands commands = new FakeCommands().answer(List.of(docker, "info"), 0, "ok", "")
        .answer(List.of(docker, "image", "inspect", "cuda:12"), 1, "[]", "Error: No such image: cuda:12");
    ContainerRunner runner = ContainerRunner.detect(false, with("docker"), commands);

    assertThatThrownBy(() -> runner.start(spec())).isInstanceOf(JobRejectedException.class)
        .hasMessage("the image cuda:12 is not on this host (the agent does not pull images): exit 1: Error: No such"
            + " image: cuda:12");
    assertThat(commands.calls).noneMatch(call -> call.contains("run") || call.contains("pull"));
  }
}
