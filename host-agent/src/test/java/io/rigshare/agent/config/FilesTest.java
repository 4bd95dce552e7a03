package io.rigshare.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.protocol.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's small files: atomic writes, 0600, JSON round trips. */
class FilesTest {
  private static final Instant T = Instant.parse("2026-11-23T10:00:00.123Z");

  @TempDir Path dir;

  @Test
  void atomicWriteReplacesTheWholeFileAndLeavesNoTemporaryFileBehind() throws Exception {
    Path file = dir.resolve("state.json");
    AtomicFiles.write(file, "first version, rather long");
    AtomicFiles.write(file, "second");

    assertThat(Files.readString(file)).isEqualTo("second");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
    }
  }

  @Test
  void atomicWriteCreatesMissingDirectories() throws Exception {
    Path file = dir.resolve("a/b/c.txt");
    AtomicFiles.write(file, "x");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void nodeStateRoundTrips() throws Exception {
    JsonFile<NodeState> file = new DataDir(dir).nodeState();
    assertThat(file.read()).isEmpty();

    NodeState state = new NodeState("0b7c1e9a", "4MsVzE9jRx8XFWznvfM49WX8oq8nMEuSTb6EpWgWt82R", "http://api", T);
    file.write(state);

    assertThat(file.read()).contains(state);
    assertThat(Files.readString(file.file())).contains("\"registeredAt\" : \"2026-11-23T10:00:00.123Z\"");
  }

  @Test
  void statusAndLimitsRoundTrip() throws Exception {
    DataDir data = new DataDir(dir);
    LinkStatus status = new LinkStatus(LinkState.AUTHENTICATED, T, "node n1", "RATE_LIMITED: busy", T, "n1");
    data.status().write(status);
    assertThat(data.status().read()).contains(status);
    assertThat(Files.readString(data.status().file())).contains("\"state\" : \"authenticated\"");

    AcceptedLimits limits = new AcceptedLimits("lim-7", 7,
        new Message.NodeLimits(8, 1L << 35, null, List.of(new Message.GpuLimit(0, true, 50))), T);
    data.limits().write(limits);
    assertThat(data.limits().read()).contains(limits);
  }

  @Test
  void aDamagedStateFileIsASetupProblemNamingTheFile() throws Exception {
    JsonFile<NodeState> file = new DataDir(dir).nodeState();
    Files.writeString(file.file(), "{not json");
    assertThatThrownBy(file::read).isInstanceOf(SetupException.class).hasMessageContaining("node.json is damaged");
  }

  @Test
  void dataDirDefaultsToTheEnvironmentVariableElseTheHomeDirectory() {
    assertThat(DataDir.defaultRoot(Map.of("RIGSHARE_AGENT_HOME", "/srv/agent"), "/home/u"))
        .isEqualTo(Path.of("/srv/agent"));
    assertThat(DataDir.defaultRoot(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.rigshare-agent"));
    assertThat(DataDir.defaultRoot(Map.of("RIGSHARE_AGENT_HOME", " "), "/home/u"))
        .isEqualTo(Path.of("/home/u/.rigshare-agent"));
  }

  @Test
  void dataDirIsCreatedOwnerOnly() throws Exception {
    DataDir data = new DataDir(dir.resolve("agent")).create();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.root()))).isEqualTo("rwx------");
  }

  @Test
  void onlyOneAgentAtATimeHoldsADataDirectory() throws Exception {
    try (AgentLock first = AgentLock.acquire(dir)) {
      assertThatThrownBy(() -> AgentLock.acquire(dir))
          .isInstanceOf(SetupException.class)
          .hasMessage("another agent is running with " + dir + " (pid " + ProcessHandle.current().pid() + ")");
    }
    try (AgentLock again = AgentLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve("agent.lock"))).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
    }
  }

  @Test
  void modesPrintInOctal() {
    assertThat(FilePermissions.octal(PosixFilePermissions.fromString("rw-------"))).isEqualTo("0600");
    assertThat(FilePermissions.octal(PosixFilePermissions.fromString("rw-r--r--"))).isEqualTo("0644");
    assertThat(FilePermissions.octal(PosixFilePermissions.fromString("rwxr-x--x"))).isEqualTo("0751");
    assertThat(FilePermissions.ownerReadWriteOnly(PosixFilePermissions.fromString("rw-------"))).isTrue();
    assertThat(FilePermissions.ownerReadWriteOnly(PosixFilePermissions.fromString("rw----r--"))).isFalse();
  }
}
