package io.rigshare.agent.cli;

import io.rigshare.agent.config.AgentConfig;
import io.rigshare.agent.config.AgentLock;
import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.config.NodeState;
import io.rigshare.agent.link.Credentials;
import io.rigshare.protocol.crypto.Keypair;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps this registered machine online until stopped (SIGTERM).",
      "Connects, authenticates, sends heartbeats and hardware reports, applies the owner's limits, runs the jobs the",
      "server assigns, and reconnects after any failure (backoff with jitter, 1 s to 60 s); jobs keep running",
      "meanwhile. Stops for good only when the server refuses the node; SIGTERM stops running jobs first."
    })
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DataDir dir = dataDir.resolve();
    if (!dir.key().exists()) {
      err.println("This machine is not registered: no node key in " + dir.root() + ".");
      err.println("  register it first: rigshare-agent register --api URL --token TOKEN");
      return ExitCodes.NOT_REGISTERED;
    }
    try (AgentLock lock = AgentLock.acquire(dir.root())) {
      return run(dir, out, err);
    }
  }

  private int run(DataDir dir, PrintWriter out, PrintWriter err) {
    AgentConfig config = dir.config().loadOrCreate();
    Logging.applyLevel(config.logLevel());
    String apiUrl = config.apiUrl() != null
        ? config.apiUrl()
        : dir.nodeState().read().map(NodeState::apiUrl).orElse(null);
    if (apiUrl == null) {
      err.println("No API URL: set api.url in " + dir.config().file() + " or register with --api URL.");
      return ExitCodes.NOT_REGISTERED;
    }
    Keypair key = dir.key().load();
    return AgentRunner.run(dir, config, key, apiUrl, new Credentials.Auth(), false, out, err);
  }
}
