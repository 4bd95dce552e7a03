package io.rigshare.agent.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code docker run} / {@code podman run} command line for an attempt, and the environment of the client
 * process that runs it.
 *
 * <p>The job's variables are passed as {@code -e KEY}, their values taken from the client's environment: a command
 * line is readable by every account on the host ({@code /proc/PID/cmdline}), so a job running as {@code nobody} could
 * read another job's secrets from it. Only variables that steer the client itself ({@code DOCKER_HOST} and the like)
 * go on the command line as {@code -e KEY=VALUE}, so the job cannot point the client elsewhere.
 */
final class ContainerArgs {
  static final String DOCKER = "docker";
  static final String PODMAN = "podman";
  static final int PIDS_LIMIT = 4096;

  /** Variables the client reads for itself, kept from the agent's environment and never taken from a job's. */
  static final Set<String> CLIENT_VARIABLES = Set.of("PATH", "HOME", "TMPDIR", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME",
      "XDG_DATA_HOME", "DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CONTEXT", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY",
      "DOCKER_API_VERSION", "CONTAINER_HOST", "CONTAINER_SSHKEY", "CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF",
      "CONTAINERS_REGISTRIES_CONF", "REGISTRY_AUTH_FILE");

  /** The command line and the client's environment. */
  record Invocation(List<String> command, Map<String, String> environment) {}

  private ContainerArgs() {}

  static String containerName(JobSpec spec) {
    return "rigshare-" + spec.name();
  }

  /**
   * @param engine {@link #DOCKER} or {@link #PODMAN}
   * @param binary the engine's client, by absolute path
   * @param hostAllowsNetwork {@code jobs.network.allowed}
   * @param agentEnvironment the agent's own environment, of which only {@link #CLIENT_VARIABLES} are kept
   */
  static Invocation build(String engine, String binary, JobSpec spec, boolean hostAllowsNetwork,
      Map<String, String> agentEnvironment) {
    List<String> command = new ArrayList<>(List.of(binary, "run", "--rm", "--name", containerName(spec)));
    gpus(engine, spec.gpus(), command);
    if (spec.memoryBytes() != null) {
      // Swap equal to memory: no swap beyond the limit.
      command.addAll(List.of("--memory", spec.memoryBytes() + "b", "--memory-swap", spec.memoryBytes() + "b"));
    }
    if (spec.cpuCores() != null) {
      command.addAll(List.of("--cpus", spec.cpuCores().toString()));
    }
    if (!(spec.runtime().network() && hostAllowsNetwork)) {
      command.addAll(List.of("--network", "none"));
    }
    command.addAll(List.of("--read-only", "--tmpfs", "/tmp", "--tmpfs", "/work", "-w", "/work",
        "--pids-limit", Integer.toString(PIDS_LIMIT), "--security-opt", "no-new-privileges", "--pull", "never"));
    command.addAll(List.of("-e", "HOME=/work", "-e", "LANG=C.UTF-8", "-e", "RIGSHARE_JOB_ID=" + spec.jobId(),
        "-e", "RIGSHARE_JOB_ATTEMPT=" + spec.attempt()));

    Map<String, String> environment = new LinkedHashMap<>();
    agentEnvironment.forEach((key, value) -> {
      if (CLIENT_VARIABLES.contains(key)) {
        environment.put(key, value);
      }
    });
    environment.putIfAbsent("PATH", Executables.SYSTEM_PATH);
    for (Map.Entry<String, String> variable : new TreeMap<>(spec.runtime().env()).entrySet()) {
      if (CLIENT_VARIABLES.contains(variable.getKey())) {
        command.addAll(List.of("-e", variable.getKey() + "=" + variable.getValue()));
      } else {
        command.addAll(List.of("-e", variable.getKey()));
        environment.put(variable.getKey(), variable.getValue());
      }
    }
    command.add(spec.runtime().image());
    String shellCommand = spec.runtime().command();
    if (shellCommand != null && !shellCommand.isBlank()) {
      command.addAll(List.of("sh", "-c", shellCommand));
    }
    return new Invocation(List.copyOf(command), Map.copyOf(environment));
  }

  /**
   * Docker takes {@code --gpus "device=0,1"}: the quotes are part of the value, since Docker reads it as CSV and
   * would split it at the comma. Podman names each GPU as a CDI device.
   */
  private static void gpus(String engine, List<Integer> gpus, List<String> command) {
    if (gpus.isEmpty()) {
      return;
    }
    if (PODMAN.equals(engine)) {
      gpus.forEach(index -> command.addAll(List.of("--device", "nvidia.com/gpu=" + index)));
    } else {
      String devices = gpus.stream().map(String::valueOf).collect(Collectors.joining(","));
      command.addAll(List.of("--gpus", "\"device=" + devices + "\""));
    }
  }
}
