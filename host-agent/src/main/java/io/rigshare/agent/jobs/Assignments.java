package io.rigshare.agent.jobs;

import io.rigshare.protocol.wire.Message;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks an {@code assign} frame before anything runs, and folds the owner's and the host's limits into the job's
 * own (the smallest wins). What fails here is reported as {@code rejected}.
 */
final class Assignments {
  /** Job ids name directories and containers: letters, digits and {@code _.-}, as UUIDs are. */
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  /** An image reference; never starting with '-', which the engine would read as an option. */
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,511}");
  /** Variables the agent sets and a job may not: they say who the job is and which GPUs it may see. */
  private static final Set<String> RESERVED = Set.of("HOME", "CUDA_VISIBLE_DEVICES");

  private Assignments() {}

  /** What is wrong with the frame itself; empty when nothing. */
  static Optional<String> problem(Message.Assign assign) {
    if (assign.jobId() == null || !JOB_ID.matcher(assign.jobId()).matches()) {
      return Optional.of("jobId must be 1 to 128 letters, digits, '_', '.' or '-'");
    }
    if (assign.attempt() < 1) {
      return Optional.of("attempt must be at least 1");
    }
    Message.JobRuntime runtime = assign.runtime();
    if (runtime == null || runtime.type() == null) {
      return Optional.of("runtime.type is missing");
    }
    Optional<String> runtimeProblem = runtimeProblem(runtime);
    return runtimeProblem.isPresent() ? runtimeProblem : resourcesProblem(assign.resources());
  }

  private static Optional<String> runtimeProblem(Message.JobRuntime runtime) {
    String command = runtime.command();
    boolean hasCommand = command != null && !command.isBlank();
    if (ProcessRunner.TYPE.equals(runtime.type()) && !hasCommand) {
      return Optional.of("a process job needs a command");
    }
    if (ContainerRunner.TYPE.equals(runtime.type())
        && (runtime.image() == null || !IMAGE.matcher(runtime.image()).matches())) {
      return Optional.of("a container job needs an image reference (letters, digits and ._/:@+-)");
    }
    if (hasCommand && command.indexOf('\0') >= 0) {
      return Optional.of("the command holds a NUL character");
    }
    for (Map.Entry<String, String> variable : runtime.env().entrySet()) {
      String key = variable.getKey();
      if (!VARIABLE.matcher(key).matches()) {
        return Optional.of("env name '" + abbreviate(key) + "' is not a variable name");
      }
      if (RESERVED.contains(key) || key.startsWith("RIGSHARE_")) {
        return Optional.of("env may not set " + key + ": the agent sets it");
      }
      if (variable.getValue() == null || variable.getValue().indexOf('\0') >= 0) {
        return Optional.of("env " + key + " has no value or holds a NUL character");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> resourcesProblem(Message.JobResources resources) {
    if (resources == null) {
      return Optional.of("resources are missing");
    }
    if (resources.timeLimitSeconds() < 1) {
      return Optional.of("timeLimitSeconds must be at least 1");
    }
    if (resources.maxOutputBytes() < 0) {
      return Optional.of("maxOutputBytes may not be negative");
    }
    if (resources.cpuCores() != null && resources.cpuCores() < 1) {
      return Optional.of("cpuCores must be at least 1 when set");
    }
    if (resources.memoryBytes() != null && resources.memoryBytes() < 1) {
      return Optional.of("memoryBytes must be at least 1 when set");
    }
    Set<Integer> distinct = new HashSet<>();
    for (Integer gpu : resources.gpus()) {
      if (gpu == null || gpu < 0 || !distinct.add(gpu)) {
        return Optional.of("gpus must be distinct GPU indices");
      }
    }
    return Optional.empty();
  }

  /** The spec to run: the job's limits, lowered to the owner's accepted limits and the host's ceilings. */
  static JobSpec spec(Message.Assign assign, Message.NodeLimits owner, JobSettings host) throws JobRejectedException {
    Message.JobResources resources = assign.resources();
    for (Message.GpuLimit gpu : owner.gpus()) {
      if (!gpu.offered() && resources.gpus().contains(gpu.index())) {
        throw new JobRejectedException("GPU " + gpu.index() + " is not offered by the owner's limits");
      }
    }
    Long memory = smallest(resources.memoryBytes(), owner.memoryBytes(), host.maxMemoryBytes());
    Long cpus = smallest(toLong(resources.cpuCores()), toLong(owner.cpuCores()), toLong(host.maxCpuCores()));
    return new JobSpec(assign.jobId(), assign.attempt(), assign.runtime(), resources.gpus(), memory,
        cpus == null ? null : cpus.intValue());
  }

  /** The output forwarded: the job's cap, at most the host's. */
  static long forwardCap(Message.Assign assign, JobSettings host) {
    return Math.min(assign.resources().maxOutputBytes(), host.maxOutputBytes());
  }

  private static Long smallest(Long... values) {
    return Stream.of(values).filter(v -> v != null).min(Long::compare).orElse(null);
  }

  private static Long toLong(Integer value) {
    return value == null ? null : value.longValue();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
