package io.rigshare.agent.jobs;

import io.rigshare.agent.hardware.CommandRunner;
import io.rigshare.agent.hardware.ProcessCommandRunner;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code sh -c <command>} on the host (docs/protocol.md section 9, "process"):
 *
 * <pre>
 * setsid [prlimit --as=BYTES --] [taskset -c CPUS] [setpriv --reuid=U --regid=G --clear-groups --no-new-privs --]
 *     /bin/sh -c COMMAND
 * </pre>
 *
 * Each tool sets one thing up and {@code exec}s the next, so the shell keeps the pid Java started, which leads its
 * own session and process group. The environment is replaced, not inherited; the working directory is fresh. A
 * limit the host lacks the tool for is a rejection, never a job run without it.
 */
public final class ProcessRunner implements JobRunner {
  public static final String TYPE = "process";
  private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

  private final JobDirs dirs;
  private final JobUser user;
  private final Tools tools;
  private final List<Integer> cpus;
  private final CommandRunner commands;
  private final String unavailable;

  /** Absolute paths of the tools; empty where this machine lacks one. */
  record Tools(Optional<Path> setsid, Optional<Path> prlimit, Optional<Path> taskset, Optional<Path> setpriv,
      Optional<Path> kill) {
    static Tools find(Executables executables) {
      return new Tools(executables.find("setsid"), executables.find("prlimit"), executables.find("taskset"),
          executables.find("setpriv"), executables.find("kill"));
    }
  }

  ProcessRunner(JobDirs dirs, JobUser user, Tools tools, List<Integer> cpus, CommandRunner commands,
      String unavailable) {
    this.dirs = dirs;
    this.user = user;
    this.tools = tools;
    this.cpus = List.copyOf(cpus);
    this.commands = commands;
    this.unavailable = unavailable;
  }

  /**
   * The runner for this machine, with {@code <dataDir>/jobs} prepared. When the agent runs as root, jobs run as
   * {@code jobUser}; the runner is unavailable (with the reason) when a tool it needs is missing or the account
   * cannot be used.
   */
  public static ProcessRunner create(Path dataDir, String jobUser) {
    CommandRunner commands = new ProcessCommandRunner();
    Tools tools = Tools.find(Executables.ofThisProcess());
    List<Integer> cpus = CpuAffinity.ofThisProcess();
    List<String> missing = new ArrayList<>();
    tools.setsid().ifPresentOrElse(p -> {}, () -> missing.add("setsid"));
    tools.kill().ifPresentOrElse(p -> {}, () -> missing.add("kill"));
    JobUser user = null;
    if (!JobUser.agentIsRoot()) {
      LOG.warn("The agent does not run as root, so process jobs run as its own account and could read {}; run it"
          + " as root (the installer does) to run them as '{}'", dataDir, jobUser);
    } else {
      tools.setpriv().ifPresentOrElse(p -> {}, () -> missing.add("setpriv"));
      try {
        user = JobUser.lookUp(jobUser, commands);
      } catch (IllegalStateException e) {
        return new ProcessRunner(new JobDirs(dataDir, null), null, tools, cpus, commands, e.getMessage());
      }
    }
    JobDirs dirs = new JobDirs(dataDir, user);
    if (!missing.isEmpty()) {
      return new ProcessRunner(dirs, user, tools, cpus, commands,
          "missing " + String.join(", ", missing) + " (util-linux and procps provide them)");
    }
    String problem = dirs.prepare().orElse(null);
    return new ProcessRunner(dirs, user, tools, cpus, commands, problem);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.ofNullable(unavailable);
  }

  /** The account jobs run as; empty when they run as the agent's own. */
  Optional<JobUser> user() {
    return Optional.ofNullable(user);
  }

  @Override
  public RunningJob start(JobSpec spec) throws JobRejectedException {
    if (unavailable != null) {
      throw new JobRejectedException("the process runner is unavailable on this host: " + unavailable);
    }
    List<String> command = command(tools, user, cpus, spec);
    Path workdir;
    try {
      workdir = dirs.create(spec.name());
    } catch (IOException e) {
      throw new JobRejectedException("cannot create the job's working directory: " + e.getMessage());
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workdir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment(spec, workdir));
    try {
      Process process = builder.start();
      return new RunningProcess(process, new ProcessGroup(process.toHandle(), tools.kill().orElseThrow(), commands),
          () -> dirs.delete(workdir));
    } catch (IOException | RuntimeException e) {
      dirs.delete(workdir);
      throw new JobRejectedException("could not start the job: " + e.getMessage());
    }
  }

  /** The command line: the wrappers that set the job's limits up, then {@code sh -c}. */
  static List<String> command(Tools tools, JobUser user, List<Integer> cpus, JobSpec spec)
      throws JobRejectedException {
    List<String> command = new ArrayList<>();
    command.add(require(tools.setsid(), "setsid", "its own session and process group").toString());
    if (spec.memoryBytes() != null) {
      command.add(require(tools.prlimit(), "prlimit", "a memory limit").toString());
      command.add("--as=" + spec.memoryBytes());
      command.add("--");
    }
    if (spec.cpuCores() != null) {
      command.add(require(tools.taskset(), "taskset", "a CPU limit").toString());
      command.add("-c");
      command.add(CpuAffinity.first(cpus, spec.cpuCores()));
    }
    if (user != null) {
      command.add(require(tools.setpriv(), "setpriv", "an unprivileged account").toString());
      command.add("--reuid=" + user.uid());
      command.add("--regid=" + user.gid());
      command.add("--clear-groups");
      command.add("--no-new-privs");
      command.add("--");
    }
    command.add("/bin/sh");
    command.add("-c");
    command.add(spec.runtime().command());
    return command;
  }

  private static Path require(Optional<Path> tool, String name, String purpose) throws JobRejectedException {
    return tool.orElseThrow(() -> new JobRejectedException(
        "this host has no " + name + ", which the agent needs to give the job " + purpose));
  }

  /**
   * The job's whole environment: the job's own variables, then {@code PATH} and {@code LANG} unless it set them,
   * and always {@code HOME}, {@code RIGSHARE_JOB_ID}, {@code RIGSHARE_JOB_ATTEMPT} and {@code CUDA_VISIBLE_DEVICES}
   * (empty when no GPU is assigned). Nothing of the agent's own environment.
   */
  static Map<String, String> environment(JobSpec spec, Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Executables.SYSTEM_PATH);
    env.put("LANG", "C.UTF-8");
    env.putAll(spec.runtime().env());
    env.put("HOME", home.toString());
    env.put("RIGSHARE_JOB_ID", spec.jobId());
    env.put("RIGSHARE_JOB_ATTEMPT", Integer.toString(spec.attempt()));
    env.put("CUDA_VISIBLE_DEVICES", spec.gpus().stream().map(String::valueOf).collect(Collectors.joining(",")));
    return env;
  }

  /** A started {@code sh}: its pipes, and its process group to signal. */
  private static final class RunningProcess implements RunningJob {
    private final Process process;
    private final ProcessGroup group;
    private final Runnable removeWorkdir;

    RunningProcess(Process process, ProcessGroup group, Runnable removeWorkdir) {
      this.process = process;
      this.group = group;
      this.removeWorkdir = removeWorkdir;
    }

    @Override
    public InputStream stdout() {
      return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
      return process.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
      return process.waitFor();
    }

    @Override
    public void terminate() {
      group.terminate();
    }

    private volatile boolean killed;

    @Override
    public void kill() {
      killed = true;
      group.kill();
    }

    @Override
    public void close() {
      if (!killed) { // supervision ended early (e.g. interrupted): nothing may outlive the attempt
        group.kill();
      }
      removeWorkdir.run();
    }
  }
}
