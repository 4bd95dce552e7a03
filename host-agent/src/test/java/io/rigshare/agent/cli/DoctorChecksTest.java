package io.rigshare.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.config.NodeKeyStore;
import io.rigshare.agent.hardware.ToolResult;
import io.rigshare.agent.testing.Hardware;
import io.rigshare.protocol.hardware.GpuInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorChecksTest {
  private static final long GIB = LocalChecks.GIB;
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  @TempDir Path dir;

  @Test
  void javaSeventeenOrNewerPasses() {
    assertThat(LocalChecks.java(Runtime.Version.parse("17.0.15")).verdict()).isEqualTo(Check.Verdict.PASS);
    assertThat(LocalChecks.java(Runtime.Version.parse("21")).verdict()).isEqualTo(Check.Verdict.PASS);
    assertThat(LocalChecks.java(Runtime.Version.parse("11.0.2")).verdict()).isEqualTo(Check.Verdict.FAIL);
  }

  @Test
  void noNvidiaGpuIsAWarningNotAFailure() {
    Check absent = LocalChecks.nvidia(new ToolResult<GpuInfo>(List.of(), "nvidia-smi could not be started"));
    assertThat(absent.verdict()).isEqualTo(Check.Verdict.WARN);
    assertThat(absent.detail()).startsWith("no NVIDIA GPU detected");

    Check present = LocalChecks.nvidia(new ToolResult<>(List.of(Hardware.gpu(0)), null));
    assertThat(present.verdict()).isEqualTo(Check.Verdict.PASS);
    assertThat(present.detail()).isEqualTo("0: NVIDIA GeForce RTX 4090; driver 550.54.14");
  }

  @Test
  void openClNeedsALoaderThatLoadsAndAnIcd() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path vendors = Files.createDirectories(dir.resolve("vendors"));
    assertThat(LocalChecks.openCl(vendors, List.of(lib), p -> true).verdict()).isEqualTo(Check.Verdict.WARN);

    Files.writeString(lib.resolve("libOpenCL.so.1"), "");
    assertThat(LocalChecks.openCl(vendors, List.of(lib), p -> false).detail()).endsWith("does not load");
    assertThat(LocalChecks.openCl(vendors, List.of(lib), p -> true).detail()).contains("no platform");

    Files.writeString(vendors.resolve("pocl.icd"), "libpocl.so.2");
    Check pass = LocalChecks.openCl(vendors, List.of(lib), p -> true);
    assertThat(pass.verdict()).isEqualTo(Check.Verdict.PASS);
    assertThat(pass.detail()).endsWith("platforms: pocl.icd");
    assertThat(LocalChecks.openCl(vendors, List.of(), p -> true).fix()).contains("pocl-opencl-icd");
  }

  @Test
  void diskFailsUnderOneGibAndWarnsUnderTen() {
    assertThat(LocalChecks.disk(dir, GIB - 1).verdict()).isEqualTo(Check.Verdict.FAIL);
    assertThat(LocalChecks.disk(dir, GIB).verdict()).isEqualTo(Check.Verdict.WARN);
    assertThat(LocalChecks.disk(dir, 10 * GIB - 1).verdict()).isEqualTo(Check.Verdict.WARN);
    assertThat(LocalChecks.disk(dir, 10 * GIB).verdict()).isEqualTo(Check.Verdict.PASS);
    assertThat(LocalChecks.disk(dir.resolve("not/yet/there")).verdict()).isNotNull();
  }

  @Test
  void keyMustExistAndBe0600() throws Exception {
    NodeKeyStore keys = new NodeKeyStore(dir.resolve("node-key.json"));
    Check missing = LocalChecks.key(keys);
    assertThat(missing.verdict()).isEqualTo(Check.Verdict.FAIL);
    assertThat(missing.fix()).contains("register");

    keys.loadOrCreate(new SecureRandom());
    assertThat(LocalChecks.key(keys).verdict()).isEqualTo(Check.Verdict.PASS);

    Files.setPosixFilePermissions(keys.file(), PosixFilePermissions.fromString("rw-rw-r--"));
    Check open = LocalChecks.key(keys);
    assertThat(open.verdict()).isEqualTo(Check.Verdict.FAIL);
    assertThat(open.detail()).contains("0664");
    assertThat(open.fix()).isEqualTo("chmod 600 " + keys.file());
  }

  @Test
  void clockSkewIsMeasuredAgainstTheMiddleOfTheRequest() {
    // Sent at T, answered 2 s later: the server's clock read T+1 s at the midpoint, so no skew.
    Check none = ServerChecks.skew(T.plusSeconds(1), T, T.plusSeconds(2));
    assertThat(none.verdict()).isEqualTo(Check.Verdict.PASS);
    assertThat(none.detail()).startsWith("this clock is 0.000 s");

    assertThat(ServerChecks.skew(T.plusSeconds(30), T, T).verdict()).isEqualTo(Check.Verdict.WARN);
    Check behind = ServerChecks.skew(T.plusSeconds(61), T, T);
    assertThat(behind.verdict()).isEqualTo(Check.Verdict.FAIL);
    assertThat(behind.detail()).contains("61.000 s behind");
    assertThat(ServerChecks.skew(T.minusSeconds(90), T, T).detail()).contains("90.000 s ahead of");
    assertThat(ServerChecks.skew(null, T, T).verdict()).isEqualTo(Check.Verdict.WARN);
  }
}
