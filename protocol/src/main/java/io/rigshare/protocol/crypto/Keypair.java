package io.rigshare.protocol.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An ed25519 keypair in the Solana CLI file format: a JSON array of 64 numbers, the 32-byte seed followed by the
 * public key. {@code solana-keygen pubkey FILE} reads the same file.
 */
public final class Keypair {
  private final byte[] seed;
  private final byte[] publicKey;

  private Keypair(byte[] seed) {
    this.seed = seed.clone();
    this.publicKey = Ed25519.publicKeyOf(this.seed);
  }

  public static Keypair fromSeed(byte[] seed) {
    return new Keypair(seed);
  }

  public static Keypair generate(SecureRandom random) {
    return new Keypair(Ed25519.newSeed(random));
  }

  /** Parses the 64-number JSON array; the stored public key must match the seed. */
  public static Keypair fromSolanaJson(String json) {
    String body = json.strip();
    if (!body.startsWith("[") || !body.endsWith("]")) {
      throw new IllegalArgumentException("keypair file must be a JSON array of 64 numbers");
    }
    String[] parts = body.substring(1, body.length() - 1).split(",");
    if (parts.length != 64) {
      throw new IllegalArgumentException("keypair file must hold 64 numbers, found " + parts.length);
    }
    byte[] bytes = new byte[64];
    for (int i = 0; i < 64; i++) {
      int value;
      try {
        value = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("keypair file entry " + i + " is not a number");
      }
      if (value < 0 || value > 255) {
        throw new IllegalArgumentException("keypair file entry " + i + " is not a byte");
      }
      bytes[i] = (byte) value;
    }
    Keypair keypair = new Keypair(Arrays.copyOfRange(bytes, 0, 32));
    if (!Arrays.equals(keypair.publicKey, Arrays.copyOfRange(bytes, 32, 64))) {
      throw new IllegalArgumentException("keypair file's public key does not match its seed");
    }
    return keypair;
  }

  public static Keypair load(Path file) throws IOException {
    return fromSolanaJson(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Writes the file atomically with mode 0600 where the file system supports POSIX permissions. */
  public void save(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".keypair", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // Not a POSIX file system: the platform's default protection applies.
      }
      Files.writeString(tmp, toSolanaJson(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public String toSolanaJson() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 64; i++) {
      int value = (i < 32 ? seed[i] : publicKey[i - 32]) & 0xFF;
      json.append(i == 0 ? "" : ",").append(value);
    }
    return json.append(']').toString();
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public String address() {
    return Base58.encode(publicKey);
  }

  public byte[] sign(byte[] message) {
    return Ed25519.sign(seed, message);
  }

  @Override
  public String toString() {
    return "Keypair[" + address() + "]";
  }
}
