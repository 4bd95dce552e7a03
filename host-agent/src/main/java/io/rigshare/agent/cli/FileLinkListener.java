package io.rigshare.agent.cli;

import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.config.LinkState;
import io.rigshare.agent.config.LinkStatus;
import io.rigshare.agent.config.NodeState;
import io.rigshare.agent.config.SetupException;
import io.rigshare.agent.link.LinkListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the link reports into the data directory: {@code status.json} on every change of state (for {@code
 * status}), {@code node.json} when the server confirms who this node is.
 */
final class FileLinkListener implements LinkListener {
  private static final Logger LOG = LoggerFactory.getLogger(FileLinkListener.class);

  private final DataDir dir;
  private final String apiUrl;
  private final Clock clock;
  private final PrintWriter out;
  private String nodeId;
  private String lastError;
  private Instant lastErrorAt;

  FileLinkListener(DataDir dir, String apiUrl, Clock clock, PrintWriter out) {
    this.dir = dir;
    this.apiUrl = apiUrl;
    this.clock = clock;
    this.out = out;
    this.nodeId = readNodeState().map(NodeState::nodeId).orElse(null);
  }

  @Override
  public synchronized void onState(LinkState state, String detail, String error) {
    Instant now = clock.instant();
    if (error != null) {
      lastError = error;
      lastErrorAt = now;
    }
    try {
      dir.status().write(new LinkStatus(state, now, detail, lastError, lastErrorAt, nodeId));
    } catch (IOException e) {
      LOG.warn("Could not write {}: {}", dir.status().file(), e.getMessage());
    }
  }

  @Override
  public synchronized void onRegistered(String nodeId, String wallet) {
    this.nodeId = nodeId;
    writeNodeState(new NodeState(nodeId, wallet, apiUrl, clock.instant()));
    out.println("Registered this machine as node " + nodeId + " (wallet " + wallet + ").");
    out.flush();
  }

  @Override
  public synchronized void onAuthenticated(String nodeId, String wallet) {
    this.nodeId = nodeId;
    Optional<NodeState> known = readNodeState();
    boolean same = known.map(s -> nodeId.equals(s.nodeId()) && wallet.equals(s.wallet()) && apiUrl.equals(s.apiUrl()))
        .orElse(false);
    if (!same) {
      Instant since = known.filter(s -> nodeId.equals(s.nodeId())).map(NodeState::registeredAt).orElse(clock.instant());
      writeNodeState(new NodeState(nodeId, wallet, apiUrl, since));
    }
  }

  private Optional<NodeState> readNodeState() {
    try {
      return dir.nodeState().read();
    } catch (SetupException e) {
      return Optional.empty(); // rewritten from the server's answer
    }
  }

  private void writeNodeState(NodeState state) {
    try {
      dir.nodeState().write(state);
    } catch (IOException e) {
      LOG.error("Could not write {}: {}", dir.nodeState().file(), e.getMessage());
    }
  }
}
