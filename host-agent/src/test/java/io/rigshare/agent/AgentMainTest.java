package io.rigshare.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.cli.ExitCodes;
import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.config.NodeState;
import io.rigshare.protocol.wire.ErrorCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line, run in-process: parsing, exit codes, and the commands that need no server. */
class AgentMainTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = AgentMain.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("register", "run", "status", "doctor", "Exit codes:")
        .contains(" 10", "INVALID_TOKEN, TOKEN_EXPIRED or TOKEN_USED", " 12", "NODE_NOT_FOUND or NODE_DISABLED");
  }

  @Test
  void registerHelpDocumentsItsOptionsAndExitCodes() {
    assertThat(run("register", "--help")).isZero();
    assertThat(out.toString()).contains("--api=URL", "--token=TOKEN", "--name=NAME", "--no-run", "--data-dir=DIR",
        "--verbose", "Exit codes:", " 15");
  }

  @Test
  void noCommandPrintsUsageAndExitsWithTheUsageCode() {
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Usage: rigshare-agent");
  }

  @Test
  void argumentErrorsExitWithTheUsageCode() {
    assertThat(run("register", "--api", "http://localhost:8080")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Missing required option: '--token=TOKEN'");
    assertThat(run("register", "--api", "ftp://x", "--token", "rsn_x", "--data-dir", dir.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--api must be an http:// or https:// URL");
    assertThat(run("launch")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("status", "--bogus")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void statusOnAnEmptyDirectorySaysNotRegistered() {
    assertThat(run("status", "--data-dir", dir.toString())).isEqualTo(ExitCodes.NOT_REGISTERED);
    assertThat(out.toString()).contains("not registered", "Node key:", "none");
    assertThat(dir).isEmptyDirectory(); // status changes nothing
  }

  @Test
  void statusOfARegisteredMachineShowsItsIdentityAndExitsZero() throws Exception {
    DataDir data = new DataDir(dir);
    String address = data.key().loadOrCreate(new SecureRandom()).address();
    data.nodeState().write(new NodeState("node-1", "Wallet1", "http://api.test", Instant.now()));

    assertThat(run("status", "--data-dir", dir.toString())).isZero();
    assertThat(out.toString()).contains("node-1", "Wallet1", "http://api.test", address, "0600 (ok)");

    Files.setPosixFilePermissions(data.key().file(), PosixFilePermissions.fromString("rw-r--r--"));
    run("status", "--data-dir", dir.toString());
    assertThat(out.toString()).contains("0644 (too open; fix: chmod 600 " + data.key().file() + ")");
  }

  @Test
  void runWithoutAKeySaysRegisterFirst() {
    assertThat(run("run", "--data-dir", dir.toString())).isEqualTo(ExitCodes.NOT_REGISTERED);
    assertThat(err.toString()).contains("not registered", "rigshare-agent register --api URL --token TOKEN");
  }

  @Test
  void runRefusesAKeyOthersCanReadWithTheChmodFix() throws Exception {
    DataDir data = new DataDir(dir);
    data.key().loadOrCreate(new SecureRandom());
    data.config().loadOrCreate();
    data.config().setApiUrl("http://127.0.0.1:1");
    Files.setPosixFilePermissions(data.key().file(), PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(run("run", "--data-dir", dir.toString())).isEqualTo(ExitCodes.SETUP);
    assertThat(err.toString()).contains("mode 0644", "fix: chmod 600 " + data.key().file());
  }

  @Test
  void aBadSettingIsASetupError() throws Exception {
    DataDir data = new DataDir(dir);
    data.key().loadOrCreate(new SecureRandom());
    Files.writeString(data.config().file(), "heartbeat.override.seconds=often\n");

    assertThat(run("run", "--data-dir", dir.toString())).isEqualTo(ExitCodes.SETUP);
    assertThat(err.toString()).contains("heartbeat.override.seconds is 'often'");
  }

  @Test
  void registerRefusesAMachineThatIsRegisteredAlreadyWithoutSpendingTheToken() throws Exception {
    new DataDir(dir).nodeState().write(new NodeState("node-1", "W", "http://api.test", Instant.now()));

    assertThat(run("register", "--api", "http://127.0.0.1:1", "--token", "rsn_x", "--data-dir", dir.toString()))
        .isEqualTo(ExitCodes.ALREADY_REGISTERED);
    assertThat(err.toString()).contains("already registered as node node-1");
  }

  @Test
  void eachRefusalClassHasItsOwnExitCode() {
    assertThat(ExitCodes.forRefusal(ErrorCodes.TOKEN_USED)).isEqualTo(ExitCodes.TOKEN_REFUSED);
    assertThat(ExitCodes.forRefusal(ErrorCodes.TOKEN_EXPIRED)).isEqualTo(ExitCodes.TOKEN_REFUSED);
    assertThat(ExitCodes.forRefusal(ErrorCodes.INVALID_TOKEN)).isEqualTo(ExitCodes.TOKEN_REFUSED);
    assertThat(ExitCodes.forRefusal(ErrorCodes.NODE_EXISTS)).isEqualTo(ExitCodes.ALREADY_REGISTERED);
    assertThat(ExitCodes.forRefusal(ErrorCodes.NODE_DISABLED)).isEqualTo(ExitCodes.NODE_GONE);
    assertThat(ExitCodes.forRefusal(ErrorCodes.NODE_NOT_FOUND)).isEqualTo(ExitCodes.NODE_GONE);
    assertThat(ExitCodes.forRefusal(ErrorCodes.UNSUPPORTED_VERSION)).isEqualTo(ExitCodes.UNSUPPORTED_VERSION);
    assertThat(ExitCodes.forRefusal(ErrorCodes.CHALLENGE_EXPIRED)).isEqualTo(ExitCodes.PROOF_REFUSED);
    assertThat(ExitCodes.forRefusal(ErrorCodes.INTERNAL_ERROR)).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  void versionNamesTheProtocol() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("rigshare-agent ").contains("protocol 1");
  }
}
