package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Wire;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Registers fresh nodes the way an owner does: a throw-away wallet signs in with Sign-In With Solana, mints
 * single-use node tokens, and each new node key redeems one over the agent protocol. Many wallets share the work,
 * and 429 answers are waited out (Retry-After), so the API's budgets only slow it down.
 */
final class Registrar {
  private static final int HTTP_ATTEMPTS = 30;

  private final HttpClient http;
  private final URI api;
  private final SecureRandom random = new SecureRandom();

  Registrar(HttpClient http, URI api) {
    this.http = http;
    this.api = api;
  }

  /** Registers {@code count} new nodes; appends each registered key to {@code out}; returns the keys. */
  List<Keypair> register(Fleet fleet, int count, int tokensPerWallet, double rampPerSecond, Duration timeout,
      BufferedWriter out) throws IOException, InterruptedException {
    long start = System.nanoTime();
    List<String> tokens = mintTokens(count, tokensPerWallet);
    System.err.printf("minted %d node tokens in %.1f s%n", tokens.size(), (System.nanoTime() - start) / 1e9);

    List<LoadAgent> agents = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Keypair key = Keypair.generate(random);
      LoadAgent agent = new LoadAgent(fleet, i, key, LoadAgent.Mode.REGISTER, tokens.get(i));
      agents.add(agent);
      long delayMs = Math.round(i * 1000.0 / rampPerSecond);
      fleet.timers.schedule(agent::start, delayMs, TimeUnit.MILLISECONDS);
    }
    List<Keypair> registered = new ArrayList<>(count);
    long deadline = System.nanoTime() + timeout.toNanos();
    int failed = 0;
    String lastProblem = null;
    for (LoadAgent agent : agents) {
      long left = deadline - System.nanoTime();
      boolean ok;
      try {
        ok = agent.done().get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        ok = false;
        agent.stop();
      } catch (ExecutionException e) {
        ok = false;
      }
      if (ok) {
        registered.add(agent.key);
        out.write(KeyFile.line(agent.key));
        out.write('\n');
      } else {
        failed++;
        lastProblem = agent.lastProblem();
      }
    }
    out.flush();
    System.err.printf("registered %d nodes (%d failed%s) in %.1f s%n", registered.size(), failed,
        lastProblem == null ? "" : ", e.g. " + lastProblem, (System.nanoTime() - start) / 1e9);
    return registered;
  }

  private List<String> mintTokens(int count, int perWallet) throws IOException, InterruptedException {
    int wallets = (count + perWallet - 1) / perWallet;
    ExecutorService pool = Executors.newFixedThreadPool(16, Fleet.named("token"));
    try {
      List<Future<String>> futures = new ArrayList<>(count);
      for (int w = 0; w < wallets; w++) {
        int n = Math.min(perWallet, count - w * perWallet);
        Keypair wallet = Keypair.generate(random);
        String session = signIn(wallet);
        for (int i = 0; i < n; i++) {
          futures.add(pool.submit(() -> mintToken(session)));
        }
      }
      List<String> tokens = new ArrayList<>(count);
      for (Future<String> f : futures) {
        try {
          tokens.add(f.get(10, TimeUnit.MINUTES));
        } catch (ExecutionException | TimeoutException e) {
          throw new IOException("could not mint a node token: " + (e.getCause() == null ? e : e.getCause()), e);
        }
      }
      return tokens;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sign-In With Solana: challenge, sign the exact message bytes, trade the signature for a session token. */
  String signIn(Keypair wallet) throws IOException, InterruptedException {
    JsonNode challenge = post("/api/auth/challenge", null, Map.of("address", wallet.address()));
    String message = challenge.path("message").asText();
    String signature = Base58.encode(wallet.sign(message.getBytes(StandardCharsets.UTF_8)));
    JsonNode session = post("/api/auth/session", null,
        Map.of("address", wallet.address(), "message", message, "signature", signature));
    return session.path("token").asText();
  }

  private String mintToken(String session) throws IOException, InterruptedException {
    return post("/api/node-tokens", session, null).path("token").asText();
  }

  private JsonNode post(String path, String bearer, Object body) throws IOException, InterruptedException {
    String json = body == null ? "" : Wire.mapper().writeValueAsString(body);
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(json));
      if (body != null) {
        b.header("content-type", "application/json");
      }
      if (bearer != null) {
        b.header("authorization", "Bearer " + bearer);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 == 2) {
        return Wire.mapper().readTree(r.body());
      }
      if (r.statusCode() == 429 && attempt < HTTP_ATTEMPTS) {
        long wait = r.headers().firstValueAsLong("retry-after").orElse(1);
        if (attempt == 1) {
          System.err.printf("POST %s: 429, waiting %d s (raise rateLimits.* / nodeTokens.maxActivePerWallet in the "
              + "API config, see bench/bench-config.yml)%n", path, wait);
        }
        Thread.sleep(Math.min(60, Math.max(1, wait)) * 1000);
        continue;
      }
      throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
