package io.rigshare.agent.link;

import io.rigshare.agent.benchmark.BenchmarkService;
import io.rigshare.agent.config.LinkState;
import io.rigshare.agent.jobs.JobSink;
import io.rigshare.agent.jobs.JobSupervisor;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's side of docs/protocol.md: hello, answer the challenge with {@code auth} or {@code register}, then
 * metrics, heartbeats, {@code ack}s for the owner's limits, and the jobs: {@code assign} and {@code cancel} go to the
 * {@link JobSupervisor}, which sends its frames through this connection while it is authenticated, and the answers
 * to its {@code finished} reports ({@code ack} or {@code error} with a {@code fin:} ref) go back to it. Benchmark
 * reports and the answers to {@code verify} and {@code verify-open} come from the {@link BenchmarkService} the same way
 * (docs/protocol.md section 10).
 *
 * <p>Every socket event is handed to this session's own single thread, which also runs the heartbeats: the socket's
 * thread never blocks on a hardware probe, the state needs no locks, and frames are handled in the order they came,
 * the closing one last.
 */
final class LinkSession {
  private static final Logger LOG = LoggerFactory.getLogger(LinkSession.class);

  /** The socket, as the session uses it. */
  interface Outbound {
    void send(String frame);

    void close(int code, String reason);
  }

  /** The agent's own section 10 frames, as an error's {@code ref} names them. */
  private static final Set<String> BENCHMARK_FRAMES = Set.of("benchmark", "verify-commit", "verify-rows");

  private enum Phase { CONNECTING, AWAITING_CHALLENGE, AWAITING_ANSWER, AUTHENTICATED, CLOSED }

  private final LinkContext context;
  private final Credentials credentials;
  private final ServerInfo server;
  private final LinkSettings settings;
  private final NodeReports reports;
  private final JobSupervisor jobs;
  private final JobSink jobSink = this::sendForJobs;
  private final BenchmarkService benchmarks;
  private final BenchmarkService.Sink benchmarkSink = this::sendForBenchmarks;
  private final ScheduledExecutorService worker;
  private final CompletableFuture<SessionEnd> ended = new CompletableFuture<>();

  // Touched on the worker thread only.
  private Outbound out;
  private Phase phase = Phase.CONNECTING;
  private boolean authenticated;
  private boolean registered;
  private String refusalCode;
  private String problem;
  private ScheduledFuture<?> handshakeTimer;
  private ScheduledFuture<?> heartbeats;

  LinkSession(
      LinkContext context, Credentials credentials, ServerInfo server, LinkSettings settings, AtomicLong heartbeatSeq) {
    this.context = context;
    this.credentials = credentials;
    this.server = server;
    this.settings = settings;
    this.jobs = context.jobs();
    this.benchmarks = context.benchmarks();
    this.reports = new NodeReports(context.probe(), context.telemetry(), heartbeatSeq, jobs);
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "rigshare-link-session");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Completes when the connection has closed and every frame before the close was handled. */
  CompletableFuture<SessionEnd> ended() {
    return ended;
  }

  void opened(Outbound socket) {
    submit(() -> onOpen(socket));
  }

  void received(String frame) {
    submit(() -> onFrame(frame));
  }

  void failed(Exception e) {
    submit(() -> problem = problem != null ? problem : describe(e));
  }

  void closed(int code, String reason, boolean remote) {
    if (!submit(() -> onClose(code, reason, remote))) {
      ended.complete(new SessionEnd(false, false, null, "closed (" + code + ")", code));
    }
  }

  private boolean submit(Runnable task) {
    try {
      worker.execute(() -> guarded(task));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("Link task failed", e);
    }
  }

  private void onOpen(Outbound socket) {
    out = socket;
    phase = Phase.AWAITING_CHALLENGE;
    notifyListener(() -> context.listener().onState(LinkState.CONNECTED, server.agentUrl(), null));
    handshakeTimer =
        worker.schedule(this::handshakeTimedOut, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    send(new Message.Hello(
        AuthProof.PROTOCOL_VERSION, settings.agentVersion(), context.key().address(), jobs.runners()));
  }

  private void onFrame(String frame) {
    Wire.Decoded decoded = Wire.decode(frame);
    if (!decoded.ok()) {
      LOG.warn("The server sent a frame the agent cannot read ({}): {}", decoded.errorCode(), decoded.reason());
      if (!"error".equals(decoded.type())) {
        send(new Message.Error(decoded.errorCode(), decoded.reason(), decoded.type()));
      }
      return;
    }
    Message message = decoded.message();
    if (message instanceof Message.Challenge challenge) {
      onChallenge(challenge);
    } else if (message instanceof Message.Registered r) {
      onAccepted(r.nodeId(), r.wallet(), r.heartbeatIntervalSeconds(), r.limits(), true);
    } else if (message instanceof Message.Authenticated a) {
      onAccepted(a.nodeId(), a.wallet(), a.heartbeatIntervalSeconds(), a.limits(), false);
    } else if (message instanceof Message.Limits limits) {
      onLimits(limits);
    } else if (message instanceof Message.Error error) {
      onError(error);
    } else if (message instanceof Message.Ack ack) {
      onAck(ack);
    } else if (message instanceof Message.Assign assign) {
      if (requireAuthenticated("assign")) {
        jobs.assign(assign);
      }
    } else if (message instanceof Message.Cancel cancel) {
      if (requireAuthenticated("cancel")) {
        jobs.cancel(cancel);
      }
    } else if (message instanceof Message.Verify verify) {
      if (requireAuthenticated("verify")) {
        benchmarks.verify(verify);
      }
    } else if (message instanceof Message.VerifyOpen open) {
      if (requireAuthenticated("verify-open")) {
        benchmarks.open(open);
      }
    } else {
      unexpected(decoded.type(), "the agent does not accept '" + decoded.type() + "' frames");
    }
  }

  private void onChallenge(Message.Challenge challenge) {
    if (phase != Phase.AWAITING_CHALLENGE) {
      unexpected("challenge", "a challenge was already answered on this connection");
      return;
    }
    if (server.domain() != null && !Objects.equals(server.domain(), challenge.domain())) {
      LOG.warn("The challenge names domain {} but the API said {}", challenge.domain(), server.domain());
    }
    Instant signedAt = AuthProof.signingTime(context.clock().instant());
    String address = context.key().address();
    if (credentials instanceof Credentials.Register register) {
      String signature =
          AuthProof.sign(
              context.key(), AuthProof.PURPOSE_REGISTER, challenge.domain(), challenge.nonce(), signedAt,
              register.token());
      HardwareReport report = context.probe().report();
      send(new Message.Register(register.token(), address, signedAt, signature, register.name(), report));
    } else {
      String signature =
          AuthProof.sign(context.key(), AuthProof.PURPOSE_AUTH, challenge.domain(), challenge.nonce(), signedAt, null);
      send(new Message.Auth(address, signedAt, signature));
    }
    phase = Phase.AWAITING_ANSWER;
  }

  private void onAccepted(
      String nodeId, String wallet, int intervalSeconds, Message.Limits limits, boolean registration) {
    if (phase != Phase.AWAITING_ANSWER) {
      unexpected(registration ? "registered" : "authenticated", "the agent sent no proof to accept");
      return;
    }
    phase = Phase.AUTHENTICATED;
    authenticated = true;
    registered = registration;
    problem = null;
    refusalCode = null;
    handshakeTimer.cancel(false);
    if (registration) {
      notifyListener(() -> context.listener().onRegistered(nodeId, wallet));
    } else {
      notifyListener(() -> context.listener().onAuthenticated(nodeId, wallet));
    }
    notifyListener(() -> context.listener().onState(LinkState.AUTHENTICATED, "node " + nodeId, null));
    if (limits != null) {
      onLimits(limits);
    }
    if (registration && settings.stopAfterRegister()) {
      out.close(1000, "registered");
      return;
    }
    send(reports.metrics());
    // Reports the last connection may have lost: started for running attempts, every unanswered finished.
    jobs.attach(jobSink).forEach(this::send);
    // The last benchmark report, and a run if one is due (its frames come through benchmarkSink, after these).
    benchmarks.attach(benchmarkSink);
    long seconds = NodeReports.intervalSeconds(settings, intervalSeconds, server);
    heartbeats = worker.scheduleAtFixedRate(this::beat, seconds, seconds, TimeUnit.SECONDS);
    LOG.info("{} as node {} (wallet {}); heartbeat every {} s",
        registration ? "Registered" : "Authenticated", nodeId, wallet, seconds);
  }

  private void onLimits(Message.Limits limits) {
    if (phase != Phase.AUTHENTICATED) {
      unexpected("limits", "limits before authentication");
      return;
    }
    send(context.limits().apply(limits));
  }

  private boolean requireAuthenticated(String type) {
    if (phase != Phase.AUTHENTICATED) {
      unexpected(type, "'" + type + "' before authentication");
      return false;
    }
    return true;
  }

  private void onAck(Message.Ack ack) {
    if (isJobReport(ack.ref())) {
      if (ack.ok()) {
        jobs.onAck(ack.ref());
      } else {
        // Not an answer the protocol gives to a report: keep it, and send it again after the next reconnect.
        LOG.warn("The server did not store the report {}: {}", ack.ref(), ack.error());
      }
      return;
    }
    LOG.debug("The server acknowledged {} (ok={})", ack.ref(), ack.ok());
  }

  /** Refs of the server's answers to {@code finished} reports; such errors concern one job, not the connection. */
  private static boolean isJobReport(String ref) {
    return ref != null && ref.startsWith("fin:");
  }

  private void onError(Message.Error error) {
    if (isJobReport(error.ref())) {
      jobs.onError(error.code(), error.ref());
      return;
    }
    if (error.ref() != null && BENCHMARK_FRAMES.contains(error.ref())) {
      // About one report (e.g. a server that predates section 10), not about the connection.
      LOG.warn("The server did not take the agent's '{}' frame: {} {}", error.ref(), error.code(), error.message());
      return;
    }
    LOG.warn("The server refused: {} {}", error.code(), error.message());
    refusalCode = error.code();
    problem = error.code() + ": " + error.message();
    if (Refusals.isTerminal(error.code(), credentials)) {
      out.close(1000, "refused: " + error.code());
    } else if (ErrorCodes.RATE_LIMITED.equals(error.code())) {
      LOG.info("The server is busy; the agent will retry with backoff");
    }
  }

  private void beat() {
    if (phase != Phase.AUTHENTICATED) {
      return;
    }
    try {
      send(reports.heartbeat());
      reports.metricsIfChanged().ifPresent(metrics -> {
        LOG.info("The hardware report changed; sending metrics");
        send(metrics);
      });
      benchmarks.tick();
    } catch (RuntimeException e) {
      // Caught so one bad reading does not cancel every later heartbeat.
      LOG.warn("Heartbeat failed", e);
    }
  }

  private void handshakeTimedOut() {
    if (phase == Phase.AWAITING_CHALLENGE || phase == Phase.AWAITING_ANSWER) {
      problem = "the server did not complete the handshake within " + settings.handshakeTimeout().toSeconds() + " s";
      out.close(1000, "handshake timeout");
    }
  }

  private void onClose(int code, String reason, boolean remote) {
    if (phase == Phase.CLOSED) {
      return;
    }
    boolean everOpened = phase != Phase.CONNECTING;
    phase = Phase.CLOSED;
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
    }
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    jobs.detach(jobSink);
    benchmarks.detach(benchmarkSink);
    if (problem == null) {
      String why = reason == null || reason.isBlank() ? "" : " " + reason;
      problem = everOpened
          ? "connection closed" + (remote ? " by the server" : "") + " (" + code + why + ")"
          : "cannot connect to " + server.agentUrl() + why;
    } else if (!everOpened) {
      problem = "cannot connect to " + server.agentUrl() + ": " + problem;
    }
    worker.shutdown();
    ended.complete(new SessionEnd(authenticated, registered, refusalCode, problem, code));
  }

  private void unexpected(String type, String reason) {
    LOG.warn("Unexpected '{}' from the server: {}", type, reason);
    send(new Message.Error(ErrorCodes.UNEXPECTED_MESSAGE, reason, type));
  }

  private void send(Message message) {
    sendNow(message);
  }

  /** True when the frame was handed to the socket. */
  private boolean sendNow(Message message) {
    if (out == null || phase == Phase.CLOSED) {
      return false;
    }
    try {
      out.send(Wire.encode(message));
      return true;
    } catch (RuntimeException e) {
      LOG.debug("Could not send a frame; the connection is closing", e);
      return false;
    }
  }

  /** The jobs' way out: on this session's thread, in order with everything else it sends, once authenticated. */
  private CompletionStage<Boolean> sendForJobs(Message message) {
    CompletableFuture<Boolean> sent = new CompletableFuture<>();
    boolean queued = submit(() -> {
      try {
        sent.complete(phase == Phase.AUTHENTICATED && sendNow(message));
      } finally {
        sent.complete(false);
      }
    });
    if (!queued) {
      sent.complete(false);
    }
    return sent;
  }

  /** The benchmarks' way out: on this session's thread, in order, and only while authenticated. */
  private void sendForBenchmarks(Message message) {
    submit(() -> {
      if (phase == Phase.AUTHENTICATED) {
        sendNow(message);
      }
    });
  }

  private static void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("Link listener failed", e);
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
