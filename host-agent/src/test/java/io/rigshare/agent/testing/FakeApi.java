package io.rigshare.agent.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** {@code GET /api/agent/config} pointing agents at a {@link FakeGateway}, on a JDK HTTP server. */
public final class FakeApi implements AutoCloseable {
  private final HttpServer server;

  public FakeApi(String agentUrl) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/agent/config", exchange -> {
      String body = "{\"agentUrl\":\"" + agentUrl + "\",\"domain\":\"" + FakeGateway.DOMAIN
          + "\",\"protocolVersions\":[1],\"heartbeatIntervalSeconds\":1,\"serverTime\":\"" + Instant.now()
          + "\",\"futureField\":true}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
