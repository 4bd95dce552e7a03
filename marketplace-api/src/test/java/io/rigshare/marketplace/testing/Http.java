package io.rigshare.marketplace.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A plain JDK HTTP client against a running app, returning status, headers and parsed JSON. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Http(int port) {
    this.base = "http://localhost:" + port;
  }

  public record Reply(int status, JsonNode json, String body, HttpResponse<String> raw) {
    public String code() {
      return json.path("code").asText();
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Reply get(String path, String token) {
    return send(builder(path, token).GET());
  }

  public Reply delete(String path, String token) {
    return send(builder(path, token).DELETE());
  }

  public Reply post(String path, String token, String json) {
    return send(
        builder(path, token)
            .header("Content-Type", "application/json")
            .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply postJson(String path, String token, Object body) {
    try {
      return post(path, token, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = response.body().isBlank() ? NullNode.getInstance() : JSON.readTree(response.body());
      } catch (IOException notJson) {
        json = NullNode.getInstance();
      }
      return new Reply(response.statusCode(), json, response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends with a caller-chosen body handler, e.g. bytes for downloads. */
  public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder builder(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }
}
