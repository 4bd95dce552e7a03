package io.rigshare.agent.jobs;

import io.rigshare.agent.hardware.CommandResult;
import io.rigshare.agent.hardware.CommandRunner;
import io.rigshare.agent.hardware.ProcessCommandRunner;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the job's image with Docker or Podman, whichever answers {@code info} (Docker first), with the command line
 * of {@link ContainerArgs}. Images are never pulled: one the host does not have is a rejection. A cancel or time-out
 * sends SIGTERM to the container, then kills and removes it.
 */
public final class ContainerRunner implements JobRunner {
  public static final String TYPE = "container";
  private static final Duration INFO_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(30);

  private final Engine engine;
  private final boolean hostAllowsNetwork;
  private final CommandRunner commands;
  private final String unavailable;

  /** A container engine's client that answered {@code info}. */
  record Engine(String name, Path binary) {}

  ContainerRunner(Engine engine, boolean hostAllowsNetwork, CommandRunner commands, String unavailable) {
    this.engine = engine;
    this.hostAllowsNetwork = hostAllowsNetwork;
    this.commands = commands;
    this.unavailable = unavailable;
  }

  /** Looks for a working engine: {@code docker info}, then {@code podman info}, must succeed. */
  public static ContainerRunner detect(boolean hostAllowsNetwork) {
    return detect(hostAllowsNetwork, Executables.ofThisProcess(), new ProcessCommandRunner());
  }

  static ContainerRunner detect(boolean hostAllowsNetwork, Executables executables, CommandRunner commands) {
    List<String> problems = new ArrayList<>();
    for (String name : List.of(ContainerArgs.DOCKER, ContainerArgs.PODMAN)) {
      Optional<Path> binary = executables.find(name);
      if (binary.isEmpty()) {
        problems.add(name + " is not installed");
        continue;
      }
      CommandResult info = commands.run(List.of(binary.get().toString(), "info"), INFO_TIMEOUT);
      if (info instanceof CommandResult.Completed done && done.exitCode() == 0) {
        return new ContainerRunner(new Engine(name, binary.get()), hostAllowsNetwork, commands, null);
      }
      problems.add("'" + name + " info' failed: " + describe(info));
    }
    return new ContainerRunner(null, hostAllowsNetwork, commands,
        "no working container engine (" + String.join("; ", problems) + ")");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.ofNullable(unavailable);
  }

  Optional<Engine> engine() {
    return Optional.ofNullable(engine);
  }

  @Override
  public RunningJob start(JobSpec spec) throws JobRejectedException {
    if (unavailable != null) {
      throw new JobRejectedException("the container runner is unavailable on this host: " + unavailable);
    }
    String image = spec.runtime().image();
    CommandResult inspect = engine(List.of("image", "inspect", image));
    if (!(inspect instanceof CommandResult.Completed done && done.exitCode() == 0)) {
      throw new JobRejectedException("the image " + image + " is not on this host (the agent does not pull images): "
          + describe(inspect));
    }
    ContainerArgs.Invocation invocation =
        ContainerArgs.build(engine.name(), engine.binary().toString(), spec, hostAllowsNetwork, System.getenv());
    ProcessBuilder builder = new ProcessBuilder(invocation.command())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(invocation.environment());
    try {
      return new RunningContainer(builder.start(), ContainerArgs.containerName(spec));
    } catch (IOException | RuntimeException e) {
      throw new JobRejectedException("could not start " + engine.name() + ": " + e.getMessage());
    }
  }

  private CommandResult engine(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(engine.binary().toString());
    command.addAll(arguments);
    return commands.run(command, ENGINE_TIMEOUT);
  }

  private static String describe(CommandResult result) {
    if (result instanceof CommandResult.Completed done) {
      String text = (done.stderr().isBlank() ? done.stdout() : done.stderr()).strip();
      // The last line: where the engine's client says what finally went wrong.
      String lastLine = text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
      return "exit " + done.exitCode() + (lastLine.isEmpty() ? "" : ": " + lastLine);
    }
    return result instanceof CommandResult.Unavailable unavailable ? unavailable.reason() : "timed out";
  }

  /** The engine's client running the container attached: its pipes carry the container's output. */
  private final class RunningContainer implements RunningJob {
    private final Process client;
    private final String name;
    private volatile boolean stopping;
    private volatile boolean removed;

    RunningContainer(Process client, String name) {
      this.client = client;
      this.name = name;
    }

    @Override
    public InputStream stdout() {
      return client.getInputStream();
    }

    @Override
    public InputStream stderr() {
      return client.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
      return client.waitFor();
    }

    @Override
    public void terminate() {
      stopping = true;
      engine(List.of("kill", "--signal", "TERM", name));
    }

    @Override
    public void kill() {
      if (!stopping && !client.isAlive()) {
        return; // ended by itself: --rm removes it
      }
      stopping = true;
      engine(List.of("kill", name));
      engine(List.of("rm", "-f", name));
      removed = true;
      client.destroyForcibly();
    }

    @Override
    public void close() {
      // Also when the client died first: the container must not outlive the attempt.
      if (!removed) {
        engine(List.of("rm", "-f", name));
      }
      client.destroyForcibly();
    }
  }
}
