package io.rigshare.bench;

import io.rigshare.protocol.crypto.Keypair;
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

  /** hello → challenge, returning the challenge (or throwing with what came instead). */
  public Message.Challenge hello(Duration timeout) throws InterruptedException {
    send(new Message.Hello(1, "sim-0.1", key.address()));
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
    send(new Message.Register(token, key.address(), signedAt, sig, name, null));
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
        received.add(decoded.message());
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
