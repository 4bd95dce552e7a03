package io.rigshare.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Builders and checks the job tests share. */
final class JobTesting {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final long MIB = 1L << 20;

  private JobTesting() {}

  static String newJobId() {
    return UUID.randomUUID().toString();
  }

  static Message.Assign process(String jobId, String command) {
    return process(jobId, command, resources(10, List.of(), null, null, 64 * MIB), Map.of());
  }

  static Message.Assign process(String jobId, String command, Message.JobResources resources,
      Map<String, String> env) {
    return new Message.Assign(jobId, 1, new Message.JobRuntime("process", command, null, env, false), resources);
  }

  static Message.JobResources resources(int timeLimitSeconds, List<Integer> gpus, Integer cpuCores, Long memoryBytes,
      long maxOutputBytes) {
    return new Message.JobResources(timeLimitSeconds, gpus, cpuCores, memoryBytes, maxOutputBytes);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the process is gone: no such pid, or a zombie waiting for a parent that does not reap it. */
  static boolean gone(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return true;
    }
  }

  /** Polls (bounded) until the process is gone. */
  static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!gone(pid)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10); // polls with a deadline: a stranger's pid offers nothing to wait on
    }
    return true;
  }

  /**
   * A data directory the job account can reach, as the installer's /var/lib/rigshare-agent is: JUnit's temporary
   * directory is 0700, so it is opened to search (0711) first.
   */
  static Path dataDir(Path tempDir) throws IOException {
    Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
    return Files.createDirectories(tempDir.resolve("data"));
  }

  /** A directory every account may read and write, for files a job reads or leaves. */
  static Path sharedDir(Path tempDir) throws IOException {
    Path shared = Files.createDirectories(tempDir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    return shared;
  }

  /** A supervisor with the real process runner, a 500 ms kill grace and reports kept under the data directory. */
  static JobSupervisor supervisor(Path dataDir, Keypair key, int maxConcurrent,
      Supplier<Message.NodeLimits> ownerLimits) {
    ProcessRunner runner = ProcessRunner.create(dataDir, "nobody");
    assertThat(runner.unavailable()).as("the process runner on this machine").isEmpty();
    JobSettings settings = new JobSettings(maxConcurrent, 64 * MIB, Duration.ofMillis(500), null, null,
        dataDir.resolve(JobSettings.REPORTS_DIR));
    return new JobSupervisor(settings, List.of(runner), key, ownerLimits, Clock.systemUTC());
  }

  static boolean isRoot() {
    return JobUser.agentIsRoot();
  }
}
