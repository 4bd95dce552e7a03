package io.rigshare.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.config.LinkState;
import io.rigshare.agent.config.NodeState;
import io.rigshare.agent.testing.FakeApi;
import io.rigshare.agent.testing.FakeGateway;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar ({@code target/host-agent-*-all.jar}) as a child JVM, as a host runs it: exit codes, output, files,
 * and a graceful stop on SIGTERM. The server is {@link FakeGateway} + {@link FakeApi}, standing in for
 * marketplace-api's gateway, which is written in parallel.
 */
class AgentProcessIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Path jar;

  @TempDir Path tmp;
  private FakeGateway gateway;
  private FakeApi api;

  record Result(int exitCode, String out, String err) {}

  @BeforeAll
  static void findJar() throws IOException {
    String buildDir = System.getProperty("project.build.directory");
    List<Path> candidates = new ArrayList<>();
    for (Path dir : buildDir != null
        ? List.of(Path.of(buildDir))
        : List.of(Path.of("target"), Path.of("host-agent", "target"))) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files.filter(p -> p.getFileName().toString().matches("host-agent-.*-all\\.jar")).forEach(candidates::add);
        }
      }
    }
    assertThat(candidates).as("the shaded jar; run `mvn verify` (package builds it)").isNotEmpty();
    jar = candidates.get(0).toAbsolutePath();
  }

  @BeforeEach
  void startServer() throws Exception {
    gateway = new FakeGateway().startAndWait();
    api = new FakeApi(gateway.url());
  }

  @AfterEach
  void stopServer() throws Exception {
    api.close();
    gateway.stop(1000);
  }

  private ProcessBuilder agent(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(DataDir.HOME_VARIABLE);
    builder.redirectOutput(tmp.resolve("out-" + System.nanoTime() + ".txt").toFile());
    builder.redirectError(tmp.resolve("err-" + System.nanoTime() + ".txt").toFile());
    return builder;
  }

  private Result run(String... args) throws Exception {
    ProcessBuilder builder = agent(args);
    Process process = builder.start();
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("agent " + List.of(args) + " did not finish in " + WAIT.toSeconds() + " s; its output:\n"
          + Files.readString(builder.redirectOutput().file().toPath()) + "\n"
          + Files.readString(builder.redirectError().file().toPath()));
    }
    return new Result(process.exitValue(), Files.readString(builder.redirectOutput().file().toPath()),
        Files.readString(builder.redirectError().file().toPath()));
  }

  @Test
  void doctorOnAnEmptyDirectoryFailsOnTheMissingKeyAndSaysHowToFixIt() throws Exception {
    Path dir = tmp.resolve("empty");

    Result result = run("doctor", "--data-dir", dir.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).contains("PASS  java", "FAIL  node-key", "fix: register this machine",
        "WARN  api", "checks:");
    assertThat(result.out()).containsPattern("(PASS|WARN)  nvidia-gpu").containsPattern("(PASS|WARN)  opencl");
    assertThat(Files.exists(dir)).as("doctor creates nothing").isFalse();
  }

  @Test
  void benchmarkWithoutAnOpenClPlatformExitsFiveAndSaysWhatToInstall() throws Exception {
    Path noPlatforms = Files.createDirectories(tmp.resolve("no-icds"));
    ProcessBuilder builder = agent("benchmark");
    builder.environment().put("OCL_ICD_VENDORS", noPlatforms.toString()); // the ICD loader finds no platform here
    Process process = builder.start();
    assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(builder.redirectError().file().toPath());

    assertThat(process.exitValue()).as(err).isEqualTo(5);
    assertThat(err).contains("No OpenCL device", "CL_PLATFORM_NOT_FOUND_KHR", "apt-get install ocl-icd-libopencl1");
  }

  @Test
  void statusOnAnEmptyDirectoryExitsNotRegistered() throws Exception {
    Result result = run("status", "--data-dir", tmp.resolve("empty").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.out()).contains("not registered");
  }

  @Test
  void registersThenStatusAndDoctorSeeTheNode() throws Exception {
    Path dir = tmp.resolve("agent");

    Result register = run("register", "--api", api.url(), "--token", "rsn_process", "--name", "rig-proc",
        "--no-run", "--data-dir", dir.toString());

    assertThat(register.exitCode()).as(register.toString()).isZero();
    assertThat(register.out()).contains("Registered this machine as node node-");
    Message.Register frame = gateway.await(Message.Register.class, 1, WAIT).orElseThrow();
    assertThat(frame.name()).isEqualTo("rig-proc");
    assertThat(gateway.verifiedProofs()).isEqualTo(1);
    DataDir data = new DataDir(dir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.key().file()))).isEqualTo("rw-------");
    assertThat(Keypair.load(data.key().file()).address()).isEqualTo(frame.nodeKey());
    assertThat(data.nodeState().read()).map(NodeState::apiUrl).contains(api.url());
    assertThat(Files.readString(data.config().file())).contains("api.url=" + api.url());

    Result status = run("status", "--data-dir", dir.toString());
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).contains("node-" + frame.nodeKey().substring(0, 8), FakeGateway.WALLET, frame.nodeKey(),
        "0600 (ok)");

    Result doctor = run("doctor", "--data-dir", dir.toString());
    assertThat(doctor.out()).contains("PASS  node-key", "PASS  api", "PASS  clock", "PASS  websocket");
    assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(doctor.out().contains("FAIL") ? 1 : 0);
  }

  @Test
  void aUsedTokenExitsWithTheTokenCodeAndSaysWhatToDo() throws Exception {
    gateway.refuseNext(ErrorCodes.TOKEN_USED);

    Result result = run("register", "--api", api.url(), "--token", "rsn_used", "--data-dir",
        tmp.resolve("agent").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(10);
    assertThat(result.err()).contains("TOKEN_USED", "this token was already used; generate a new one in the web app");
  }

  @Test
  void runStaysOnlineAndStopsGracefullyOnSigterm() throws Exception {
    DataDir data = new DataDir(tmp.resolve("agent")).create();
    data.key().loadOrCreate(new SecureRandom());
    data.nodeState().write(new NodeState("node-x", FakeGateway.WALLET, api.url(), Instant.now()));

    Process process = agent("run", "--data-dir", data.root().toString()).start();
    try {
      assertThat(gateway.await(Message.Heartbeat.class, 1, WAIT)).as("a heartbeat from the child").isPresent();
      assertThat(data.status().read()).map(s -> s.state()).contains(LinkState.AUTHENTICATED);

      Result second = run("run", "--data-dir", data.root().toString());
      assertThat(second.exitCode()).as(second.toString()).isEqualTo(4);
      assertThat(second.err()).contains("another agent is running with " + data.root() + " (pid " + process.pid());
      assertThat(gateway.connections()).isEqualTo(1);

      process.destroy(); // SIGTERM

      assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(gateway.awaitAgentClose(WAIT)).containsExactly(1000);
      assertThat(data.status().read()).map(s -> s.state()).contains(LinkState.STOPPED);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void runRefusesAKeyOthersCanRead() throws Exception {
    DataDir data = new DataDir(tmp.resolve("agent")).create();
    data.key().loadOrCreate(new SecureRandom());
    data.nodeState().write(new NodeState("node-x", FakeGateway.WALLET, api.url(), Instant.now()));
    Files.setPosixFilePermissions(data.key().file(), PosixFilePermissions.fromString("rw-r--r--"));

    Result result = run("run", "--data-dir", data.root().toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.err()).contains("fix: chmod 600 " + data.key().file());
    assertThat(gateway.connections()).isZero();
  }
}
