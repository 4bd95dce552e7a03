package io.rigshare.agent.link;

import io.rigshare.agent.config.LinkState;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.ErrorCodes;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's link to the server, kept up until it is stopped or refused for good: discover, connect, handshake, and
 * after any close or failure wait a {@link Backoff} delay and start again with a new socket. The loop runs on its own
 * thread, never on a socket's, and a connection that authenticated resets the backoff.
 *
 * <p>A registration is the first connection's credentials; once the server confirms it, later connections use
 * {@code auth}. While still registering, only {@link LinkSettings#maxRegisterAttempts()} connections are tried.
 */
public final class AgentLink {
  private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);

  private final LinkContext context;
  private final Discovery discovery;
  private final LinkSettings settings;
  private final Backoff backoff;
  private final AtomicLong heartbeatSeq = new AtomicLong();
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CompletableFuture<LinkOutcome> outcome = new CompletableFuture<>();
  private volatile Credentials credentials;
  private volatile boolean stopping;
  private volatile LinkSocket current;
  private volatile Thread thread;
  private ServerInfo lastServer;

  public AgentLink(
      LinkContext context, Credentials credentials, Discovery discovery, LinkSettings settings, Backoff backoff) {
    this.context = context;
    this.credentials = credentials;
    this.discovery = discovery;
    this.settings = settings;
    this.backoff = backoff;
  }

  /** Starts the loop on its own thread; the future completes when the loop ends. */
  public synchronized CompletableFuture<LinkOutcome> start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::runLoop, "rigshare-link");
    thread.start();
    return outcome;
  }

  /** Closes the connection (code 1000) and ends the loop; returns at once. */
  public void stop() {
    stopping = true;
    stopSignal.countDown();
    LinkSocket socket = current;
    if (socket != null && socket.isOpen()) {
      socket.close(1000, "agent stopping");
    }
  }

  /** Waits for the loop to end; true if it did within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    Thread running = thread;
    if (running == null) {
      return true;
    }
    running.join(Math.max(1, timeout.toMillis()));
    return !running.isAlive();
  }

  private void runLoop() {
    LinkOutcome result;
    try {
      result = loop();
    } catch (RuntimeException e) {
      LOG.error("The link failed", e);
      result = LinkOutcome.gaveUp("internal error: " + e);
    }
    notifyState(
        result.kind() == LinkOutcome.Kind.REFUSED ? LinkState.REFUSED : LinkState.STOPPED,
        result.code(), result.message());
    outcome.complete(result);
  }

  private LinkOutcome loop() {
    int registerAttempts = 0;
    while (!stopping) {
      Credentials used = credentials;
      SessionEnd end = connectOnce(used);
      if (end.authenticated()) {
        backoff.reset();
      }
      if (end.replaced()) {
        LOG.warn("Another connection authenticated as this node and replaced this one: is node-key.json in use"
            + " on another machine too? The two would take turns on the server.");
      }
      if (end.registered()) {
        credentials = new Credentials.Auth();
        if (settings.stopAfterRegister()) {
          return LinkOutcome.registered();
        }
      }
      if (stopping) {
        break;
      }
      if (Refusals.isTerminal(end.refusalCode(), used)) {
        return LinkOutcome.refused(end.refusalCode(), end.problem());
      }
      if (credentials instanceof Credentials.Register && ++registerAttempts >= settings.maxRegisterAttempts()) {
        return LinkOutcome.gaveUp(end.problem());
      }
      Duration delay = backoff.next();
      LOG.warn("Link down: {}; retrying in {} ms", end.problem(), delay.toMillis());
      notifyState(LinkState.DISCONNECTED, "retrying in " + seconds(delay), end.problem());
      if (sleep(delay)) {
        break;
      }
    }
    return LinkOutcome.stopped();
  }

  /** One connection, from discovery to close; never throws. */
  private SessionEnd connectOnce(Credentials used) {
    notifyState(LinkState.CONNECTING, null, null);
    ServerInfo server;
    try {
      server = discovery.discover();
      lastServer = server;
    } catch (DiscoveryException e) {
      if (lastServer == null) {
        return SessionEnd.failed(e.getMessage());
      }
      // The API may be down while the gateway is up: try the address it gave last time.
      LOG.info("{}; connecting to {} as before", e.getMessage(), lastServer.agentUrl());
      server = lastServer;
    }
    if (!server.speaks(AuthProof.PROTOCOL_VERSION)) {
      return SessionEnd.refused(
          ErrorCodes.UNSUPPORTED_VERSION,
          "the server speaks protocol versions " + server.protocolVersions() + ", this agent "
              + AuthProof.PROTOCOL_VERSION);
    }
    if (used instanceof Credentials.Register) {
      context.probe().report(); // warms the cache, so answering the 30 s challenge waits on no tool
    }
    LinkSession session = new LinkSession(context, used, server, settings, heartbeatSeq);
    LinkSocket socket;
    try {
      socket = new LinkSocket(
          URI.create(server.agentUrl()), session, (int) settings.connectTimeout().toMillis(), settings.agentVersion());
    } catch (IllegalArgumentException e) {
      return SessionEnd.failed("bad agentUrl " + server.agentUrl() + ": " + e.getMessage());
    }
    return run(socket, session);
  }

  private SessionEnd run(LinkSocket socket, LinkSession session) {
    current = socket;
    try {
      boolean opened =
          socket.connectBlocking(settings.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      if (!opened) {
        // Refused connections are closed already; this ends an upgrade the server never answered.
        socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "the WebSocket upgrade timed out");
      } else if (stopping) {
        socket.close(1000, "agent stopping");
      }
      return session.ended().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
      socket.close(1000, "agent stopping");
      return SessionEnd.failed("interrupted");
    } finally {
      current = null;
    }
  }

  /** Waits out a backoff delay; true when stopped meanwhile. */
  private boolean sleep(Duration delay) {
    try {
      return stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS) || stopping;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void notifyState(LinkState state, String detail, String error) {
    try {
      context.listener().onState(state, detail, error);
    } catch (RuntimeException e) {
      LOG.warn("Link listener failed", e);
    }
  }

  private static String seconds(Duration delay) {
    return String.format("%.1f s", delay.toMillis() / 1000.0);
  }
}
