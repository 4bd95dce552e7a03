package io.rigshare.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rigshare.contracts.SolanaRpcException;
import io.rigshare.contracts.SolanaUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain JSON-RPC 2.0 client over HTTP/1.1. Every error answer becomes a {@link SolanaRpcException} with its code,
 * message, {@code data}, {@code data.err} and {@code data.logs}; anything that is not a JSON-RPC answer becomes a
 * {@link SolanaUnavailableException}.
 */
public final class JsonRpc {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  public JsonRpc(String endpoint, Duration timeout) {
    this.endpoint = URI.create(endpoint);
    this.timeout = timeout;
    // HTTP/1.1: an h2c upgrade header would reach the node's WebSocket upgrade handler.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  /** Calls {@code method} with positional params (converted with Jackson) and returns {@code result}. */
  public JsonNode call(String method, Object... params) {
    ObjectNode request = MAPPER.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method);
    ArrayNode array = request.putArray("params");
    for (Object param : params) {
      array.add(MAPPER.valueToTree(param));
    }
    JsonNode response = post(method, request);
    JsonNode error = response.get("error");
    if (error != null && !error.isNull()) {
      throw toException(method, error);
    }
    if (!response.has("result")) {
      throw new SolanaUnavailableException(method + ": answer has neither result nor error", null);
    }
    return response.get("result");
  }

  private JsonNode post(String method, ObjectNode request) {
    HttpRequest httpRequest =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SolanaUnavailableException(method + ": " + endpoint + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SolanaUnavailableException(method + ": interrupted", e);
    }
    JsonNode body = parse(response.body());
    if (body != null && body.isObject() && (body.has("result") || body.has("error"))) {
      return body;
    }
    Duration retryAfter =
        response.headers().firstValue("Retry-After").flatMap(JsonRpc::seconds).orElse(null);
    String snippet = response.body().length() > 200 ? response.body().substring(0, 200) : response.body();
    throw new SolanaUnavailableException(
        method + ": HTTP " + response.statusCode() + " from " + endpoint + ": " + snippet,
        response.statusCode(),
        retryAfter);
  }

  static SolanaRpcException toException(String method, JsonNode error) {
    int code = error.path("code").asInt();
    String message = error.path("message").asText("");
    JsonNode data = error.get("data");
    String dataText = data == null || data.isNull() ? null : data.toString();
    String err = null;
    List<String> logs = new ArrayList<>();
    if (data != null && data.isObject()) {
      JsonNode errNode = data.get("err");
      err = errNode == null || errNode.isNull() ? null : errNode.toString();
      data.path("logs").forEach(line -> logs.add(line.asText()));
    }
    return new SolanaRpcException(method, code, message, dataText, err, logs);
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static Optional<Duration> seconds(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
