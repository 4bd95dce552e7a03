package io.rigshare.marketplace.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.RawHttp;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class SignInIntegrationTest {
  static final DropwizardAppExtension<RigshareConfiguration> APP = TestApp.extension();

  private final Keypair host = Vectors.keypair("host-1");
  private final Keypair other = Vectors.keypair("host-2");
  private Http http;

  @BeforeEach
  void setUp() {
    TestApp.CLOCK.set(Instant.parse("2026-11-23T10:00:00Z"));
    http = new Http(APP.getLocalPort());
  }

  private String freshMessage(Keypair keypair) {
    Http.Reply challenge = Wallets.challenge(http, keypair.address());
    assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
    return challenge.json().get("message").asText();
  }

  @Test
  void challengeCarriesEveryFieldOfTheMessage() {
    Http.Reply reply = Wallets.challenge(http, host.address());
    assertThat(reply.status()).isEqualTo(200);
    String message = reply.json().get("message").asText();
    SiwsMessage parsed = SiwsMessage.parse(message);
    assertThat(parsed.domain()).isEqualTo("localhost:8080");
    assertThat(parsed.address()).isEqualTo(host.address());
    assertThat(parsed.statement()).isEqualTo("Sign in to Rigshare");
    assertThat(parsed.uri()).isEqualTo("http://localhost:8080");
    assertThat(parsed.version()).isEqualTo("1");
    assertThat(parsed.chainId()).isEqualTo("solana:localnet");
    assertThat(parsed.nonce()).matches("[A-Za-z0-9]{16,}").isEqualTo(reply.json().get("nonce").asText());
    assertThat(parsed.issuedAt()).isEqualTo("2026-11-23T10:00:00.000Z");
    assertThat(parsed.expirationTime()).isEqualTo("2026-11-23T10:05:00.000Z");
    assertThat(reply.json().get("expiresAt").asText()).isEqualTo("2026-11-23T10:05:00Z");
    assertThat(reply.json().get("input").get("nonce").asText()).isEqualTo(parsed.nonce());
    assertThat(Wallets.challenge(http, host.address()).json().get("nonce").asText()).isNotEqualTo(parsed.nonce());
  }

  @Test
  void validSignInOpensASessionThatSignOutEnds() {
    String message = freshMessage(host);
    Http.Reply session = Wallets.submit(http, host.address(), message, Wallets.sign(host, message));
    assertThat(session.status()).as(session.toString()).isEqualTo(200);
    String token = session.json().get("token").asText();
    assertThat(token).startsWith("rss_").hasSizeGreaterThan(40);
    assertThat(session.json().get("address").asText()).isEqualTo(host.address());
    assertThat(session.json().get("expiresAt").asText()).isEqualTo("2026-11-24T10:00:00Z");

    Http.Reply me = http.get("/api/me", token);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("address").asText()).isEqualTo(host.address());

    assertThat(http.delete("/api/auth/session", token).status()).isEqualTo(204);
    Http.Reply after = http.get("/api/me", token);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.code()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void sessionExpiresAfterItsLifetime() {
    String token = Wallets.signIn(http, host);
    TestApp.CLOCK.advance(Duration.ofHours(24).minusSeconds(1));
    assertThat(http.get("/api/me", token).status()).isEqualTo(200);
    TestApp.CLOCK.advance(Duration.ofSeconds(1));
    assertThat(http.get("/api/me", token).code()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void base64SignatureIsAcceptedToo() {
    String message = freshMessage(host);
    String signature =
        Base64.getEncoder().encodeToString(host.sign(message.getBytes(StandardCharsets.UTF_8)));
    Http.Reply reply = Wallets.submit(http, host.address(), message, signature);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  @Test
  void walletBuiltMessageWithOurNonceIsAccepted() {
    String nonce = Wallets.challenge(http, host.address()).json().get("nonce").asText();
    TestApp.CLOCK.advance(Duration.ofSeconds(20));
    // What solana:signIn produces: the wallet writes its own Issued At and leaves out what it was not given.
    String message =
        new SiwsMessage(
                "localhost:8080", host.address(), "Sign in to Rigshare", "http://localhost:8080", "1",
                "solana:localnet", nonce, "2026-11-23T10:00:19.512Z", null, null, null,
                List.of("https://rigshare.example/terms"))
            .format();
    Http.Reply reply = Wallets.submit(http, host.address(), message, Wallets.sign(host, message));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  @Test
  void wrongDomainIsRefused() {
    String nonce = Wallets.challenge(http, host.address()).json().get("nonce").asText();
    String message = SiwsMessage.parse(freshMessage(host)).format().replace("localhost:8080 wants", "evil.example wants");
    message = message.replaceAll("Nonce: \\w+", "Nonce: " + nonce);
    assertRefused(Wallets.submit(http, host.address(), message, Wallets.sign(host, message)), "DOMAIN_MISMATCH");
  }

  @Test
  void wrongUriIsRefused() {
    String message = freshMessage(host).replace("URI: http://localhost:8080", "URI: https://evil.example");
    assertRefused(Wallets.submit(http, host.address(), message, Wallets.sign(host, message)), "DOMAIN_MISMATCH");
  }

  @Test
  void anotherAddressIsRefused() {
    // A challenge for host, signed by other's key: the signature is not host's.
    String message = freshMessage(host);
    assertRefused(Wallets.submit(http, host.address(), message, Wallets.sign(other, message)), "INVALID_SIGNATURE");
    // The request claims other's address but the message names host.
    assertRefused(Wallets.submit(http, other.address(), message, Wallets.sign(other, message)), "ADDRESS_MISMATCH");
    // other rewrites host's challenge with its own address: the nonce was issued to host.
    String stolen = message.replace(host.address(), other.address());
    assertRefused(Wallets.submit(http, other.address(), stolen, Wallets.sign(other, stolen)), "ADDRESS_MISMATCH");
  }

  @Test
  void reusedNonceIsRefused() {
    String message = freshMessage(host);
    String signature = Wallets.sign(host, message);
    assertThat(Wallets.submit(http, host.address(), message, signature).status()).isEqualTo(200);
    assertRefused(Wallets.submit(http, host.address(), message, signature), "NONCE_USED");
  }

  @Test
  void unknownNonceIsRefused() {
    String message = freshMessage(host).replaceAll("Nonce: \\w+", "Nonce: NeverIssuedByUs12345678");
    assertRefused(Wallets.submit(http, host.address(), message, Wallets.sign(host, message)), "NONCE_UNKNOWN");
  }

  @Test
  void expiredMessageIsRefused() {
    String message = freshMessage(host);
    TestApp.CLOCK.advance(Duration.ofMinutes(5));
    assertRefused(Wallets.submit(http, host.address(), message, Wallets.sign(host, message)), "NONCE_EXPIRED");
  }

  @Test
  void messageFromTheFutureIsRefused() {
    String nonce = Wallets.challenge(http, host.address()).json().get("nonce").asText();
    String message =
        new SiwsMessage(
                "localhost:8080", host.address(), null, null, null, null, nonce, "2026-11-23T10:30:00.000Z", null,
                null, null, List.of())
            .format();
    assertRefused(Wallets.submit(http, host.address(), message, Wallets.sign(host, message)), "INVALID_MESSAGE");
  }

  @Test
  void oneAlteredByteIsRefused() {
    String message = freshMessage(host);
    String signature = Wallets.sign(host, message);
    String altered = message.replace("Sign in to Rigshare", "Sign in to Rigsharf");
    assertRefused(Wallets.submit(http, host.address(), altered, signature), "INVALID_SIGNATURE");
    byte[] sig = host.sign(message.getBytes(StandardCharsets.UTF_8));
    sig[0] ^= 0x01;
    assertRefused(
        Wallets.submit(http, host.address(), message, io.rigshare.protocol.crypto.Base58.encode(sig)),
        "INVALID_SIGNATURE");
  }

  @Test
  void truncatedOrUndecodableSignatureIsMalformed() {
    String message = freshMessage(host);
    byte[] sig = host.sign(message.getBytes(StandardCharsets.UTF_8));
    byte[] truncated = java.util.Arrays.copyOf(sig, 63);
    assertRefused(
        Wallets.submit(http, host.address(), message, io.rigshare.protocol.crypto.Base58.encode(truncated)),
        "MALFORMED_SIGNATURE");
    assertRefused(
        Wallets.submit(http, host.address(), message, Base64.getEncoder().encodeToString(truncated)),
        "MALFORMED_SIGNATURE");
    assertRefused(Wallets.submit(http, host.address(), message, "not a signature!"), "MALFORMED_SIGNATURE");
    // The nonce survives refusals that never reached it.
    assertThat(Wallets.submit(http, host.address(), message, Wallets.sign(host, message)).status()).isEqualTo(200);
  }

  @Test
  void concurrentUseOfOneMessageOpensOneSession() throws Exception {
    String message = freshMessage(host);
    String signature = Wallets.sign(host, message);
    int threads = 16;
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Http.Reply>> replies = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        replies.add(pool.submit(() -> {
          start.await();
          return Wallets.submit(http, host.address(), message, signature);
        }));
      }
      start.countDown();
      int ok = 0;
      int used = 0;
      for (var reply : replies) {
        Http.Reply r = reply.get();
        if (r.status() == 200) {
          ok++;
        } else if (r.code().equals("NONCE_USED")) {
          used++;
        }
      }
      assertThat(ok).isEqualTo(1);
      assertThat(used).isEqualTo(threads - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void malformedBodiesGetStableCodes() {
    assertRefused(http.post("/api/auth/session", null, "{\"address\": "), "MALFORMED_JSON");
    assertRefused(http.post("/api/auth/session", null, "not json"), "MALFORMED_JSON");
    assertRefused(http.post("/api/auth/session", null, "{\"address\": 5, \"message\": \"m\", \"signature\": \"s\"}"),
        "VALIDATION_FAILED");
    assertRefused(http.post("/api/auth/session", null, "{\"address\": [], \"message\": \"m\", \"signature\": \"s\"}"),
        "VALIDATION_FAILED");
    assertRefused(http.postJson("/api/auth/session", null, Map.of("address", host.address(), "message", "m")),
        "VALIDATION_FAILED");
    assertRefused(http.postJson("/api/auth/session", null,
        Map.of("address", host.address(), "message", "m", "signature", "s", "extra", 1)), "VALIDATION_FAILED");
    assertRefused(http.post("/api/auth/session", null, null), "VALIDATION_FAILED");
    assertRefused(http.postJson("/api/auth/challenge", null, Map.of("address", "0OIl-not-base58")), "VALIDATION_FAILED");
    assertRefused(http.postJson("/api/auth/challenge", null, Map.of("address", "3yZe7d")), "VALIDATION_FAILED");
    String message = freshMessage(host);
    assertRefused(Wallets.submit(http, host.address(), "hello\nworld", Wallets.sign(host, message)), "INVALID_MESSAGE");
    assertRefused(Wallets.submit(http, host.address(), message + "\nExtra: field", Wallets.sign(host, message)),
        "INVALID_MESSAGE");
  }

  @Test
  void tenMegabyteBodyIsRefusedWithoutReadingIt() throws Exception {
    // Declared up front: the answer comes before the client has sent a byte of the body.
    String declared = RawHttp.exchange(APP.getLocalPort(),
        "POST /api/auth/challenge HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 10485760\r\n\r\n", new byte[0]);
    assertThat(declared).startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    // Streamed in chunks with no length: refused once the limit is crossed, well before 10 MB.
    byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    String chunked = RawHttp.exchange(APP.getLocalPort(),
        "POST /api/auth/challenge HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n", chunk, chunk, chunk);
    assertThat(chunked).startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    // Just under the limit is read and judged on its content.
    String small = "{\"address\": \"" + "a".repeat(60_000) + "\"}";
    assertRefused(http.post("/api/auth/challenge", null, small), "VALIDATION_FAILED");
  }

  @Test
  void unknownPathsAndMethodsAnswerInTheErrorShape() {
    assertRefused(http.get("/api/does-not-exist", null), "NOT_FOUND");
    assertThat(http.get("/api/does-not-exist", null).status()).isEqualTo(404);
    assertRefused(http.send(http.builder("/api/me", null).PUT(HttpRequest.BodyPublishers.noBody())),
        "METHOD_NOT_ALLOWED");
    assertRefused(http.send(http.builder("/api/auth/challenge", null).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("x"))), "UNSUPPORTED_MEDIA_TYPE");
    assertRefused(http.get("/api/me", "rss_forged"), "UNAUTHORIZED");
    assertRefused(http.get("/api/me", "garbage"), "UNAUTHORIZED");
  }

  @Test
  void generatedKeysSignInToo() {
    Keypair fresh = Keypair.generate(new SecureRandom());
    assertThat(http.get("/api/me", Wallets.signIn(http, fresh)).json().get("address").asText())
        .isEqualTo(fresh.address());
  }

  private static void assertRefused(Http.Reply reply, String code) {
    assertThat(reply.code()).as(reply.toString()).isEqualTo(code);
    assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
  }
}
