package io.rigshare.agent.link;

import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/**
 * {@code doctor}'s WebSocket check: connect, send {@code hello}, expect a {@code challenge}, close with 1000. Signs
 * nothing, so it proves the gateway answers without touching the node's state on the server.
 */
public final class ChallengeProbe {
  private ChallengeProbe() {}

  /**
   * What came back.
   *
   * @param challenge the challenge, or null
   * @param error the error frame the server sent instead, or null
   * @param problem what went wrong when neither came, or null
   */
  public record Result(Message.Challenge challenge, Message.Error error, String problem) {}

  public static Result probe(String agentUrl, String nodeKey, String agentVersion, Duration timeout) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    WebSocketClient client;
    try {
      client = new Client(URI.create(agentUrl), nodeKey, agentVersion, (int) timeout.toMillis(), result);
    } catch (IllegalArgumentException e) {
      return new Result(null, null, "bad agentUrl " + agentUrl + ": " + e.getMessage());
    }
    try {
      client.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new Result(null, null, "no challenge from " + agentUrl + " within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      return new Result(null, null, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(null, null, "interrupted");
    } finally {
      client.close(1000, "doctor done");
    }
  }

  private static final class Client extends WebSocketClient {
    private final String nodeKey;
    private final String agentVersion;
    private final CompletableFuture<Result> result;

    Client(URI uri, String nodeKey, String agentVersion, int timeoutMillis, CompletableFuture<Result> result) {
      super(uri, new Draft_6455(), Map.of("User-Agent", "rigshare-agent/" + agentVersion), timeoutMillis);
      this.nodeKey = nodeKey;
      this.agentVersion = agentVersion;
      this.result = result;
      setDaemon(true);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
      send(Wire.encode(new Message.Hello(AuthProof.PROTOCOL_VERSION, agentVersion, nodeKey)));
    }

    @Override
    public void onMessage(String frame) {
      Wire.Decoded decoded = Wire.decode(frame);
      if (decoded.message() instanceof Message.Challenge challenge) {
        result.complete(new Result(challenge, null, null));
      } else if (decoded.message() instanceof Message.Error error) {
        result.complete(new Result(null, error, null));
      } else {
        result.complete(new Result(null, null, "expected a challenge, got '" + decoded.type() + "'"));
      }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      String why = reason == null || reason.isBlank() ? "" : ": " + reason;
      result.complete(new Result(null, null, "connection closed (" + code + ")" + why));
    }

    @Override
    public void onError(Exception e) {
      result.complete(new Result(null, null, e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }
}
