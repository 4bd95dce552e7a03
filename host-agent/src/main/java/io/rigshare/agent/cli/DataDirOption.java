package io.rigshare.agent.cli;

import io.rigshare.agent.config.DataDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by every command. */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "The agent's directory (default: $RIGSHARE_AGENT_HOME, else ~/.rigshare-agent).")
  Path dir;

  DataDir resolve() {
    return new DataDir(dir != null ? dir : DataDir.defaultRoot());
  }
}
