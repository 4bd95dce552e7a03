package io.rigshare.agent.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code agent.properties}: created with commented defaults on first use, edited by hand afterwards. The agent itself
 * only ever rewrites the {@code api.url} line, keeping the host's comments and other lines as they are.
 */
public final class AgentConfigFile {
  static final String TEMPLATE =
      """
      # Rigshare host agent settings. A blank value means the default described above it.
      # Restart the agent after editing.

      # The API's public URL, e.g. https://rigshare.example. `register --api` writes it.
      api.url=

      # Heartbeat interval in seconds. Blank: the interval the server asks for.
      heartbeat.override.seconds=

      # Hard ceilings this host accepts. Owner limits above them are refused. Blank: the hardware's size.
      limits.max.cpu.cores=
      limits.max.memory.bytes=

      # Job runners this host allows, comma-separated: container, process. The agent offers those this machine has
      # (container needs a running Docker or Podman; process needs setsid, prlimit and taskset, and setpriv as root).
      runners.allowed=container,process

      # Jobs. When the agent runs as root, processes run as this unprivileged user (never root).
      jobs.user=nobody
      # Whether a container may reach the network when its job asks to (processes share the host's network).
      jobs.network.allowed=false
      # Jobs running at once; further assignments are rejected.
      jobs.max.concurrent=4
      # Output forwarded per job, in bytes; more is counted and hashed into the receipt, but not sent (64 MiB).
      jobs.max.output.bytes=67108864
      # Seconds between SIGTERM and SIGKILL when a job is cancelled or reaches its time limit.
      jobs.kill.grace.seconds=10

      # Hours between the agent's own benchmarks of its GPUs (0: none on a schedule). It also benchmarks when it has
      # no result yet and after a GPU or driver change, never while a job runs.
      benchmark.interval.hours=24

      # Log level: ERROR, WARN, INFO, DEBUG or TRACE (--verbose means DEBUG).
      log.level=INFO
      """;

  private final Path file;

  public AgentConfigFile(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Reads the file, first writing the commented defaults if there is none. */
  public AgentConfig loadOrCreate() {
    if (!Files.exists(file)) {
      try {
        AtomicFiles.write(file, TEMPLATE);
      } catch (IOException e) {
        throw new SetupException("cannot create " + file + ": " + e.getMessage(), "make " + file.getParent() + " writable");
      }
    }
    return load();
  }

  /** Reads the file; the defaults when there is none (nothing is created). */
  public AgentConfig load() {
    if (!Files.exists(file)) {
      return AgentConfig.defaults();
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw new SetupException("cannot read " + file + ": " + e.getMessage(), "fix or delete " + file);
    }
    return AgentConfig.from(properties, file.toString());
  }

  /** Sets {@code api.url}, replacing its line (or adding one) and leaving every other line untouched. */
  public void setApiUrl(String url) {
    try {
      String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : TEMPLATE;
      List<String> lines = new ArrayList<>(text.lines().toList());
      String line = AgentConfig.API_URL + "=" + url;
      boolean replaced = false;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().matches("api\\.url\\s*[=:].*|api\\.url")) {
          lines.set(i, line);
          replaced = true;
          break;
        }
      }
      if (!replaced) {
        lines.add(line);
      }
      AtomicFiles.write(file, String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new SetupException("cannot update " + file + ": " + e.getMessage(), "make " + file + " writable");
    }
  }
}
