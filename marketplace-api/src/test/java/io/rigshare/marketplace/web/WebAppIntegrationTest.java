package io.rigshare.marketplace.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built web app is served at / from the frontend jar, deep links get index.html, and /api stays JSON. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebAppIntegrationTest {
  static final DropwizardAppExtension<RigshareConfiguration> APP = TestApp.extension();

  @Test
  void rootAndDeepLinksServeTheApp() {
    Http http = new Http(APP.getLocalPort());
    Http.Reply root = http.get("/", null);
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.header("Content-Type")).get().asString().startsWith("text/html");
    assertThat(root.body()).contains("<div id=\"root\"").contains("/assets/");

    Http.Reply deep = http.get("/hosts/add", null);
    assertThat(deep.status()).isEqualTo(200);
    assertThat(deep.body()).isEqualTo(root.body());

    String script = root.body().replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
    Http.Reply asset = http.get(script, null);
    assertThat(asset.status()).as(script).isEqualTo(200);
    assertThat(asset.header("Content-Type")).get().asString().contains("javascript");

    assertThat(http.get("/assets/missing.js", null).status()).isEqualTo(404);
    Http.Reply api = http.get("/api/unknown", null);
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.code()).isEqualTo("NOT_FOUND");
  }

  @Test
  void installScriptAndAgentJarAreServed() throws Exception {
    Http http = new Http(APP.getLocalPort());
    Http.Reply script = http.get("/install.sh", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body())
        .startsWith("#!/usr/bin/env bash")
        .contains("API=\"http://localhost:8080\"")
        .contains("/downloads/rigshare-agent.jar")
        .contains("register --api \"$API\" --token \"$TOKEN\"")
        .contains("systemctl enable --now rigshare-agent.service");
    var jar = http.send(http.builder("/downloads/rigshare-agent.jar", null).GET(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(jar.statusCode()).isEqualTo(200);
    assertThat(jar.body().length).isGreaterThan(1_000_000);
    assertThat(new String(jar.body(), 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PK");
    try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(jar.body()))) {
      boolean manifest = false;
      for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        manifest |= entry.getName().equals("META-INF/MANIFEST.MF");
      }
      assertThat(manifest).isTrue();
    }
  }
}
