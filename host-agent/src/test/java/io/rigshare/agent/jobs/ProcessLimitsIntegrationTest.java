package io.rigshare.agent.jobs;

import static io.rigshare.agent.jobs.JobTesting.MIB;
import static io.rigshare.agent.jobs.JobTesting.WAIT;
import static io.rigshare.agent.jobs.JobTesting.newJobId;
import static io.rigshare.agent.jobs.JobTesting.process;
import static io.rigshare.agent.jobs.JobTesting.resources;
import static io.rigshare.agent.jobs.JobTesting.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.config.FilePermissions;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a process job is held to: memory, CPUs, forwarded output, its environment, and the agent's files. */
class ProcessLimitsIntegrationTest {
  private static final long MEMORY_CAP = 100_000_000L;

  @TempDir Path temp;
  private Path dataDir;
  private final Keypair key = Keypair.generate(new SecureRandom());
  private final RecordingSink sink = new RecordingSink();
  private volatile Message.NodeLimits owner = Message.NodeLimits.none();
  private JobSupervisor supervisor;

  @BeforeEach
  void start() throws Exception {
    dataDir = JobTesting.dataDir(temp);
  }

  @AfterEach
  void stop() {
    if (supervisor != null) {
      supervisor.shutdown(Duration.ofSeconds(5));
    }
  }

  private Message.Finished run(String command, Message.JobResources resources, Map<String, String> env)
      throws InterruptedException {
    if (supervisor == null) {
      supervisor = JobTesting.supervisor(dataDir, key, 4, () -> owner);
      supervisor.attach(sink);
    }
    String jobId = newJobId();
    supervisor.assign(process(jobId, command, resources, env));
    return sink.finished(jobId, WAIT);
  }

  private static Message.JobResources memory(Long bytes) {
    return resources(30, List.of(), null, bytes, MIB);
  }

  @Test
  void theJobsMemoryLimitCapsItsAddressSpace() throws Exception {
    Message.Finished capped = run("head -c 300000000 /dev/zero | tail", memory(MEMORY_CAP), Map.of());

    assertThat(capped.outcome()).isEqualTo("failed");
    assertThat(capped.exitCode()).isNotZero();
    assertThat(sink.output(capped.jobId())).contains("memory exhausted");
  }

  @Test
  void theOwnersLowerMemoryLimitAppliesToo() throws Exception {
    String allocate = "/usr/bin/python3 -c 'x = bytearray(300_000_000); print(len(x))'";
    Message.Finished free = run(allocate, memory(null), Map.of());
    owner = new Message.NodeLimits(null, MEMORY_CAP, null, List.of());
    Message.Finished capped = run(allocate, memory(null), Map.of());

    assertThat(free.outcome()).as(sink.output(free.jobId())).isEqualTo("succeeded");
    assertThat(capped.outcome()).isEqualTo("failed");
    assertThat(sink.output(capped.jobId())).contains("MemoryError");
  }

  @Test
  void cpuCoresPinTheJobToThatManyCpus() throws Exception {
    Message.Finished finished = run("grep Cpus_allowed_list /proc/self/status",
        resources(30, List.of(), 1, null, MIB), Map.of());

    int first = CpuAffinity.ofThisProcess().get(0);
    assertThat(sink.output(finished.jobId()).strip()).isEqualTo("Cpus_allowed_list:\t" + first);
  }

  @Test
  void outputPastTheCapIsCountedAndHashedButNotForwarded() throws Exception {
    byte[] text = new byte[5_000_000];
    Random random = new Random(7);
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) (i % 100 == 99 ? '\n' : 'a' + random.nextInt(26));
    }
    Path file = JobTesting.sharedDir(temp).resolve("output.txt");
    Files.write(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Message.Finished finished = run("cat " + file, resources(30, List.of(), null, null, 1_000_000), Map.of());

    String forwarded = sink.output(finished.jobId());
    assertThat(finished.outcome()).isEqualTo("succeeded");
    assertThat(finished.outputBytes()).isEqualTo(5_000_000);
    assertThat(finished.outputTruncated()).isTrue();
    assertThat(finished.resultSha256()).isEqualTo(sha256(text));
    assertThat(forwarded.length()).isEqualTo(1_000_000);
    assertThat(forwarded).isEqualTo(new String(text, 0, 1_000_000, StandardCharsets.US_ASCII));
  }

  @Test
  void binaryOutputPastTheCapIsCountedWhole() throws Exception {
    Message.Finished finished = run("head -c 5000000 /dev/urandom", resources(30, List.of(), null, null, 1_000_000),
        Map.of());

    assertThat(finished.outputBytes()).isEqualTo(5_000_000);
    assertThat(finished.outputTruncated()).isTrue();
    // Each forwarded byte decodes to at most one char (a malformed one to U+FFFD).
    assertThat(sink.output(finished.jobId()).length()).isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void theJobSeesOnlyItsOwnEnvironmentAndAFreshHomeThatIsRemovedAfterwards() throws Exception {
    Message.Finished finished = run("env; echo cwd=$(pwd); ls -A | wc -l",
        resources(30, List.of(0, 1), null, null, MIB), Map.of("EPOCHS", "3"));

    Map<String, String> env = sink.output(finished.jobId()).lines().filter(l -> l.contains("="))
        .filter(l -> !l.startsWith("cwd="))
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    Path home = dataDir.resolve("jobs").resolve(finished.jobId() + "-1");
    assertThat(env.keySet()).containsExactlyInAnyOrder("PATH", "HOME", "LANG", "RIGSHARE_JOB_ID",
        "RIGSHARE_JOB_ATTEMPT", "CUDA_VISIBLE_DEVICES", "EPOCHS", "PWD"); // sh sets PWD itself
    assertThat(env).containsEntry("HOME", home.toString()).containsEntry("RIGSHARE_JOB_ID", finished.jobId())
        .containsEntry("RIGSHARE_JOB_ATTEMPT", "1").containsEntry("CUDA_VISIBLE_DEVICES", "0,1")
        .containsEntry("EPOCHS", "3").containsEntry("LANG", "C.UTF-8")
        .containsEntry("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    Set<String> agentOnly = new HashSet<>(System.getenv().keySet());
    agentOnly.removeAll(env.keySet());
    assertThat(env.keySet()).doesNotContainAnyElementsOf(agentOnly);
    assertThat(env.get("HOME")).isNotEqualTo(System.getenv("HOME"));
    assertThat(sink.output(finished.jobId())).contains("cwd=" + home + "\n0\n");
    assertThat(home).doesNotExist();
  }

  @Test
  void noGpuMeansAnEmptyCudaVisibleDevices() throws Exception {
    Message.Finished finished = run("echo \"[$CUDA_VISIBLE_DEVICES]\"", memory(null), Map.of());

    assertThat(sink.output(finished.jobId())).isEqualTo("[]\n");
  }

  @Test
  void asRootTheJobRunsAsNobodyAndCannotReadTheAgentsFiles() throws Exception {
    Assumptions.assumeTrue(JobTesting.isRoot(),
        "the agent is not root here, so jobs run as its own account: nothing to drop (CI runs as root)");
    key.save(dataDir.resolve("node-key.json"));
    Path properties = dataDir.resolve("agent.properties");
    Files.writeString(properties, "api.url=http://secret.example\n");
    Files.setPosixFilePermissions(properties, PosixFilePermissions.fromString("rw-r--r--"));

    Message.Finished finished = run("id -u; cd \"$HOME/../..\" && pwd;"
        + " cat node-key.json; echo key=$?; cat agent.properties; echo properties=$?; ls; echo ls=$?",
        memory(null), Map.of());

    String output = sink.output(finished.jobId());
    // stdout and stderr are read by two threads, so their chunks may interleave: check lines, not their order.
    assertThat(output.lines()).contains("65534", dataDir.toString());
    assertThat(output).contains("key=1", "properties=1", "ls=2", "Permission denied");
    assertThat(output).doesNotContain("secret.example").doesNotContain("[");
    assertThat(FilePermissions.octal(Files.getPosixFilePermissions(properties))).isEqualTo("0600");
    assertThat(FilePermissions.octal(Files.getPosixFilePermissions(dataDir))).isEqualTo("0711");
  }
}
