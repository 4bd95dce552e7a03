package io.rigshare.agent.hardware;

import java.time.Duration;

/** What became of one {@link CommandRunner#run} call. */
public sealed interface CommandResult {

  /** The process ran to its end; a non-zero exit code is still a completion. */
  record Completed(int exitCode, String stdout, String stderr) implements CommandResult {
    public Completed {
      stdout = stdout == null ? "" : stdout;
      stderr = stderr == null ? "" : stderr;
    }
  }

  /** The process could not be started (not installed, not executable) or was interrupted. */
  record Unavailable(String reason) implements CommandResult {}

  /** The process ran past its time limit and was killed. */
  record TimedOut(Duration after) implements CommandResult {}
}
