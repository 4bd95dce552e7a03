package io.rigshare.marketplace.gateway;

import io.rigshare.marketplace.core.Ids;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.dropwizard.lifecycle.Managed;
import io.rigshare.marketplace.config.AgentGatewayConfig;
import io.rigshare.marketplace.core.NodeEvents;
import io.rigshare.marketplace.core.NodeService;
import io.rigshare.marketplace.db.NodeDao.Node;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.jobs.JobEvents;
import io.rigshare.marketplace.jobs.JobService;
import io.rigshare.marketplace.verify.VerificationService;
import io.rigshare.protocol.wire.UsageReceipt;
import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint host agents keep open (docs/protocol.md). Socket callbacks only decode and route; database
 * work runs on a small pool, and heartbeats are batched by {@link HeartbeatBuffer}. Any frame that is wrong gets an
 * error frame and the connection lives on; only authentication failures close it.
 */
public class AgentGateway implements Managed, NodeEvents.Listener, JobEvents.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(AgentGateway.class);
  static final int MAX_SOCKET_FRAME = 1 << 20;
  static final int CLOSE_REPLACED = 4000;
  static final int CLOSE_STALE = 4001;
  static final int CLOSE_SILENT = 4002;

  private final AgentGatewayConfig config;
  private final NodeService nodes;
  private final JobService jobs;
  private final JobEvents jobEvents;
  private final VerificationService verification;
  private final LogBuffer logs;
  private final Clock clock;
  private final String domain;
  private final String instanceId = UUID.randomUUID().toString();
  private final HeartbeatBuffer heartbeats;
  private final HandshakeLimiter limiter;
  private final AgentFrames frames;
  private final Map<UUID, WebSocket> byNode = new ConcurrentHashMap<>();
  private final ExecutorService work = Executors.newFixedThreadPool(8, named("agent-gateway-db"));
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, named("agent-gateway-timer"));
  private final SecureRandom random = new SecureRandom();
  private final Timer handleTimer;
  private final CountDownLatch started = new CountDownLatch(1);
  private final Server server;
  private volatile boolean stopping;
  private java.time.Duration verifyInterval = java.time.Duration.ofSeconds(5);

  public AgentGateway(
      AgentGatewayConfig config, NodeService nodes, JobService jobs, JobEvents jobEvents,
      VerificationService verification, String domain, MetricRegistry metrics, org.jdbi.v3.core.Jdbi jdbi,
      javax.net.ssl.SSLContext tls) {
    this.config = config;
    this.nodes = nodes;
    this.jobs = jobs;
    this.jobEvents = jobEvents;
    this.verification = verification;
    this.logs = new LogBuffer(jobs);
    this.clock = nodes.clock();
    this.domain = domain;
    this.heartbeats = new HeartbeatBuffer(jdbi, metrics, jobs);
    this.limiter = new HandshakeLimiter(config.getHandshakesPerSecond(), config.getHandshakesPerIpPerMinute());
    this.frames = new AgentFrames(config);
    this.handleTimer = metrics.timer("gateway.heartbeat.handle");
    metrics.gauge("gateway.connections", () -> byNode::size);
    this.server = new Server(new InetSocketAddress(config.getBindHost(), config.getPort()));
    if (tls != null) {
      server.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(tls));
    }
  }

  /** The port the gateway listens on (the real one when configured as 0). */
  public int port() {
    return server.getPort();
  }

  public boolean tls() {
    return config.getTls().enabled();
  }

  /** How often, once started, the verification timers run (late challenges, re-challenges of this instance's nodes). */
  public void verifyEvery(java.time.Duration every) {
    this.verifyInterval = every;
  }

  @Override
  public void start() throws InterruptedException {
    server.setReuseAddr(true);
    // Java-WebSocket's default backlog of 50 made the kernel drop connects during reconnect storms.
    server.setMaxPendingConnections(4096);
    server.setConnectionLostTimeout(60);
    server.start();
    if (!started.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("agent gateway did not start on port " + config.getPort());
    }
    long intervalMs = config.getHeartbeatInterval().toMillis();
    every(1000, "heartbeat flush", this::flushHeartbeats);
    every(50, "log flush", this::flushLogs);
    every(jobs.config().getAssignResend().toMillis(), "assignment resend", this::resendAssignments);
    every(intervalMs, "silent-connection check", this::closeSilent);
    every(intervalMs, "offline sweep", this::sweep);
    every(verifyInterval.toMillis(), "verification timers", this::verificationTick);
    LOG.info("agent gateway listening on {}:{} ({})", config.getBindHost(), port(), tls() ? "wss" : "ws");
  }

  /**
   * Runs a periodic task; one that throws is logged and runs again next time (a scheduled executor would otherwise
   * cancel it silently, and, say, silent connections would never be closed again).
   */
  private void every(long periodMs, String what, Runnable task) {
    timers.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed; it runs again in {} ms", what, periodMs, e);
      }
    }, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() throws InterruptedException {
    stopping = true;
    timers.shutdownNow();
    server.stop(2000);
    flushHeartbeats();
    flushLogs();
    work.shutdown();
    work.awaitTermination(5, TimeUnit.SECONDS);
    // One statement for every node this instance held, instead of a disconnect per socket.
    try {
      int released = nodes.releaseInstance(instanceId, "API instance shutting down");
      LOG.info("agent gateway stopped; {} nodes released", released);
    } catch (RuntimeException e) {
      LOG.warn("could not release this instance's nodes; the offline sweep will", e);
    }
  }

  // ---- frames -----------------------------------------------------------------------------------------------

  private void onText(WebSocket socket, AgentConnection conn, String text) {
    long startNanos = System.nanoTime();
    Wire.Decoded decoded = Wire.decode(text);
    if (!decoded.ok()) {
      send(socket, new Message.Error(decoded.errorCode(), decoded.reason(), decoded.type()));
      return;
    }
    Message message = decoded.message();
    synchronized (conn) {
      switch (conn.phase) {
        case NEW -> onFirstFrame(socket, conn, message);
        case CHALLENGED -> onProof(socket, conn, message);
        case VERIFYING -> unexpected(socket, message, "authentication is in progress");
        case AUTHENTICATED -> onAuthenticated(socket, conn, message, startNanos);
        case CLOSED -> {}
      }
    }
  }

  private void onFirstFrame(WebSocket socket, AgentConnection conn, Message message) {
    if (!(message instanceof Message.Hello hello)) {
      unexpected(socket, message, "send hello first");
      return;
    }
    if (hello.protocolVersion() != 1) {
      refuse(socket, conn, ErrorCodes.UNSUPPORTED_VERSION, "this server speaks protocol version 1", 1002);
      return;
    }
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    Instant now = clock.instant();
    conn.nonce = Base58.encode(nonce);
    conn.challengeExpiresAt = now.plus(config.getChallengeTtl());
    conn.claimedKey = hello.nodeKey();
    conn.agentVersion = hello.agentVersion();
    conn.runners = hello.runners().stream().filter(r -> r.equals("process") || r.equals("container"))
        .distinct().toList();
    conn.phase = AgentConnection.Phase.CHALLENGED;
    send(socket, new Message.Challenge(1, conn.nonce, domain, now, conn.challengeExpiresAt));
  }

  private void onProof(WebSocket socket, AgentConnection conn, Message message) {
    AgentFrames.Proof proof = AgentFrames.proofOf(message);
    if (proof == null) {
      unexpected(socket, message, "answer the challenge with auth or register");
      return;
    }
    String refusal = frames.checkProof(proof, conn, domain, clock.instant());
    if (refusal != null) {
      String code = refusal.startsWith(ErrorCodes.CHALLENGE_EXPIRED) ? ErrorCodes.CHALLENGE_EXPIRED
          : ErrorCodes.INVALID_SIGNATURE;
      refuse(socket, conn, code, refusal.substring(refusal.indexOf(':') + 1).strip(), 1008);
      return;
    }
    // The nonce is spent: a second proof on this connection is refused as unexpected.
    conn.phase = AgentConnection.Phase.VERIFYING;
    work.execute(() -> admit(socket, conn, message));
  }

  private void admit(WebSocket socket, AgentConnection conn, Message message) {
    try {
      Node node;
      boolean registering = message instanceof Message.Register;
      if (message instanceof Message.Register register) {
        node = nodes.register(register.token(), register.nodeKey(), AgentFrames.nodeName(register),
            AgentFrames.hardwareJson(register.hardware()), conn.agentVersion, conn.runners, conn.session,
            instanceId);
      } else {
        node = nodes.connect(
            ((Message.Auth) message).nodeKey(), conn.session, instanceId, conn.agentVersion, conn.runners);
      }
      synchronized (conn) {
        if (conn.phase == AgentConnection.Phase.CLOSED) {
          nodes.disconnect(node.id(), conn.session, "connection closed during authentication");
          return;
        }
        conn.nodeId = node.id();
        conn.claimedKey = node.nodeKey(); // the proven key, also when hello named none
        conn.lastHeartbeatNanos = System.nanoTime();
        conn.phase = AgentConnection.Phase.AUTHENTICATED;
      }
      WebSocket previous = byNode.put(node.id(), socket);
      if (previous != null && previous != socket) {
        previous.close(CLOSE_REPLACED, "replaced by a newer connection");
      }
      Message.Limits limits = AgentFrames.limitsOf(node);
      int interval = (int) config.getHeartbeatInterval().toSeconds();
      send(socket, registering
          ? new Message.Registered(node.id().toString(), node.wallet(), interval, limits)
          : new Message.Authenticated(node.id().toString(), node.wallet(), interval, limits));
      // Attempts assigned while the node was away, then a matching pass for its free capacity.
      conn.serial.execute(() -> sendAssignments(socket, conn, true));
      jobEvents.queued();
    } catch (ApiException e) {
      refuse(socket, conn, e.code().name(), e.getMessage(), 1008);
    } catch (RuntimeException e) {
      LOG.error("authentication failed unexpectedly", e);
      refuse(socket, conn, ErrorCodes.INTERNAL_ERROR, "internal error; retry later", 1011);
    }
  }

  private void onAuthenticated(WebSocket socket, AgentConnection conn, Message message, long startNanos) {
    UUID nodeId = conn.nodeId;
    if (message instanceof Message.Heartbeat hb) {
      conn.lastHeartbeatNanos = System.nanoTime();
      heartbeats.add(new HeartbeatBuffer.Pending(
          nodeId, conn.session, hb.seq(), clock.instant(), hb.telemetry(), hb.jobs()));
      handleTimer.update(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    } else if (message instanceof Message.Log log) {
      onLog(socket, nodeId, log);
    } else if (message instanceof Message.Started started) {
      conn.assignsSent.remove(started.jobId() + ":" + started.attempt());
      conn.serial.execute(() -> {
        if (!jobs.started(nodeId, started)) {
          send(socket, new Message.Cancel(started.jobId(), started.attempt(),
              "this node does not hold this attempt (it was requeued, cancelled or finished)"));
        }
      });
    } else if (message instanceof Message.Finished finished) {
      conn.assignsSent.remove(finished.jobId() + ":" + finished.attempt());
      conn.serial.execute(() -> {
        logs.flush(); // the attempt's output, received before this frame, is stored before it ends
        JobService.Verdict verdict = jobs.finished(nodeId, conn.claimedKey, finished);
        String ref = UsageReceipt.ref(finished.jobId(), finished.attempt());
        send(socket, verdict.ok() ? new Message.Ack(ref, true, null)
            : new Message.Error(verdict.errorCode(), verdict.reason(), ref));
      });
    } else if (message instanceof Message.Metrics metrics) {
      String hardware = AgentFrames.hardwareJson(metrics.hardware());
      work.execute(() -> nodes.updateHardware(nodeId, conn.session, hardware));
    } else if (message instanceof Message.Ack ack) {
      Long version = AgentFrames.limitsVersion(ack.ref());
      if (version == null) {
        send(socket, new Message.Error(ErrorCodes.MALFORMED_MESSAGE, "ack refers to no frame we sent", ack.ref()));
      } else {
        work.execute(() -> nodes.ackLimits(nodeId, version, ack.ok(), AgentFrames.abbreviate(ack.error())));
      }
    } else if (message instanceof Message.Benchmark benchmark) {
      conn.serial.execute(() -> sendAll(socket, verification.onBenchmark(nodeId, conn.session, benchmark)));
    } else if (message instanceof Message.VerifyCommit commit) {
      conn.serial.execute(() -> sendAll(socket, verification.onCommit(nodeId, commit)));
    } else if (message instanceof Message.VerifyRows rows) {
      conn.serial.execute(() -> sendAll(socket, verification.onRows(nodeId, rows)));
    } else if (message instanceof Message.Error error && VerificationService.isChallengeRef(error.ref())) {
      conn.serial.execute(() -> verification.onAgentError(nodeId, error));
    } else if (message instanceof Message.Error error) {
      LOG.info("agent {} reported {}: {}", nodeId, error.code(), error.message());
    } else {
      unexpected(socket, message, "already authenticated");
    }
  }

  private void onLog(WebSocket socket, UUID nodeId, Message.Log log) {
    UUID jobId = Ids.parse(log.jobId()).orElse(null);
    if (jobId == null) {
      send(socket, new Message.Error(ErrorCodes.MALFORMED_MESSAGE, "jobId is not a job id", "log"));
      return;
    }
    if (log.data() == null || log.seq() < 0 || !("stdout".equals(log.stream()) || "stderr".equals(log.stream()))) {
      send(socket, new Message.Error(ErrorCodes.MALFORMED_MESSAGE,
          "log needs seq >= 0, stream stdout or stderr, and data", "log"));
      return;
    }
    // PostgreSQL text cannot hold NUL; the chunk is shown, not hashed, so replace it.
    String data = log.data().indexOf('\0') >= 0 ? log.data().replace('\0', '\uFFFD') : log.data();
    logs.add(new JobService.Chunk(nodeId, jobId, log.attempt(), log.seq(), log.stream(), data));
  }

  /** Sends the node's unstarted assignments: all of them, or only those not sent within the resend period. */
  private void sendAssignments(WebSocket socket, AgentConnection conn, boolean all) {
    UUID nodeId = conn.nodeId;
    if (nodeId == null || !socket.isOpen()) {
      return;
    }
    try {
      long now = System.nanoTime();
      long resendNanos = jobs.config().getAssignResend().toNanos();
      for (Message.Assign assign : jobs.assignmentsFor(nodeId)) {
        String key = assign.jobId() + ":" + assign.attempt();
        Long sent = conn.assignsSent.get(key);
        if (all || sent == null || now - sent >= resendNanos) {
          conn.assignsSent.put(key, now);
          send(socket, assign);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("could not send assignments to node {}; the resend timer will retry", nodeId, e);
    }
  }

  @Override
  public void onAssigned(UUID nodeId) {
    WebSocket socket = byNode.get(nodeId);
    if (socket != null) {
      AgentConnection conn = socket.getAttachment();
      conn.serial.execute(() -> sendAssignments(socket, conn, false));
    }
  }

  @Override
  public void onCancel(UUID nodeId, UUID jobId, int attempt) {
    WebSocket socket = byNode.get(nodeId);
    if (socket != null) {
      ((AgentConnection) socket.getAttachment()).assignsSent.remove(jobId + ":" + attempt);
      send(socket, new Message.Cancel(jobId.toString(), attempt, "the buyer cancelled the job, or it ended"));
    }
  }

  private void resendAssignments() {
    long resendNanos = jobs.config().getAssignResend().toNanos();
    long now = System.nanoTime();
    for (WebSocket socket : byNode.values()) {
      AgentConnection conn = socket.getAttachment();
      if (conn.assignsSent.values().stream().anyMatch(sent -> now - sent >= resendNanos)) {
        conn.serial.execute(() -> sendAssignments(socket, conn, false));
      }
    }
  }

  private void flushLogs() {
    try {
      logs.flush();
    } catch (RuntimeException e) {
      LOG.warn("log flush failed; will retry", e);
    }
  }

  private void unexpected(WebSocket socket, Message message, String why) {
    send(socket, new Message.Error(ErrorCodes.UNEXPECTED_MESSAGE, why, AgentFrames.typeOf(message)));
  }

  private void refuse(WebSocket socket, AgentConnection conn, String code, String why, int closeCode) {
    synchronized (conn) {
      conn.phase = AgentConnection.Phase.CLOSED;
    }
    send(socket, new Message.Error(code, why, null));
    socket.close(closeCode, code);
  }

  private static void sendAll(WebSocket socket, List<Message> messages) {
    messages.forEach(m -> send(socket, m));
  }

  private static void send(WebSocket socket, Message message) {
    if (socket.isOpen()) {
      try {
        socket.send(Wire.encode(message));
      } catch (RuntimeException e) {
        LOG.debug("could not send {} to {}", message.getClass().getSimpleName(), socket.getRemoteSocketAddress(), e);
      }
    }
  }

  // ---- events from other instances and timers --------------------------------------------------------------

  @Override
  public void onNodeEvent(NodeEvents.Event event) {
    WebSocket socket = byNode.get(event.nodeId());
    if (socket == null) {
      return;
    }
    AgentConnection conn = socket.getAttachment();
    switch (event.kind()) {
      case CONNECTED -> {
        if (!conn.session.equals(event.session())) {
          byNode.remove(event.nodeId(), socket);
          socket.close(CLOSE_REPLACED, "replaced by a newer connection");
        }
      }
      case LIMITS -> work.execute(() -> nodes.find(event.nodeId())
          .ifPresent(node -> send(socket, AgentFrames.limitsOf(node))));
      case DELETED -> refuse(socket, conn, ErrorCodes.NODE_DISABLED, "this node was deleted by its owner", 1008);
    }
  }

  private void flushHeartbeats() {
    heartbeats.flush(
        stale -> stale.forEach(p -> {
          WebSocket socket = byNode.get(p.nodeId());
          if (socket != null && ((AgentConnection) socket.getAttachment()).session.equals(p.session())) {
            byNode.remove(p.nodeId(), socket);
            socket.close(CLOSE_STALE, "this session no longer speaks for the node; reconnect");
          }
        }),
        notHeld -> notHeld.forEach(j -> {
          WebSocket socket = byNode.get(j.nodeId());
          if (socket != null) {
            send(socket, new Message.Cancel(j.id().toString(), j.attempt(), "this node no longer holds this attempt"));
          }
        }));
  }

  private void closeSilent() {
    long limitNanos = config.getHeartbeatInterval().multipliedBy(config.getMissedHeartbeats()).toNanos();
    long handshakeNanos = config.getChallengeTtl().toNanos();
    long now = System.nanoTime();
    for (WebSocket socket : server.getConnections()) {
      AgentConnection conn = socket.getAttachment();
      if (conn == null) {
        continue;
      }
      if (conn.phase == AgentConnection.Phase.AUTHENTICATED && now - conn.lastHeartbeatNanos > limitNanos) {
        // Recorded here, with its reason, before the close: the socket's own close code is not reliable (a peer
        // that drops the TCP connection at once turns it into 1006), and the later disconnect is then a no-op.
        try {
          nodes.disconnect(conn.nodeId, conn.session, "no heartbeat for "
              + java.time.Duration.ofNanos(limitNanos).toSeconds() + " s (closed with " + CLOSE_SILENT + ")");
        } catch (RuntimeException e) {
          LOG.warn("could not record the silent node {} offline; the offline sweep will", conn.nodeId, e);
        }
        socket.close(CLOSE_SILENT, "no heartbeat");
      } else if (conn.phase != AgentConnection.Phase.AUTHENTICATED
          && conn.phase != AgentConnection.Phase.VERIFYING
          && java.time.Duration.between(conn.openedAt, clock.instant()).toNanos() > handshakeNanos) {
        socket.close(1008, "handshake timeout");
      }
    }
  }

  private void sweep() {
    try {
      java.time.Duration silence = config.getHeartbeatInterval().multipliedBy(config.getMissedHeartbeats());
      int swept = nodes.sweepSilent(silence);
      if (swept > 0) {
        LOG.info("marked {} silent nodes offline", swept);
      }
    } catch (RuntimeException e) {
      LOG.warn("offline sweep failed; will retry", e);
    }
  }

  /** Fails late challenges, then challenges this instance's nodes whose re-challenge time came. */
  private void verificationTick() {
    try {
      int late = verification.sweepLate();
      if (late > 0) {
        LOG.info("{} benchmark challenges failed as late", late);
      }
      verification.dueChallenges(instanceId).forEach((nodeId, verify) -> {
        WebSocket socket = byNode.get(nodeId);
        if (socket == null || !socket.isOpen()) {
          verification.notSent(nodeId, verify);
        } else {
          // Through the node's serial executor, so the verify frame follows what was already queued for it.
          ((AgentConnection) socket.getAttachment()).serial.execute(() -> send(socket, verify));
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("verification timers failed; will retry", e);
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The Java-WebSocket server; its callbacks hand everything to the gateway. */
  private final class Server extends WebSocketServer {
    Server(InetSocketAddress address) {
      super(address, Math.max(2, Runtime.getRuntime().availableProcessors()),
          List.of(new Draft_6455(List.<IExtension>of(), List.of(new Protocol("")), MAX_SOCKET_FRAME)));
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
      String ip = socket.getRemoteSocketAddress() == null ? "unknown"
          : socket.getRemoteSocketAddress().getAddress().getHostAddress();
      AgentConnection conn = new AgentConnection(ip, clock.instant(), work);
      socket.setAttachment(conn);
      long waitMs = limiter.tryAcquire(ip);
      if (waitMs > 0) {
        conn.phase = AgentConnection.Phase.CLOSED;
        send(socket, new Message.Error(ErrorCodes.RATE_LIMITED,
            "too many connections; retry in " + Math.max(1, waitMs / 1000) + " s with backoff", null));
        socket.close(1013, ErrorCodes.RATE_LIMITED);
      }
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
      AgentConnection conn = socket.getAttachment();
      try {
        onText(socket, conn, text);
      } catch (RuntimeException e) {
        LOG.error("agent frame handling failed", e);
        send(socket, new Message.Error(ErrorCodes.INTERNAL_ERROR, "internal error", null));
      }
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
      send(socket, new Message.Error(ErrorCodes.MALFORMED_MESSAGE, "binary frames are not part of the protocol", null));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
      AgentConnection conn = socket.getAttachment();
      if (conn == null) {
        return;
      }
      UUID nodeId;
      synchronized (conn) {
        nodeId = conn.phase == AgentConnection.Phase.AUTHENTICATED ? conn.nodeId : null;
        conn.phase = AgentConnection.Phase.CLOSED;
      }
      if (nodeId != null && !stopping) {
        byNode.remove(nodeId, socket);
        String why = "socket closed (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
        work.execute(() -> {
          try {
            nodes.disconnect(nodeId, conn.session, AgentFrames.abbreviate(why));
          } catch (RuntimeException e) {
            LOG.warn("could not record disconnect of {}", nodeId, e);
          }
        });
      }
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
      LOG.debug("agent socket error from {}", socket == null ? "server" : socket.getRemoteSocketAddress(), e);
    }

    @Override
    public void onStart() {
      started.countDown();
    }
  }
}
