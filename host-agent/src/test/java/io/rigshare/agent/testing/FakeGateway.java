package io.rigshare.agent.testing;

import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for marketplace-api's agent gateway, which is being written in parallel with the agent: it speaks
 * docs/protocol.md from the server's side (a fresh nonce per connection, proofs checked with {@link
 * AuthProof#verify}, registered/authenticated with limits, error frames with the documented close codes) so that the
 * agent's link is tested over a real socket. An end-to-end test against the real gateway should follow.
 */
public final class FakeGateway extends WebSocketServer {
  public static final String DOMAIN = "rigshare.test:8080";
  public static final String WALLET = "4MsVzE9jRx8XFWznvfM49WX8oq8nMEuSTb6EpWgWt82R";

  /** A frame the gateway received, on which connection (1, 2, ...) and when. */
  public record Received(int connection, Message message, long nanos) {}

  private static final class Connection {
    final int id;
    String nonce;
    Instant expiresAt;

    Connection(int id) {
      this.id = id;
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Integer> agentCloseCodes = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<String> refusals = new ConcurrentLinkedDeque<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger verifiedProofs = new AtomicInteger();
  private final CountDownLatch started = new CountDownLatch(1);
  private final SecureRandom random = new SecureRandom();
  private final Object arrivals = new Object();
  private volatile int heartbeatSeconds = 1;
  private volatile Message.Limits initialLimits = new Message.Limits("lim-1", 1, Message.NodeLimits.none());

  public FakeGateway() {
    super(new InetSocketAddress("127.0.0.1", 0));
    setReuseAddr(true);
    setDaemon(true);
  }

  public FakeGateway startAndWait() throws InterruptedException {
    start();
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("fake gateway did not start");
    }
    return this;
  }

  public String url() {
    return "ws://127.0.0.1:" + getPort() + "/agent/v1";
  }

  public void heartbeatSeconds(int seconds) {
    heartbeatSeconds = seconds;
  }

  /** The next proof is answered with this error (and the close code docs/protocol.md gives it). */
  public void refuseNext(String code) {
    refusals.add(code);
  }

  public int connections() {
    return connections.get();
  }

  public int verifiedProofs() {
    return verifiedProofs.get();
  }

  /** Close codes of closes the agent started. */
  public List<Integer> agentCloseCodes() {
    return List.copyOf(agentCloseCodes);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Sends {@code limits} on every open connection, as an owner's change would. */
  public void pushLimits(Message.Limits limits) {
    broadcast(Wire.encode(limits));
  }

  /** Sends any frame on every open connection (a {@code verify}, a {@code verify-open}, ...). */
  public void push(Message message) {
    broadcast(Wire.encode(message));
  }

  /** Closes every connection from the server's side. */
  public void dropAll(int code) {
    getConnections().forEach(c -> c.close(code, "test drops the connection"));
  }

  /** Waits (bounded) for a frame matching {@code test}; empty when none came in time. */
  public Optional<Received> await(Predicate<Received> test, Duration timeout) throws InterruptedException {
    awaitCondition(() -> received.stream().anyMatch(test), timeout);
    return received.stream().filter(test).findFirst();
  }

  /** Waits (bounded) until the agent closed a connection itself; its close codes. */
  public List<Integer> awaitAgentClose(Duration timeout) throws InterruptedException {
    awaitCondition(() -> !agentCloseCodes.isEmpty(), timeout);
    return agentCloseCodes();
  }

  /** Re-checks {@code condition} whenever a frame or a close arrives, until it holds or time is up. */
  private void awaitCondition(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrivals) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        arrivals.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  public <T extends Message> Optional<T> await(Class<T> type, int connection, Duration timeout)
      throws InterruptedException {
    return await(r -> r.connection() == connection && type.isInstance(r.message()), timeout)
        .map(r -> type.cast(r.message()));
  }

  /** Waits until {@code count} frames match. */
  public List<Received> awaitCount(Predicate<Received> test, int count, Duration timeout) throws InterruptedException {
    awaitCondition(() -> received.stream().filter(test).count() >= count, timeout);
    return received.stream().filter(test).toList();
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  @Override
  public void onOpen(WebSocket socket, ClientHandshake handshake) {
    socket.setAttachment(new Connection(connections.incrementAndGet()));
  }

  @Override
  public void onClose(WebSocket socket, int code, String reason, boolean remote) {
    if (remote) {
      synchronized (arrivals) {
        agentCloseCodes.add(code);
        arrivals.notifyAll();
      }
    }
  }

  @Override
  public void onError(WebSocket socket, Exception e) {}

  @Override
  public void onMessage(WebSocket socket, String frame) {
    Connection connection = socket.getAttachment();
    Wire.Decoded decoded = Wire.decode(frame);
    if (!decoded.ok()) {
      socket.send(Wire.encode(new Message.Error(decoded.errorCode(), decoded.reason(), decoded.type())));
      return;
    }
    Message message = decoded.message();
    if (message instanceof Message.Hello) {
      byte[] nonce = new byte[32];
      random.nextBytes(nonce);
      connection.nonce = Base58.encode(nonce);
      connection.expiresAt = Instant.now().plusSeconds(30);
      socket.send(Wire.encode(
          new Message.Challenge(1, connection.nonce, DOMAIN, Instant.now(), connection.expiresAt)));
    } else if (message instanceof Message.Register register) {
      answerProof(socket, connection, register.signature(), AuthProof.PURPOSE_REGISTER, register.nodeKey(),
          register.signedAt(), register.token(), true);
    } else if (message instanceof Message.Auth auth) {
      answerProof(socket, connection, auth.signature(), AuthProof.PURPOSE_AUTH, auth.nodeKey(), auth.signedAt(),
          null, false);
    }
    synchronized (arrivals) {
      received.add(new Received(connection.id, message, System.nanoTime()));
      arrivals.notifyAll();
    }
  }

  private void answerProof(WebSocket socket, Connection connection, String signature, String purpose,
      String nodeKey, Instant signedAt, String token, boolean registration) {
    boolean fresh = connection.nonce != null && Instant.now().isBefore(connection.expiresAt)
        && Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofSeconds(60)) <= 0;
    if (!fresh || !AuthProof.verify(signature, purpose, DOMAIN, nodeKey, connection.nonce, signedAt, token)) {
      refuse(socket, ErrorCodes.INVALID_SIGNATURE);
      return;
    }
    verifiedProofs.incrementAndGet();
    connection.nonce = null; // a proof is accepted once
    String code = refusals.poll();
    if (code != null) {
      refuse(socket, code);
      return;
    }
    String nodeId = "node-" + nodeKey.substring(0, 8);
    socket.send(Wire.encode(registration
        ? new Message.Registered(nodeId, WALLET, heartbeatSeconds, initialLimits)
        : new Message.Authenticated(nodeId, WALLET, heartbeatSeconds, initialLimits)));
  }

  private static void refuse(WebSocket socket, String code) {
    socket.send(Wire.encode(new Message.Error(code, "refused by the fake gateway", null)));
    int closeCode = switch (code) {
      case ErrorCodes.RATE_LIMITED -> 1013;
      case ErrorCodes.UNSUPPORTED_VERSION -> 1002;
      case ErrorCodes.INTERNAL_ERROR -> 1011;
      default -> 1008;
    };
    socket.close(closeCode, code);
  }
}
