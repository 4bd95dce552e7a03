package io.rigshare.marketplace.gateway;

import io.rigshare.marketplace.config.AgentGatewayConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The gateway's TLS context from the configured key store, or null for plain ws://. */
public final class Tls {
  private Tls() {}

  public static SSLContext context(AgentGatewayConfig.Tls tls) {
    if (!tls.enabled()) {
      return null;
    }
    char[] password = tls.getKeyStorePassword().toCharArray();
    try (InputStream in = Files.newInputStream(Path.of(tls.getKeyStorePath()))) {
      KeyStore store = KeyStore.getInstance(tls.getKeyStoreType());
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(
          "agentGateway.tls: cannot load key store " + tls.getKeyStorePath() + ": " + e.getMessage(), e);
    }
  }
}
