package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.rigshare.agent.testing.FakeApi;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpDiscoveryIntegrationTest {
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String serve(int status, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/agent/config", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Test
  void readsTheAgentConfigIgnoringUnknownFields() throws Exception {
    try (FakeApi api = new FakeApi("ws://127.0.0.1:9/agent/v1")) {
      HttpDiscovery.Fetched fetched = new HttpDiscovery(api.url(), Clock.systemUTC()).fetch();

      assertThat(fetched.info().agentUrl()).isEqualTo("ws://127.0.0.1:9/agent/v1");
      assertThat(fetched.info().protocolVersions()).isEqualTo(List.of(1));
      assertThat(fetched.info().heartbeatIntervalSeconds()).isEqualTo(1);
      assertThat(fetched.info().serverTime()).isNotNull();
      assertThat(fetched.receivedAt()).isAfterOrEqualTo(fetched.sentAt());
    }
  }

  @Test
  void aTrailingSlashOnTheApiUrlIsFine() throws Exception {
    String url = serve(200, "{\"agentUrl\":\"wss://x.example/agent/v1\",\"protocolVersions\":[1]}");
    assertThat(new HttpDiscovery(url, Clock.systemUTC()).discover().agentUrl()).isEqualTo("wss://x.example/agent/v1");
  }

  @Test
  void refusesErrorsAndAnswersItCannotUse() throws Exception {
    String url = serve(503, "down");
    assertThatThrownBy(() -> new HttpDiscovery(url, Clock.systemUTC()).discover())
        .isInstanceOf(DiscoveryException.class).hasMessageContaining("HTTP 503");
    stop();
    String notWs = serve(200, "{\"agentUrl\":\"http://x/agent\"}");
    assertThatThrownBy(() -> new HttpDiscovery(notWs, Clock.systemUTC()).discover())
        .hasMessageContaining("no ws:// or wss:// agentUrl");
    stop();
    String html = serve(200, "<html>");
    assertThatThrownBy(() -> new HttpDiscovery(html, Clock.systemUTC()).discover())
        .hasMessageContaining("did not answer with the agent config JSON");
  }

  @Test
  void anUnreachableApiSaysWhere() {
    assertThatThrownBy(() -> new HttpDiscovery("http://127.0.0.1:1", Clock.systemUTC()).discover())
        .isInstanceOf(DiscoveryException.class).hasMessageStartingWith("cannot reach http://127.0.0.1:1/api/agent/config");
  }
}
