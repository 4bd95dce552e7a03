package io.rigshare.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The agent's directory and the files in it: {@code agent.properties} (the host's settings), {@code node-key.json}
 * (the node's secret key), {@code node.json} (registration), {@code status.json} (link state), {@code limits.json}
 * (the owner's accepted limits) and {@code benchmark.json} (the last benchmark). Default: {@code $RIGSHARE_AGENT_HOME},
 * else {@code ~/.rigshare-agent}.
 */
public final class DataDir {
  public static final String HOME_VARIABLE = "RIGSHARE_AGENT_HOME";

  private final Path root;

  public DataDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The default location for this environment and home directory. */
  public static Path defaultRoot(Map<String, String> environment, String userHome) {
    String home = environment.get(HOME_VARIABLE);
    return home != null && !home.isBlank() ? Path.of(home) : Path.of(userHome, ".rigshare-agent");
  }

  public static Path defaultRoot() {
    return defaultRoot(System.getenv(), System.getProperty("user.home"));
  }

  public Path root() {
    return root;
  }

  /** Creates the directory (mode 0700 where it is new) if it is missing. */
  public DataDir create() {
    try {
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root);
        try {
          Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
          // Not a POSIX file system: the platform's default protection applies.
        }
      }
      return this;
    } catch (IOException e) {
      throw new SetupException(
          "cannot create the data directory " + root + ": " + e.getMessage(),
          "choose a writable directory with --data-dir or " + HOME_VARIABLE);
    }
  }

  public AgentConfigFile config() {
    return new AgentConfigFile(root.resolve("agent.properties"));
  }

  public NodeKeyStore key() {
    return new NodeKeyStore(root.resolve("node-key.json"));
  }

  public JsonFile<NodeState> nodeState() {
    return new JsonFile<>(root.resolve("node.json"), NodeState.class);
  }

  public JsonFile<LinkStatus> status() {
    return new JsonFile<>(root.resolve("status.json"), LinkStatus.class);
  }

  /** The last benchmark report ({@code io.rigshare.agent.benchmark.StoredBenchmark}). */
  public Path benchmarkFile() {
    return root.resolve("benchmark.json");
  }

  public JsonFile<AcceptedLimits> limits() {
    return new JsonFile<>(root.resolve("limits.json"), AcceptedLimits.class);
  }
}
