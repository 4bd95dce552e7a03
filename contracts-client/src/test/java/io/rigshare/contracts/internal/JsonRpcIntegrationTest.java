package io.rigshare.contracts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.rigshare.contracts.SolanaRpcException;
import io.rigshare.contracts.SolanaUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our JSON-RPC client against a real HTTP server that answers the way RPC providers do when things go wrong. */
class JsonRpcIntegrationTest {
  private HttpServer server;
  private final AtomicReference<String> request = new AtomicReference<>();
  private volatile int status;
  private volatile String body;
  private volatile String retryAfter;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private JsonRpc client() {
    return new JsonRpc("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5));
  }

  @Test
  void sendsPositionalParamsAndReturnsResult() {
    status = 200;
    body = "{\"jsonrpc\":\"2.0\",\"result\":{\"context\":{\"slot\":5},\"value\":7},\"id\":1}";

    assertThat(client().call("getBalance", "abc", java.util.Map.of("commitment", "confirmed")).path("value").asLong())
        .isEqualTo(7);
    assertThat(request.get())
        .contains("\"method\":\"getBalance\"")
        .contains("\"params\":[\"abc\",{\"commitment\":\"confirmed\"}]");
  }

  @Test
  void jsonRpcErrorKeepsItsCodeWhateverTheHttpStatus() {
    status = 500;
    body = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32005,\"message\":\"Node is unhealthy\"},\"id\":1}";

    assertThatThrownBy(() -> client().call("getHealth"))
        .isInstanceOfSatisfying(SolanaRpcException.class, e -> assertThat(e.code()).isEqualTo(-32005));
  }

  @Test
  void rateLimitWithoutJsonRpcBodyIsUnavailableWithRetryAfter() {
    status = 429;
    body = "Too many requests";
    retryAfter = "3";

    assertThatThrownBy(() -> client().call("getSlot"))
        .isInstanceOfSatisfying(
            SolanaUnavailableException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
            });
  }

  @Test
  void unreachableNodeIsUnavailable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    JsonRpc nowhere = new JsonRpc("http://127.0.0.1:" + port, Duration.ofSeconds(2));
    assertThatThrownBy(() -> nowhere.call("getSlot"))
        .isInstanceOfSatisfying(SolanaUnavailableException.class, e -> assertThat(e.httpStatus()).isZero());
  }
}
