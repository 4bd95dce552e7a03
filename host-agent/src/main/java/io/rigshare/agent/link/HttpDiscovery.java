package io.rigshare.agent.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET {api}/api/agent/config}, with the times around it so {@code doctor} can measure clock skew. */
public final class HttpDiscovery implements Discovery {
  public static final String PATH = "/api/agent/config";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI configUri;
  private final HttpClient http;
  private final Clock clock;

  public HttpDiscovery(String apiUrl, Clock clock) {
    this.configUri = configUri(apiUrl);
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.clock = clock;
  }

  static URI configUri(String apiUrl) {
    try {
      return URI.create(apiUrl.replaceAll("/+$", "") + PATH);
    } catch (IllegalArgumentException e) {
      throw new DiscoveryException("not a URL: " + apiUrl, e);
    }
  }

  public URI uri() {
    return configUri;
  }

  /** The answer, with when the request left and when the answer came. */
  public record Fetched(ServerInfo info, Instant sentAt, Instant receivedAt) {}

  @Override
  public ServerInfo discover() {
    return fetch().info();
  }

  public Fetched fetch() {
    HttpRequest request =
        HttpRequest.newBuilder(configUri).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
    Instant sentAt = clock.instant();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DiscoveryException("cannot reach " + configUri + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DiscoveryException("interrupted while asking " + configUri, e);
    }
    Instant receivedAt = clock.instant();
    if (response.statusCode() != 200) {
      throw new DiscoveryException("GET " + configUri + " answered HTTP " + response.statusCode());
    }
    return new Fetched(parse(response.body()), sentAt, receivedAt);
  }

  ServerInfo parse(String body) {
    ServerInfo info;
    try {
      info = Wire.mapper().readValue(body, ServerInfo.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new DiscoveryException(configUri + " did not answer with the agent config JSON", e);
    }
    if (info.agentUrl() == null || !info.agentUrl().matches("(?i)wss?://\\S+")) {
      throw new DiscoveryException(configUri + " gave no ws:// or wss:// agentUrl: " + info.agentUrl());
    }
    return info;
  }

  /** The JDK's client often throws without a message (a refused connection is a bare ConnectException). */
  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    return e instanceof java.net.http.HttpTimeoutException ? "timed out" : e.getClass().getSimpleName();
  }
}
