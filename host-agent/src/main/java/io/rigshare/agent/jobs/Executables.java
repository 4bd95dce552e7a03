package io.rigshare.agent.jobs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tools the runners start, by absolute path: jobs get an environment of their own, so nothing may depend on
 * the job's {@code PATH}. Looks in the agent's {@code PATH}, then in the standard system directories (a service
 * manager may start the agent with a short {@code PATH}).
 */
final class Executables {
  /** The {@code PATH} jobs get, and the fallback search path. */
  static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Set<String> dirs = new LinkedHashSet<>();

  /** Searches each {@code PATH}-style list in turn. */
  Executables(String... paths) {
    for (String path : paths) {
      if (path != null) {
        for (String dir : path.split(File.pathSeparator)) {
          if (!dir.isBlank()) {
            dirs.add(dir);
          }
        }
      }
    }
  }

  static Executables ofThisProcess() {
    return new Executables(System.getenv("PATH"), SYSTEM_PATH);
  }

  Optional<Path> find(String name) {
    for (String dir : dirs) {
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
