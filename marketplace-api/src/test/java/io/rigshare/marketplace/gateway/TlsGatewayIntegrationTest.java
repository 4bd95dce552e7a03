package io.rigshare.marketplace.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a configured key store the gateway speaks wss://, tells agents so, and a registration works over TLS. */
class TlsGatewayIntegrationTest {
  @TempDir Path dir;

  @Test
  void agentsRegisterOverWss() throws Exception {
    Path store = dir.resolve("gateway.p12");
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "gateway",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=dns:localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "test-only",
        "-keypass", "test-only").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

    DropwizardTestSupport<RigshareConfiguration> app = TestApp.support(
        ConfigOverride.config("agentGateway.tls.keyStorePath", store.toString()),
        ConfigOverride.config("agentGateway.tls.keyStorePassword", "test-only"));
    app.before();
    try {
      Http http = new Http(app.getLocalPort());
      URI agentUrl = URI.create(http.get("/api/agent/config", null).json().get("agentUrl").asText());
      assertThat(agentUrl.getScheme()).isEqualTo("wss");
      String session = Wallets.signIn(http, Vectors.keypair("host-2"));
      String token = http.post("/api/node-tokens", session, null).json().get("token").asText();

      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        trusted.load(in, "test-only".toCharArray());
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), new SecureRandom());

      try (SimulatedAgent agent = new SimulatedAgent(agentUrl, Keypair.generate(new SecureRandom()), TestApp.CLOCK)
          .trusting(tls.getSocketFactory())) {
        agent.open(Duration.ofSeconds(10));
        assertThat(agent.register(token, "tls-node", Duration.ofSeconds(10))).isInstanceOf(Message.Registered.class);
      }
    } finally {
      app.after();
    }
  }
}
