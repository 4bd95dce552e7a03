package io.rigshare.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.protocol.wire.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command line and environment of a process job, without running it. */
class ProcessRunnerTest {
  private static final ProcessRunner.Tools ALL = new ProcessRunner.Tools(Optional.of(Path.of("/usr/bin/setsid")),
      Optional.of(Path.of("/usr/bin/prlimit")), Optional.of(Path.of("/usr/bin/taskset")),
      Optional.of(Path.of("/usr/bin/setpriv")), Optional.of(Path.of("/usr/bin/kill")));
  private static final JobUser NOBODY = new JobUser("nobody", 65534, 65534);

  private static JobSpec spec(Long memory, Integer cpus, List<Integer> gpus, Map<String, String> env) {
    return new JobSpec("job-1", 3, new Message.JobRuntime("process", "python3 train.py", null, env, false), gpus,
        memory, cpus);
  }

  @Test
  void aJobWithoutLimitsRunsInItsOwnSessionOnly() throws Exception {
    assertThat(ProcessRunner.command(ALL, null, List.of(0, 1), spec(null, null, List.of(), Map.of())))
        .containsExactly("/usr/bin/setsid", "/bin/sh", "-c", "python3 train.py");
  }

  @Test
  void everyLimitAddsItsWrapperBeforeThePrivilegesAreDropped() throws Exception {
    assertThat(ProcessRunner.command(ALL, NOBODY, List.of(2, 3, 4, 5), spec(1_000_000L, 2, List.of(), Map.of())))
        .containsExactly("/usr/bin/setsid",
            "/usr/bin/prlimit", "--as=1000000", "--",
            "/usr/bin/taskset", "-c", "2,3",
            "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--no-new-privs", "--",
            "/bin/sh", "-c", "python3 train.py");
  }

  @Test
  void aLimitWhoseToolIsMissingIsARejectionNotAnUnconfinedJob() {
    ProcessRunner.Tools noPrlimit = new ProcessRunner.Tools(ALL.setsid(), Optional.empty(), ALL.taskset(),
        ALL.setpriv(), ALL.kill());

    assertThatThrownBy(() -> ProcessRunner.command(noPrlimit, null, List.of(0), spec(1_000L, null, List.of(),
        Map.of()))).isInstanceOf(JobRejectedException.class)
        .hasMessage("this host has no prlimit, which the agent needs to give the job a memory limit");
  }

  @Test
  void theEnvironmentIsTheJobsOwnPlusWhatTheAgentSets() {
    Map<String, String> env = ProcessRunner.environment(
        spec(null, null, List.of(1, 3), Map.of("EPOCHS", "3", "PATH", "/opt/job/bin")), Path.of("/data/jobs/job-1-3"));

    assertThat(env).containsOnly(
        Map.entry("PATH", "/opt/job/bin"), Map.entry("LANG", "C.UTF-8"), Map.entry("EPOCHS", "3"),
        Map.entry("HOME", "/data/jobs/job-1-3"), Map.entry("RIGSHARE_JOB_ID", "job-1"),
        Map.entry("RIGSHARE_JOB_ATTEMPT", "3"), Map.entry("CUDA_VISIBLE_DEVICES", "1,3"));
  }
}
