package io.rigshare.bench;

import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated host agent, lean enough to run ten thousand in one JVM: the JDK's {@link WebSocket} (shared selector
 * and executor, see {@link Fleet}) instead of a client with its own threads. It speaks the protocol as the real agent
 * does (docs/protocol.md): hello, challenge, auth (or register) signed with its ed25519 key, ack of the limits, one
 * metrics frame, then a heartbeat with telemetry every interval; when the link drops it reconnects with exponential
 * backoff and full jitter, reset after a connection that authenticated. Terminal refusals stop it.
 */
final class LoadAgent {
  enum Mode {
    RUN,
    REGISTER
  }

  private final Fleet fleet;
  final int index;
  final Keypair key;
  private final FakeRig rig;
  private final Mode mode;
  private final String token;
  private final Backoff backoff;
  private final CompletableFuture<Boolean> done = new CompletableFuture<>();
  private long seq;
  private int attempts;
  private Conn current;
  private ScheduledFuture<?> retry;
  private volatile boolean stopped;
  private volatile String lastProblem;

  LoadAgent(Fleet fleet, int index, Keypair key, Mode mode, String token) {
    this.fleet = fleet;
    this.index = index;
    this.key = key;
    this.mode = mode;
    this.token = token;
    this.rig = new FakeRig(index, fleet.seed);
    this.backoff = new Backoff(new SplittableRandom(fleet.seed * 7_919L + index));
  }

  /** Completes true once registered (REGISTER mode), false when the agent gave up or was refused for good. */
  CompletableFuture<Boolean> done() {
    return done;
  }

  String lastProblem() {
    return lastProblem;
  }

  synchronized boolean isAuthenticated() {
    return current != null && current.state == State.AUTHENTICATED;
  }

  synchronized void start() {
    if (stopped || fleet.stopping) {
      return;
    }
    if (attempts >= fleet.maxAttempts) {
      giveUp("gave up after " + attempts + " attempts: " + lastProblem);
      return;
    }
    attempts++;
    current = new Conn();
    current.open();
  }

  /** Closes the link (normally, code 1000) and stops reconnecting. */
  void stop() {
    Conn c;
    synchronized (this) {
      stopped = true;
      if (retry != null) {
        retry.cancel(false);
      }
      c = current;
    }
    if (c != null) {
      c.closeNormally();
    }
  }

  /** Drops the TCP connection without a close frame (after stop(), for sockets that did not close in time). */
  void abort() {
    Conn c;
    synchronized (this) {
      stopped = true;
      c = current;
    }
    if (c != null && c.ws != null) {
      c.ws.abort();
    }
  }

  private void giveUp(String why) {
    stopped = true;
    lastProblem = why;
    fleet.gaveUp.incrementAndGet();
    done.complete(false);
  }

  private void ended(Conn conn, boolean terminal) {
    synchronized (this) {
      if (conn != current || stopped || fleet.stopping) {
        return;
      }
      if (terminal) {
        giveUp(lastProblem);
        return;
      }
      long delay = backoff.nextMs();
      try {
        retry = fleet.timers.schedule(this::start, delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // The fleet is shutting down.
      }
    }
  }

  private enum State {
    CONNECTING,
    OPEN,
    CHALLENGED,
    AUTHENTICATED,
    ENDED
  }

  /** One WebSocket connection; the JDK calls the listener methods of one socket one at a time. */
  private final class Conn implements WebSocket.Listener {
    private final long startNanos = System.nanoTime();
    private final StringBuilder partial = new StringBuilder();
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private volatile WebSocket ws;
    private volatile State state = State.CONNECTING;
    private boolean sending;
    private boolean terminal;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> timeout;

    void open() {
      fleet.attempts.increment();
      try {
        timeout = fleet.timers.schedule(this::handshakeTimedOut, fleet.handshakeTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return;
      }
      fleet.client(index).newWebSocketBuilder()
          .connectTimeout(java.time.Duration.ofSeconds(10))
          .buildAsync(fleet.agentUrl, this)
          .whenComplete((socket, error) -> {
            if (error != null) {
              fleet.connectFailures.increment();
              lastProblem = "connect: " + rootMessage(error);
              fleet.problem(lastProblem);
              end("connect-failed");
            }
          });
    }

    @Override
    public void onOpen(WebSocket socket) {
      synchronized (this) {
        if (state == State.ENDED) {
          // Opened after the handshake timeout gave up on it: drop it, a newer connection is on its way.
          socket.abort();
          return;
        }
        ws = socket;
        state = State.OPEN;
      }
      fleet.upgradeLatency.add(System.nanoTime() - startNanos);
      send(Wire.encode(new Message.Hello(1, fleet.agentVersion, key.address())));
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          handle(text);
        } catch (RuntimeException e) {
          lastProblem = "frame handling: " + e;
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      if (statusCode == 1013) {
        lastProblem = "server busy (1013)";
      } else if (statusCode != 1000 || state != State.AUTHENTICATED) {
        lastProblem = "closed " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason);
      }
      end(String.valueOf(statusCode));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      lastProblem = "socket: " + rootMessage(error);
      fleet.problem(lastProblem);
      end("error");
    }

    private void handle(String text) {
      io.rigshare.protocol.wire.Wire.Decoded decoded = Wire.decode(text);
      if (!decoded.ok()) {
        fleet.error("UNDECODABLE_" + decoded.errorCode());
        return;
      }
      Message m = decoded.message();
      if (m instanceof Message.Challenge c) {
        state = State.CHALLENGED;
        Instant signedAt = AuthProof.signingTime(Instant.now());
        if (mode == Mode.REGISTER) {
          String sig = AuthProof.sign(key, AuthProof.PURPOSE_REGISTER, c.domain(), c.nonce(), signedAt, token);
          send(Wire.encode(new Message.Register(token, key.address(), signedAt, sig,
              String.format("bench-rig-%05d", index), rig.hardware(Instant.now()))));
        } else {
          String sig = AuthProof.sign(key, AuthProof.PURPOSE_AUTH, c.domain(), c.nonce(), signedAt, null);
          send(Wire.encode(new Message.Auth(key.address(), signedAt, sig)));
        }
      } else if (m instanceof Message.Authenticated a) {
        accepted(a.limits(), a.heartbeatIntervalSeconds());
      } else if (m instanceof Message.Registered r) {
        accepted(r.limits(), r.heartbeatIntervalSeconds());
      } else if (m instanceof Message.Limits limits) {
        send(Wire.encode(new Message.Ack(limits.id(), true, null)));
      } else if (m instanceof Message.Error e) {
        fleet.error(e.code());
        lastProblem = e.code() + ": " + e.message();
        if (Fleet.TERMINAL_ERRORS.contains(e.code())) {
          terminal = true;
        }
      }
    }

    private void accepted(Message.Limits limits, int serverInterval) {
      long now = System.nanoTime();
      fleet.handshakeLatency.add(now - startNanos);
      fleet.authTimes.add(now);
      fleet.handshakes.increment();
      synchronized (this) {
        if (state == State.ENDED) {
          return;
        }
        state = State.AUTHENTICATED;
        fleet.authenticated.incrementAndGet();
        if (timeout != null) {
          timeout.cancel(false);
        }
      }
      backoff.reset();
      if (mode == Mode.REGISTER) {
        done.complete(true);
        synchronized (LoadAgent.this) {
          stopped = true;
        }
        closeNormally();
        return;
      }
      if (limits != null) {
        send(Wire.encode(new Message.Ack(limits.id(), true, null)));
      }
      send(Wire.encode(new Message.Metrics(rig.hardware(Instant.now()))));
      long interval = fleet.heartbeatSeconds > 0 ? fleet.heartbeatSeconds : serverInterval;
      synchronized (this) {
        if (state == State.AUTHENTICATED) {
          try {
            heartbeat = fleet.timers.scheduleAtFixedRate(this::beat, interval * 1000, interval * 1000,
                TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.RejectedExecutionException e) {
            // The fleet is shutting down.
          }
        }
      }
    }

    private void beat() {
      if (state != State.AUTHENTICATED) {
        return;
      }
      long s;
      synchronized (LoadAgent.this) {
        s = ++seq;
      }
      send(Wire.encode(new Message.Heartbeat(s, rig.sample())));
      fleet.heartbeats.increment();
    }

    private void handshakeTimedOut() {
      if (state == State.AUTHENTICATED || state == State.ENDED) {
        return;
      }
      fleet.handshakeTimeouts.increment();
      lastProblem = "handshake timed out in state " + state;
      fleet.problem(lastProblem);
      WebSocket socket = ws;
      if (socket != null) {
        socket.abort();
      }
      end("handshake-timeout");
    }

    /** Queues a text frame; the JDK allows one outstanding send per socket. */
    private void send(String text) {
      synchronized (this) {
        if (state == State.ENDED || ws == null) {
          return;
        }
        if (sending) {
          outbox.add(text);
          return;
        }
        sending = true;
      }
      write(text);
    }

    private void write(String text) {
      ws.sendText(text, true).whenComplete((socket, error) -> {
        String next;
        synchronized (this) {
          if (error != null) {
            fleet.sendFailures.increment();
            outbox.clear();
            sending = false;
            return;
          }
          next = outbox.poll();
          if (next == null) {
            sending = false;
            return;
          }
        }
        write(next);
      });
    }

    void closeNormally() {
      WebSocket socket = ws;
      if (socket == null || state == State.ENDED) {
        return;
      }
      synchronized (this) {
        if (heartbeat != null) {
          heartbeat.cancel(false);
        }
      }
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
      } catch (RuntimeException e) {
        socket.abort();
      }
    }

    private void end(String why) {
      synchronized (this) {
        if (state == State.ENDED) {
          return;
        }
        if (state == State.AUTHENTICATED) {
          fleet.authenticated.decrementAndGet();
        }
        state = State.ENDED;
        if (heartbeat != null) {
          heartbeat.cancel(false);
        }
        if (timeout != null) {
          timeout.cancel(false);
        }
        outbox.clear();
      }
      fleet.closed(why);
      if (mode == Mode.REGISTER && done.isDone()) {
        return;
      }
      ended(this, terminal);
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
