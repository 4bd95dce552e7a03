package io.rigshare.bench;

import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.wire.UsageReceipt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * An agent reduced to the protocol: a real WebSocket, a real ed25519 node key, the documented handshake and frames.
 * Tests use it to speak to the gateway frame by frame; the load tool runs thousands of them.
 */
public final class SimulatedAgent implements AutoCloseable {
  private final URI url;
  private final Keypair key;
  private final Clock clock;
  private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private volatile Exception lastError;
  private Client client;
  private javax.net.ssl.SSLSocketFactory tls;
  private List<String> runners = List.of();
  private HardwareReport hardware;
  private volatile JobScript script;
  private volatile java.util.function.Consumer<Message> frameListener;
  private final Set<String> ran = ConcurrentHashMap.newKeySet();
  private final AtomicLong jobsRun = new AtomicLong();
  private final Set<Message.JobRef> running = ConcurrentHashMap.newKeySet();
  private final AtomicLong heartbeatSeq = new AtomicLong();
  private java.util.concurrent.ScheduledExecutorService heartbeats;

  public SimulatedAgent(URI url, Keypair key, Clock clock) {
    this.url = url;
    this.key = key;
    this.clock = clock;
  }

  public Keypair key() {
    return key;
  }

  /** For wss:// URLs whose certificate the default trust store does not know (tests with their own CA). */
  public SimulatedAgent trusting(javax.net.ssl.SSLSocketFactory factory) {
    this.tls = factory;
    return this;
  }

  /**
   * Opens the socket; returns once it is open. Like a real agent it tries again once (with a new client) when an
   * attempt neither opens nor fails within half the timeout: a handshake that never completed was seen in about one
   * in four test runs on a loaded machine, without any error on either side.
   */
  public void open(Duration timeout) throws InterruptedException {
    for (int attempt = 1; attempt <= 2; attempt++) {
      client = new Client();
      if (tls != null) {
        client.setSocketFactory(tls);
      }
      if (client.connectBlocking(timeout.toMillis() / 2, TimeUnit.MILLISECONDS)) {
        return;
      }
      client.close();
    }
    throw new IllegalStateException("could not connect to " + url + (lastError == null ? "" : ": " + lastError),
        lastError);
  }

  /** Offers these job runners in hello, and this hardware at registration. */
  public SimulatedAgent offering(List<String> runners, HardwareReport hardware) {
    this.runners = List.copyOf(runners);
    this.hardware = hardware;
    return this;
  }

  /**
   * What a simulated job does: its outcome, exit code and output, and how long its receipt says it ran (it ends now
   * and started that long ago; keep it within the server's 60 s receipt skew of the assignment).
   */
  public record JobResult(String outcome, Integer exitCode, String output, Duration ran) {
    public static final JobResult OK = new JobResult("succeeded", 0, "done\n");

    public JobResult(String outcome, Integer exitCode, String output) {
      this(outcome, exitCode, output, Duration.ZERO);
    }
  }

  /** Decides the result of each assigned job attempt; null leaves the attempt running (it never finishes). */
  public interface JobScript {
    JobResult run(Message.Assign assign);
  }

  /**
   * Runs every assigned attempt at once, on the socket's thread: {@code started}, the output as one {@code log}
   * chunk, and {@code finished} with a receipt signed by the node key. Each (job, attempt) runs once, however often
   * it is assigned. The frames still arrive in {@link #next}.
   */
  public SimulatedAgent runningJobs(JobScript script) {
    this.script = script;
    return this;
  }

  /**
   * Hands every later frame to {@code listener} (on the socket's thread, after an {@code assign} was run) instead of
   * queueing it for {@link #next}: for load tools that would otherwise fill the queue with frames nobody reads.
   */
  public SimulatedAgent onFrame(java.util.function.Consumer<Message> listener) {
    this.frameListener = listener;
    return this;
  }

  /** Sends a heartbeat (listing the attempts left running) every {@code interval}, until closed. */
  public SimulatedAgent heartbeatEvery(Duration interval) {
    heartbeats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sim-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeats.scheduleAtFixedRate(() -> {
      try {
        if (isOpen()) {
          send(new Message.Heartbeat(heartbeatSeq.incrementAndGet(), null, List.copyOf(running)));
        }
      } catch (RuntimeException closing) {
        // the socket closed between the check and the send; the next tick sees it
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Attempts this agent ran. */
  public long jobsRun() {
    return jobsRun.get();
  }

  private void runJob(Message.Assign assign) {
    if (!ran.add(assign.jobId() + ":" + assign.attempt())) {
      return;
    }
    jobsRun.incrementAndGet();
    var start = UsageReceipt.receiptTime(clock.instant());
    send(new Message.Started(assign.jobId(), assign.attempt(), start));
    JobResult result = script.run(assign);
    if (result == null) {
      running.add(new Message.JobRef(assign.jobId(), assign.attempt()));
      return;
    }
    byte[] output = result.output().getBytes(StandardCharsets.UTF_8);
    if (output.length > 0) {
      send(new Message.Log(assign.jobId(), assign.attempt(), 0, "stdout", result.output()));
    }
    var end = UsageReceipt.receiptTime(clock.instant());
    if (!result.ran().isZero()) {
      start = end.minus(result.ran());
    }
    String sha = sha256(output);
    UsageReceipt receipt = new UsageReceipt(assign.jobId(), assign.attempt(), key.address(), result.outcome(),
        result.exitCode(), start, end, output.length, sha);
    send(new Message.Finished(assign.jobId(), assign.attempt(), result.outcome(), result.exitCode(), start, end,
        output.length, sha, false, null, receipt.sign(key)));
  }

  /** Lower-case hex SHA-256, as receipts carry it. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** hello → challenge, returning the challenge (or throwing with what came instead). */
  public Message.Challenge hello(Duration timeout) throws InterruptedException {
    send(new Message.Hello(1, "sim-0.1", key.address(), runners));
    Message reply = next(timeout);
    if (reply instanceof Message.Challenge challenge) {
      return challenge;
    }
    throw new IllegalStateException("expected a challenge, got " + reply);
  }

  public Message register(String token, String name, Duration timeout) throws InterruptedException {
    Message.Challenge c = hello(timeout);
    var signedAt = AuthProof.signingTime(clock.instant());
    String sig = AuthProof.sign(key, AuthProof.PURPOSE_REGISTER, c.domain(), c.nonce(), signedAt, token);
    send(new Message.Register(token, key.address(), signedAt, sig, name, hardware));
    return next(timeout);
  }

  public Message authenticate(Duration timeout) throws InterruptedException {
    Message.Challenge c = hello(timeout);
    var signedAt = AuthProof.signingTime(clock.instant());
    send(new Message.Auth(key.address(), signedAt,
        AuthProof.sign(key, AuthProof.PURPOSE_AUTH, c.domain(), c.nonce(), signedAt, null)));
    return next(timeout);
  }

  public void send(Message message) {
    client.send(Wire.encode(message));
  }

  public void sendRaw(String text) {
    client.send(text);
  }

  /** The next frame, or null after the timeout. */
  public Message next(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next frame of this type, skipping others (e.g. limits pushed meanwhile), or null after the timeout. */
  public <T extends Message> T nextOf(Class<T> type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      Message m = received.poll(left, TimeUnit.NANOSECONDS);
      if (type.isInstance(m)) {
        return type.cast(m);
      }
    }
  }

  public boolean isOpen() {
    return client != null && client.isOpen();
  }

  /** Completes with the close code when the server (or we) close the socket. */
  public CompletableFuture<Integer> closed() {
    return closed;
  }

  @Override
  public void close() {
    if (heartbeats != null) {
      heartbeats.shutdownNow();
    }
    if (client != null) {
      client.close();
    }
  }

  private final class Client extends WebSocketClient {
    Client() {
      super(url);
      setConnectionLostTimeout(0);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String text) {
      Wire.Decoded decoded = Wire.decode(text);
      if (decoded.ok()) {
        if (script != null && decoded.message() instanceof Message.Assign assign) {
          runJob(assign);
        }
        java.util.function.Consumer<Message> listener = frameListener;
        if (listener != null) {
          listener.accept(decoded.message());
        } else {
          received.add(decoded.message());
        }
      }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      closed.complete(code);
    }

    @Override
    public void onError(Exception e) {
      lastError = e;
    }
  }
}
