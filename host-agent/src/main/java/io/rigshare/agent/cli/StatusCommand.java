package io.rigshare.agent.cli;

import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.config.FilePermissions;
import io.rigshare.agent.config.LinkStatus;
import io.rigshare.agent.config.NodeKeyStore;
import io.rigshare.agent.config.NodeState;
import io.rigshare.agent.config.SetupException;
import io.rigshare.protocol.crypto.Keypair;
import java.io.PrintWriter;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows this machine's registration and connection state.",
      "Node id, wallet, API URL, node key and its file mode, and the running agent's last connection state and",
      "error. Exits 0 when the machine is registered, 3 when it is not. Reads only; changes nothing."
    })
public final class StatusCommand implements Callable<Integer> {
  private static final String ROW = "%-12s %s%n";

  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() {
    Logging.quiet();
    PrintWriter out = spec.commandLine().getOut();
    DataDir dir = dataDir.resolve();
    out.printf(ROW, "Data dir:", dir.root());
    Optional<NodeState> node = read(() -> dir.nodeState().read(), out, "Node:");
    boolean registered = node.map(NodeState::nodeId).isPresent();
    if (node.isPresent()) {
      out.printf(ROW, "Node id:", orDash(node.get().nodeId()));
      out.printf(ROW, "Wallet:", orDash(node.get().wallet()));
      out.printf(ROW, "API URL:", orDash(node.get().apiUrl()));
      out.printf(ROW, "Registered:", orDash(node.get().registeredAt()));
    } else {
      out.printf(ROW, "Node id:", "not registered (no " + dir.nodeState().file().getFileName() + ")");
    }
    printKey(dir.key(), out);
    printLink(dir, out);
    out.flush();
    return registered ? ExitCodes.OK : ExitCodes.NOT_REGISTERED;
  }

  private static void printKey(NodeKeyStore keys, PrintWriter out) {
    if (!keys.exists()) {
      out.printf(ROW, "Node key:", "none (" + keys.file() + ")");
      return;
    }
    Optional<Set<PosixFilePermission>> permissions = keys.permissions();
    String mode = permissions.map(FilePermissions::octal).orElse("unknown");
    boolean ownerOnly = permissions.map(FilePermissions::ownerReadWriteOnly).orElse(true);
    try {
      Keypair key = keys.load();
      out.printf(ROW, "Node key:", key.address() + " (" + keys.file() + ")");
    } catch (SetupException e) {
      out.printf(ROW, "Node key:", "unusable: " + e.getMessage());
    }
    out.printf(ROW, "Key mode:", mode + (ownerOnly ? " (ok)" : " (too open; fix: chmod 600 " + keys.file() + ")"));
  }

  private static void printLink(DataDir dir, PrintWriter out) {
    Optional<LinkStatus> status = read(() -> dir.status().read(), out, "Connection:");
    if (status.isEmpty()) {
      out.printf(ROW, "Connection:", "unknown (the agent has not run here)");
      return;
    }
    LinkStatus s = status.get();
    String detail = s.detail() == null ? "" : " (" + s.detail() + ")";
    out.printf(ROW, "Connection:", s.state().wireName() + " since " + s.since() + detail);
    if (s.lastError() != null) {
      out.printf(ROW, "Last error:", s.lastError() + (s.lastErrorAt() == null ? "" : " at " + s.lastErrorAt()));
    }
  }

  private static <T> Optional<T> read(java.util.function.Supplier<Optional<T>> reader, PrintWriter out, String row) {
    try {
      return reader.get();
    } catch (SetupException e) {
      out.printf(ROW, row, "unreadable: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
