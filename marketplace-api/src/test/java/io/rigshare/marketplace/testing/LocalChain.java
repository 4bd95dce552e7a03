package io.rigshare.marketplace.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshare.contracts.Commitment;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.SolanaConfig;
import io.rigshare.protocol.crypto.Keypair;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The service's Solana chain as a test sees it from outside, from {@code GET /api/chain}: raw JSON-RPC calls (the
 * local runtime's {@code rigshare_*} test methods included), wallets of the test's own keys, and independent reads of
 * token balances.
 */
public final class LocalChain {
  private static final ObjectMapper JSON = new ObjectMapper();
  // The local runtime's Node server does not take Java's HTTP/2 upgrade request.
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final JsonNode chain;

  /** @param chain the body of {@code GET /api/chain} */
  public LocalChain(JsonNode chain) {
    this.chain = chain;
  }

  public String treasury() {
    return chain.get("treasury").asText();
  }

  public String mint() {
    return chain.get("mint").asText();
  }

  public int decimals() {
    return chain.get("decimals").asInt();
  }

  /** A client signing with {@code key}: the key's owner pays from its own wallet. */
  public SolanaClient walletOf(Keypair key) {
    SolanaConfig config = new SolanaConfig(chain.get("rpcUrl").asText(), Commitment.CONFIRMED, 0, 200_000, mint(),
        decimals(), Path.of("unused-keypair.json"));
    return SolanaClient.connect(config, key, Clock.systemUTC());
  }

  /** {@code rigshare_faucet}: tokens (base units) and lamports to the owner's wallet. */
  public void faucet(String owner, long tokens, long lamports) throws Exception {
    rpc("rigshare_faucet", Map.of("owner", owner, "amount", Long.toString(tokens), "lamports",
        Long.toString(lamports)));
  }

  /** getTokenAccountBalance of the owner's associated token account, straight from the RPC. */
  public long tokenAccountBalance(String owner) throws Exception {
    String account;
    try (SolanaClient reader = walletOf(Keypair.generate(new java.security.SecureRandom()))) {
      account = reader.tokenAccountOf(owner);
    }
    JsonNode result = rpc("getTokenAccountBalance", List.of(account, Map.of("commitment", "confirmed")));
    return Long.parseLong(result.get("value").get("amount").asText());
  }

  /** One JSON-RPC call; fails the test on an error answer. */
  public JsonNode rpc(String method, Object params) throws Exception {
    String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(chain.get("rpcUrl").asText()))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(response.body());
    assertThat(reply.has("error")).as(reply.toString()).isFalse();
    return reply.get("result");
  }
}
