package io.rigshare.marketplace.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshare.protocol.crypto.Keypair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test vectors in {@code testdata/vectors}, found by walking up from the module. */
public final class Vectors {
  private static JsonNode cached;

  private Vectors() {}

  public static synchronized JsonNode all() {
    if (cached == null) {
      Path dir = Path.of("").toAbsolutePath();
      while (dir != null && !Files.exists(dir.resolve("testdata/vectors/siws-and-keys.json"))) {
        dir = dir.getParent();
      }
      if (dir == null) {
        throw new IllegalStateException("testdata/vectors/siws-and-keys.json not found above " + Path.of("").toAbsolutePath());
      }
      try {
        cached = new ObjectMapper().readTree(dir.resolve("testdata/vectors/siws-and-keys.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cached;
  }

  public static Keypair keypair(String name) {
    for (JsonNode kp : all().get("keypairs")) {
      if (kp.get("name").asText().equals(name)) {
        return Keypair.fromSolanaJson(kp.get("file").toString());
      }
    }
    throw new IllegalArgumentException("no keypair " + name);
  }
}
