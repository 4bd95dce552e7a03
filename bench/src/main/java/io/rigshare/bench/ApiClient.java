package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few buyer and owner calls {@link DispatchLoad} makes outside the hot path: reading the agent config and queue
 * stats, Sign-In With Solana (as {@link Registrar} does it) and minting node tokens.
 */
final class ApiClient {
  private final HttpClient http;
  private final URI api;

  ApiClient(HttpClient http, URI api) {
    this.http = http;
    this.api = api;
  }

  URI api() {
    return api;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
    }
    return Wire.mapper().readTree(r.body());
  }

  /** A session token for a fresh wallet, through the API's own sign-in. */
  String signIn(Keypair wallet) throws IOException, InterruptedException {
    String token = new Registrar(http, api).signIn(wallet);
    if (token == null || token.isEmpty()) {
      throw new IOException("sign-in of " + wallet.address() + " gave no session token");
    }
    return token;
  }

  String mintNodeToken(String session) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/api/node-tokens"))
          .timeout(Duration.ofSeconds(30)).header("authorization", "Bearer " + session)
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 == 2) {
        return Wire.mapper().readTree(r.body()).path("token").asText();
      }
      if (r.statusCode() == 429 && attempt < 10) {
        Thread.sleep(1000L * Math.min(30, r.headers().firstValueAsLong("retry-after").orElse(1)));
        continue;
      }
      throw new IOException("POST /api/node-tokens answered " + r.statusCode() + ": " + abbreviate(r.body())
          + (r.statusCode() == 429 || r.statusCode() == 409 ? " (use bench/bench-config.yml, whose per-wallet "
              + "budgets allow this many nodes, or lower --hosts-per-wallet)" : ""));
    }
  }

  static String abbreviate(String s) {
    return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
