package io.rigshare.agent.cli;

import io.rigshare.agent.config.AgentConfig;
import io.rigshare.agent.config.AgentConfigFile;
import io.rigshare.agent.config.AgentLock;
import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.config.NodeState;
import io.rigshare.agent.link.Credentials;
import io.rigshare.protocol.crypto.Keypair;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Registers this machine with a token from the web app, then stays online.",
      "Creates the data directory and the node key (node-key.json, mode 0600) if they are missing, redeems the",
      "token, writes node.json, and continues as `run` on the same connection unless --no-run."
    })
public final class RegisterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--api", required = true, paramLabel = "URL", description = "The API's URL, e.g. https://rigshare.example.")
  String api;

  @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "The registration token (rsn_...).")
  String token;

  @Option(names = "--name", paramLabel = "NAME", description = "The node's name (default: this machine's hostname).")
  String name;

  @Option(names = "--no-run", description = "Stop once registered instead of staying online.")
  boolean noRun;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String apiUrl = validatedApiUrl();
    if (token.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--token must not be blank");
    }
    DataDir dir = dataDir.resolve().create();
    try (AgentLock lock = AgentLock.acquire(dir.root())) {
      return register(dir, apiUrl, out, err);
    }
  }

  private int register(DataDir dir, String apiUrl, PrintWriter out, PrintWriter err) {
    Optional<NodeState> existing = dir.nodeState().read();
    if (existing.isPresent() && existing.get().nodeId() != null) {
      err.println("This machine is already registered as node " + existing.get().nodeId() + " ("
          + dir.nodeState().file() + ").");
      err.println("  run `rigshare-agent run`; to register it anew, remove node.json and node-key.json first");
      return ExitCodes.ALREADY_REGISTERED;
    }
    AgentConfigFile configFile = dir.config();
    AgentConfig config = configFile.loadOrCreate();
    Logging.applyLevel(config.logLevel());
    if (!apiUrl.equals(config.apiUrl())) {
      // Saved before connecting, so `run` knows the server even if this registration is cut short.
      configFile.setApiUrl(apiUrl);
    }
    Keypair key = dir.key().loadOrCreate(new SecureRandom());
    out.println("Node key " + key.address() + " (" + dir.key().file() + ")");
    out.flush();
    return AgentRunner.run(
        dir, config, key, apiUrl, new Credentials.Register(token.strip(), name), noRun, out, err);
  }

  private String validatedApiUrl() {
    String url = api.strip().replaceAll("/+$", "");
    if (!url.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
      throw new ParameterException(spec.commandLine(), "--api must be an http:// or https:// URL, got '" + api + "'");
    }
    return url;
  }
}
