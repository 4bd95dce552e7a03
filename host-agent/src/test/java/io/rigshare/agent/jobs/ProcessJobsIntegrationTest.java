package io.rigshare.agent.jobs;

import static io.rigshare.agent.jobs.JobTesting.MIB;
import static io.rigshare.agent.jobs.JobTesting.WAIT;
import static io.rigshare.agent.jobs.JobTesting.awaitGone;
import static io.rigshare.agent.jobs.JobTesting.newJobId;
import static io.rigshare.agent.jobs.JobTesting.process;
import static io.rigshare.agent.jobs.JobTesting.resources;
import static io.rigshare.agent.jobs.JobTesting.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code sh} jobs through the supervisor and the process runner: output, exit codes, time limits, cancels.
 * Limits and isolation are in {@link ProcessLimitsIntegrationTest}.
 */
class ProcessJobsIntegrationTest {
  @TempDir Path temp;
  private final Keypair key = Keypair.generate(new SecureRandom());
  private final RecordingSink sink = new RecordingSink();
  private JobSupervisor supervisor;

  @BeforeEach
  void start() throws Exception {
    supervisor = JobTesting.supervisor(JobTesting.dataDir(temp), key, 4, Message.NodeLimits::none);
    supervisor.attach(sink);
  }

  @AfterEach
  void stop() {
    supervisor.shutdown(Duration.ofSeconds(5));
  }

  private Message.Finished run(String command) throws InterruptedException {
    String jobId = newJobId();
    supervisor.assign(process(jobId, command));
    return sink.finished(jobId, WAIT);
  }

  @Test
  void outputArrivesInOrderNumberedFromZeroAndTheReceiptHashesAllOfIt() throws Exception {
    String jobId = newJobId();
    supervisor.assign(process(jobId,
        "printf 'first line\\n'; printf 'h\\303\\251llo w\\303\\266rld \\342\\202\\254\\n'; seq 1 20000"));
    Message.Finished finished = sink.finished(jobId, WAIT);

    StringBuilder expected = new StringBuilder("first line\nhéllo wörld €\n");
    IntStream.rangeClosed(1, 20000).forEach(i -> expected.append(i).append('\n'));
    byte[] bytes = expected.toString().getBytes(StandardCharsets.UTF_8);
    List<Message.Log> logs = sink.logs(jobId);
    assertThat(finished.outcome()).isEqualTo("succeeded");
    assertThat(finished.exitCode()).isZero();
    assertThat(finished.outputBytes()).isEqualTo(bytes.length);
    assertThat(finished.resultSha256()).isEqualTo(sha256(bytes));
    assertThat(finished.outputTruncated()).isFalse();
    assertThat(sink.output(jobId)).isEqualTo(expected.toString());
    assertThat(logs).extracting(Message.Log::seq).containsExactlyElementsOf(
        LongStream.range(0, logs.size()).boxed().toList());
    assertThat(logs).allSatisfy(chunk -> {
      assertThat(chunk.stream()).isEqualTo("stdout");
      assertThat(chunk.data().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8192);
    });
    List<Message> frames = sink.frames();
    assertThat(frames.get(0)).isInstanceOf(Message.Started.class);
    assertThat(frames.get(frames.size() - 1)).isEqualTo(finished);
  }

  @Test
  void aCharacterSplitBetweenTwoReadsArrivesWhole() throws Exception {
    String jobId = newJobId();
    // 3-byte characters: 8192-byte reads end inside one.
    supervisor.assign(process(jobId, "/usr/bin/python3 -c 'import sys; sys.stdout.write(\"€\" * 10000)'"));
    Message.Finished finished = sink.finished(jobId, WAIT);

    assertThat(finished.outcome()).isEqualTo("succeeded");
    assertThat(sink.output(jobId)).isEqualTo("€".repeat(10000));
    assertThat(finished.outputBytes()).isEqualTo(30000);
  }

  @Test
  void bothStreamsAreForwardedAndHashedInTheOrderTheChunksAreNumbered() throws Exception {
    String jobId = newJobId();
    supervisor.assign(process(jobId, "echo out1; echo err1 >&2; echo out2; echo err2 >&2"));
    Message.Finished finished = sink.finished(jobId, WAIT);

    List<Message.Log> logs = sink.logs(jobId);
    assertThat(logs).extracting(Message.Log::stream).contains("stdout", "stderr");
    assertThat(logs.stream().filter(l -> l.stream().equals("stderr")).map(Message.Log::data)
        .collect(Collectors.joining())).isEqualTo("err1\nerr2\n"); // one read may hold both lines
    assertThat(logs.stream().filter(l -> l.stream().equals("stdout")).map(Message.Log::data)
        .collect(Collectors.joining())).isEqualTo("out1\nout2\n");
    assertThat(finished.resultSha256()).isEqualTo(sha256(sink.output(jobId)));
    assertThat(finished.outputBytes()).isEqualTo(20);
  }

  @Test
  void theExitCodeDecidesBetweenSucceededAndFailed() throws Exception {
    Message.Finished ok = run("exit 0");
    Message.Finished failed = run("echo about to fail; exit 3");

    assertThat(ok.outcome()).isEqualTo("succeeded");
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.error()).isNull();
    assertThat(ok.resultSha256()).isEqualTo(sha256(new byte[0]));
    assertThat(failed.outcome()).isEqualTo("failed");
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(failed.error()).isEqualTo("exited with code 3");
  }

  @Test
  void theReceiptIsSignedByTheNodeKeyOverWhatTheFrameSays() throws Exception {
    Message.Finished finished = run("echo hello");

    UsageReceipt receipt = UsageReceipt.of(finished, key.address());
    assertThat(receipt.verify(finished.signature())).isTrue();
    assertThat(finished.startedAt()).isEqualTo(UsageReceipt.receiptTime(finished.startedAt()));
    assertThat(finished.endedAt()).isAfterOrEqualTo(finished.startedAt());
    UsageReceipt altered = UsageReceipt.of(finished, key.address());
    altered = new UsageReceipt(altered.jobId(), altered.attempt(), altered.nodeKey(), altered.outcome(),
        altered.exitCode(), altered.startedAt(), altered.endedAt(), altered.outputBytes() + 1,
        altered.resultSha256());
    assertThat(altered.verify(finished.signature())).isFalse();
  }

  @Test
  void theTimeLimitStopsTheWholeProcessGroupBackgroundChildrenIncluded() throws Exception {
    String jobId = newJobId();
    supervisor.assign(process(jobId, "sleep 1000 & echo $!; sleep 1000", resources(1, List.of(), null, null, MIB),
        Map.of()));
    Message.Finished finished = sink.finished(jobId, WAIT);

    long grandchild = Long.parseLong(sink.output(jobId).strip());
    assertThat(finished.outcome()).isEqualTo("timed_out");
    assertThat(finished.exitCode()).isNull();
    assertThat(finished.error()).contains("time limit of 1 s");
    assertThat(Duration.between(finished.startedAt(), finished.endedAt())).isBetween(
        Duration.ofMillis(900), Duration.ofSeconds(5));
    assertThat(awaitGone(grandchild, WAIT)).as("background sleep %d is gone", grandchild).isTrue();
  }

  @Test
  void aJobThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
    String jobId = newJobId();
    supervisor.assign(process(jobId, "trap '' TERM; sleep 1000 & echo $!; while true; do sleep 1; done",
        resources(1, List.of(), null, null, MIB), Map.of()));
    Message.Finished finished = sink.finished(jobId, WAIT);

    long grandchild = Long.parseLong(sink.output(jobId).strip());
    assertThat(finished.outcome()).isEqualTo("timed_out");
    assertThat(finished.exitCode()).isNull();
    assertThat(awaitGone(grandchild, WAIT)).as("sleep %d, deaf to SIGTERM, is gone", grandchild).isTrue();
  }

  @Test
  void aCancelStopsTheWholeGroupAndReportsCancelled() throws Exception {
    String jobId = newJobId();
    supervisor.assign(process(jobId, "echo $$; sleep 1000 & echo $!; wait",
        resources(60, List.of(), null, null, MIB), Map.of()));
    sink.started(jobId, WAIT);
    sink.await(Message.Log.class, chunk -> sink.output(jobId).lines().count() >= 2, WAIT);
    List<Long> pids = pids(sink.output(jobId));

    supervisor.cancel(new Message.Cancel(jobId, 1, "cancelled by the buyer"));
    Message.Finished finished = sink.finished(jobId, WAIT);

    assertThat(finished.outcome()).isEqualTo("cancelled");
    assertThat(finished.exitCode()).isNull();
    assertThat(finished.error()).isEqualTo("cancelled: cancelled by the buyer");
    assertThat(pids).hasSize(2);
    for (long pid : pids) {
      assertThat(awaitGone(pid, WAIT)).as("process %d is gone", pid).isTrue();
    }
    assertThat(UsageReceipt.of(finished, key.address()).verify(finished.signature())).isTrue();
  }

  @Test
  void aCancelForAnAttemptNotRunningHereIsIgnored() {
    supervisor.cancel(new Message.Cancel(newJobId(), 1, "not ours"));

    assertThat(sink.frames()).isEmpty();
  }

  private static List<Long> pids(String output) {
    return output.lines().map(String::strip).filter(l -> !l.isEmpty()).map(Long::parseLong).toList();
  }
}
