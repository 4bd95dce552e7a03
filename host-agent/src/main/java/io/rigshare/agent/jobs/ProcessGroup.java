package io.rigshare.agent.jobs;

import io.rigshare.agent.hardware.CommandResult;
import io.rigshare.agent.hardware.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals a job's whole process group. The job's first process leads its own session and group ({@code setsid}), so
 * {@code kill -SIG -- -<pid>} reaches every process the job started, orphans whose parent already died included. The
 * leader's descendants are signalled by pid as well, which catches one that moved to a group of its own while its
 * parent lives; a process that both left the group and lost its parent escapes (only a cgroup would hold it).
 */
final class ProcessGroup {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessGroup.class);
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

  private final ProcessHandle leader;
  private final Path killTool;
  private final CommandRunner commands;

  ProcessGroup(ProcessHandle leader, Path killTool, CommandRunner commands) {
    this.leader = leader;
    this.killTool = killTool;
    this.commands = commands;
  }

  void terminate() {
    signal("TERM");
  }

  void kill() {
    signal("KILL");
  }

  private void signal(String name) {
    // Listed first: once the group is signalled, children die and their own children are re-parented away.
    List<ProcessHandle> descendants = leader.descendants().toList();
    CommandResult result =
        commands.run(List.of(killTool.toString(), "-" + name, "--", "-" + leader.pid()), KILL_TIMEOUT);
    if (!(result instanceof CommandResult.Completed)) {
      LOG.warn("Could not signal the process group {}: {}", leader.pid(), result);
    }
    boolean force = name.equals("KILL");
    for (ProcessHandle process : descendants) {
      if (force) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
    }
    if (force) {
      leader.destroyForcibly();
    } else {
      leader.destroy();
    }
  }
}
