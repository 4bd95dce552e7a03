package io.rigshare.agent.jobs;

import io.rigshare.agent.hardware.CommandResult;
import io.rigshare.agent.hardware.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The unprivileged account jobs run as when the agent runs as root ({@code jobs.user}), by number. */
record JobUser(String name, int uid, int gid) {
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

  /** Looks the account up with {@code id}; throws with a message the host can act on. */
  static JobUser lookUp(String name, CommandRunner commands) {
    int uid = id(name, "-u", commands);
    int gid = id(name, "-g", commands);
    if (uid == 0 || gid == 0) {
      throw new IllegalStateException("jobs.user '" + name + "' is root (uid or gid 0); jobs must never run as root");
    }
    return new JobUser(name, uid, gid);
  }

  private static int id(String name, String flag, CommandRunner commands) {
    CommandResult result = commands.run(List.of("id", flag, name), LOOKUP_TIMEOUT);
    if (result instanceof CommandResult.Completed done && done.exitCode() == 0) {
      try {
        return Integer.parseInt(done.stdout().strip());
      } catch (NumberFormatException e) {
        throw new IllegalStateException("'id " + flag + " " + name + "' printed '" + done.stdout().strip() + "'");
      }
    }
    throw new IllegalStateException("jobs.user '" + name + "' is not an account on this machine (" + why(result) + ")");
  }

  private static String why(CommandResult result) {
    if (result instanceof CommandResult.Completed done) {
      return done.stderr().isBlank() ? "id exited " + done.exitCode() : done.stderr().strip();
    }
    return result instanceof CommandResult.Unavailable unavailable ? unavailable.reason() : "id timed out";
  }

  /** Whether this process runs as root, which is when jobs run as another account. */
  static boolean agentIsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
