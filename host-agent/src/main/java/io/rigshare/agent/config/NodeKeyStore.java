package io.rigshare.agent.config;

import io.rigshare.protocol.crypto.Keypair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/**
 * The node's ed25519 key, {@code node-key.json} in the Solana CLI format. It is created once, stays on this machine
 * (only its public half, the address, goes on the wire), and is refused when its mode lets anyone but the owner read
 * it: a key others could read is a node others could impersonate.
 */
public final class NodeKeyStore {
  private final Path file;

  public NodeKeyStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public boolean exists() {
    return Files.exists(file);
  }

  /** Loads the key, creating and saving a new one (mode 0600) when there is none yet. */
  public Keypair loadOrCreate(SecureRandom random) {
    if (!exists()) {
      Keypair created = Keypair.generate(random);
      try {
        created.save(file);
      } catch (IOException e) {
        throw new SetupException(
            "cannot write the node key " + file + ": " + e.getMessage(), "make " + file.getParent() + " writable");
      }
      return created;
    }
    return load();
  }

  /** Loads the existing key after checking that only its owner can read it. */
  public Keypair load() {
    if (!exists()) {
      throw new SetupException(
          "no node key at " + file, "register this machine first: rigshare-agent register --api URL --token TOKEN");
    }
    requireOwnerOnly();
    try {
      return Keypair.load(file);
    } catch (IOException e) {
      throw new SetupException("cannot read the node key " + file + ": " + e.getMessage(), "chmod 600 " + file);
    } catch (IllegalArgumentException e) {
      throw new SetupException(
          "the node key " + file + " is damaged: " + e.getMessage(),
          "restore it from a backup; a new key means registering again with a new token");
    }
  }

  /** The file's mode; empty when unknown (no such file, or no POSIX permissions). */
  public Optional<Set<PosixFilePermission>> permissions() {
    try {
      return exists() ? FilePermissions.read(file) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void requireOwnerOnly() {
    Optional<Set<PosixFilePermission>> mode;
    try {
      mode = FilePermissions.read(file);
    } catch (IOException e) {
      throw new SetupException("cannot read the mode of " + file + ": " + e.getMessage(), "chmod 600 " + file);
    }
    if (mode.isPresent() && !FilePermissions.ownerReadWriteOnly(mode.get())) {
      throw new SetupException(
          "the node key " + file + " has mode " + FilePermissions.octal(mode.get())
              + "; it must be readable by its owner only (0600)",
          "chmod 600 " + file);
    }
  }
}
