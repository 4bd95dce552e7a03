package io.rigshare.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.protocol.crypto.Keypair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyStoreTest {
  @TempDir Path dir;

  @Test
  void createsTheKeyOnceWithMode0600() throws Exception {
    NodeKeyStore store = new NodeKeyStore(dir.resolve("node-key.json"));
    Keypair created = store.loadOrCreate(new SecureRandom());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    assertThat(store.loadOrCreate(new SecureRandom()).address()).isEqualTo(created.address());
    assertThat(store.load().address()).isEqualTo(created.address());
  }

  @Test
  void writesTheSolanaCliFormatThatLoadsBack() throws Exception {
    NodeKeyStore store = new NodeKeyStore(dir.resolve("node-key.json"));
    Keypair created = store.loadOrCreate(new SecureRandom());

    String json = Files.readString(store.file()).strip();
    assertThat(json).startsWith("[").endsWith("]");
    String[] numbers = json.substring(1, json.length() - 1).split(",");
    assertThat(numbers).hasSize(64);
    for (String number : numbers) {
      assertThat(Integer.parseInt(number.strip())).isBetween(0, 255);
    }
    // The last 32 numbers are the public key, as solana-keygen writes them.
    byte[] publicKey = new byte[32];
    for (int i = 0; i < 32; i++) {
      publicKey[i] = (byte) Integer.parseInt(numbers[32 + i].strip());
    }
    assertThat(publicKey).isEqualTo(created.publicKey());
    assertThat(Keypair.fromSolanaJson(json).address()).isEqualTo(created.address());
  }

  @Test
  void refusesAKeyOthersCanRead() throws Exception {
    NodeKeyStore store = new NodeKeyStore(dir.resolve("node-key.json"));
    store.loadOrCreate(new SecureRandom());
    Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(store::load)
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("mode 0644")
        .satisfies(e -> assertThat(((SetupException) e).fix()).isEqualTo("chmod 600 " + store.file()));
    assertThatThrownBy(() -> store.loadOrCreate(new SecureRandom())).isInstanceOf(SetupException.class);
  }

  @Test
  void acceptsAReadOnlyKeyButNotAnExecutableOne() throws Exception {
    NodeKeyStore store = new NodeKeyStore(dir.resolve("node-key.json"));
    store.loadOrCreate(new SecureRandom());
    Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("r--------"));
    assertThat(store.load()).isNotNull();
    Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rwx------"));
    assertThatThrownBy(store::load).hasMessageContaining("mode 0700");
  }

  @Test
  void namesTheFixForAMissingOrDamagedKey() throws Exception {
    NodeKeyStore store = new NodeKeyStore(dir.resolve("node-key.json"));
    assertThatThrownBy(store::load).isInstanceOf(SetupException.class).hasMessageContaining("no node key");

    AtomicFiles.write(store.file(), "[1,2,3]");
    assertThatThrownBy(store::load).isInstanceOf(SetupException.class).hasMessageContaining("damaged");
  }
}
