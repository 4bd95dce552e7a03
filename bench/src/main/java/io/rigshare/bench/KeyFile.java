package io.rigshare.bench;

import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Keypair;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Registered node keys, one per line: {@code <node address> <base58 32-byte seed>}; lines starting with # are
 * comments. Throw-away bench keys, but the file is still created with mode 0600.
 */
final class KeyFile {
  private KeyFile() {}

  static List<Keypair> load(Path file) throws IOException {
    List<Keypair> keys = new ArrayList<>();
    if (!Files.exists(file)) {
      return keys;
    }
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+");
      if (parts.length != 2) {
        throw new IOException(file + ":" + lineNo + ": expected '<address> <seed>'");
      }
      Keypair key;
      try {
        key = Keypair.fromSeed(Base58.decodeExact(parts[1], 32));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + lineNo + ": bad seed: " + e.getMessage());
      }
      if (!key.address().equals(parts[0])) {
        throw new IOException(file + ":" + lineNo + ": the seed does not belong to " + parts[0]);
      }
      keys.add(key);
    }
    return keys;
  }

  /** Opens the file for appending (creating it, mode 0600, with a header when new or when truncating). */
  static BufferedWriter open(Path file, boolean truncate, String header) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean fresh = truncate || !Files.exists(file);
    if (!Files.exists(file)) {
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // Not a POSIX file system.
      }
    }
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
        truncate ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
    if (fresh) {
      w.write("# rigshare bench node keys: <node address> <base58 seed>; " + header + "\n");
    }
    return w;
  }

  static String line(Keypair key) {
    byte[] json = parseSeed(key);
    return key.address() + " " + Base58.encode(json);
  }

  /** The seed is the first 32 numbers of the Solana CLI JSON form. */
  private static byte[] parseSeed(Keypair key) {
    String json = key.toSolanaJson();
    String[] parts = json.substring(1, json.length() - 1).split(",");
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) Integer.parseInt(parts[i]);
    }
    return Arrays.copyOf(seed, 32);
  }
}
