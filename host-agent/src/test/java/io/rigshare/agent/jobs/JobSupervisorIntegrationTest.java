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
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's bookkeeping with real jobs: once per attempt, rejections, answers, replays, restarts. */
class JobSupervisorIntegrationTest {
  @TempDir Path temp;
  private Path dataDir;
  private final Keypair key = Keypair.generate(new SecureRandom());
  private final RecordingSink sink = new RecordingSink();
  private volatile Message.NodeLimits owner = Message.NodeLimits.none();
  private JobSupervisor supervisor;

  @BeforeEach
  void start() throws Exception {
    dataDir = JobTesting.dataDir(temp);
    supervisor = JobTesting.supervisor(dataDir, key, 2, () -> owner);
    supervisor.attach(sink);
  }

  @AfterEach
  void stop() {
    supervisor.shutdown(Duration.ofSeconds(5));
  }

  private static String ref(String jobId) {
    return UsageReceipt.ref(jobId, 1);
  }

  @Test
  void aRepeatedAssignRunsTheAttemptOnceAndSendsItsReportAgain() throws Exception {
    Path runs = JobTesting.sharedDir(temp).resolve("runs");
    String jobId = newJobId();
    Message.Assign assign = process(jobId, "echo run >> " + runs);

    supervisor.assign(assign);
    supervisor.assign(assign);
    Message.Finished finished = sink.finished(jobId, WAIT);
    supervisor.assign(assign);

    assertThat(Files.readAllLines(runs)).containsExactly("run");
    assertThat(sink.all(Message.Finished.class)).containsExactly(finished, finished);
  }

  @Test
  void aRunnerThisHostDoesNotOfferIsRejectedWithAnEmptySignedReceipt() throws Exception {
    String jobId = newJobId();
    supervisor.assign(new Message.Assign(jobId, 1,
        new Message.JobRuntime("container", null, "alpine:3.20", Map.of(), false),
        resources(60, List.of(), null, null, MIB)));

    Message.Finished rejected = sink.finished(jobId, WAIT);
    assertThat(rejected.outcome()).isEqualTo("rejected");
    assertThat(rejected.error()).isEqualTo("this host does not offer the container runner");
    assertThat(rejected.startedAt()).isEqualTo(rejected.endedAt());
    assertThat(rejected.exitCode()).isNull();
    assertThat(rejected.outputBytes()).isZero();
    assertThat(rejected.resultSha256()).isEqualTo(sha256(new byte[0]));
    assertThat(UsageReceipt.of(rejected, key.address()).verify(rejected.signature())).isTrue();
    assertThat(sink.all(Message.Started.class)).isEmpty();
    assertThat(supervisor.runners()).containsExactly("process");
  }

  @Test
  void badAssignmentsAreRejectedSayingWhy() throws Exception {
    supervisor.assign(process("../../etc", "true"));
    String reserved = newJobId();
    supervisor.assign(process(reserved, "true", resources(60, List.of(), null, null, MIB),
        Map.of("RIGSHARE_JOB_ID", "someone-else")));
    String noGpu = newJobId();
    owner = new Message.NodeLimits(null, null, null, List.of(new Message.GpuLimit(1, false, 100)));
    supervisor.assign(process(noGpu, "true", resources(60, List.of(1), null, null, MIB), Map.of()));

    assertThat(sink.finished("../../etc", WAIT).error()).startsWith("jobId must be");
    assertThat(sink.finished(reserved, WAIT).error()).isEqualTo("env may not set RIGSHARE_JOB_ID: the agent sets it");
    Message.Finished gpu = sink.finished(noGpu, WAIT);
    assertThat(gpu.outcome()).isEqualTo("rejected");
    assertThat(gpu.error()).isEqualTo("GPU 1 is not offered by the owner's limits");
    assertThat(sink.all(Message.Started.class)).isEmpty();
  }

  @Test
  void jobsRunSideBySideUpToTheConcurrencyLimit() throws Exception {
    Path shared = JobTesting.sharedDir(temp);
    String waiter = newJobId();
    String signaller = newJobId();
    String third = newJobId();
    // The first can only end once the second has run: they must run at the same time.
    supervisor.assign(process(waiter, "while [ ! -e " + shared + "/go ]; do sleep 0.02; done; echo done"));
    supervisor.assign(process(signaller, "sleep 0.2; touch " + shared + "/go; sleep 30"));
    supervisor.assign(process(third, "true"));

    assertThat(sink.finished(waiter, WAIT).outcome()).isEqualTo("succeeded");
    assertThat(sink.finished(third, WAIT).error()).isEqualTo("this host already runs 2 jobs (jobs.max.concurrent)");
    assertThat(supervisor.runningCount()).isEqualTo(1);
    supervisor.cancel(new Message.Cancel(signaller, 1, null));
    assertThat(sink.finished(signaller, WAIT).outcome()).isEqualTo("cancelled");
  }

  @Test
  void heartbeatsListRunningAttemptsThenUnansweredReportsUntilTheServerAcks() throws Exception {
    String jobId = newJobId();
    supervisor.assign(process(jobId, "sleep 30"));
    sink.started(jobId, WAIT);
    assertThat(supervisor.heartbeatJobs()).containsExactly(new Message.JobRef(jobId, 1));
    assertThat(supervisor.runningCount()).isEqualTo(1);

    supervisor.cancel(new Message.Cancel(jobId, 1, "test"));
    Message.Finished finished = sink.finished(jobId, WAIT);
    assertThat(supervisor.runningCount()).isZero();
    assertThat(supervisor.heartbeatJobs()).containsExactly(new Message.JobRef(jobId, 1));
    assertThat(supervisor.unacknowledged()).containsExactly(finished);

    assertThat(supervisor.onAck(ref(jobId))).isTrue();
    assertThat(supervisor.heartbeatJobs()).isEmpty();
    assertThat(supervisor.unacknowledged()).isEmpty();
  }

  @Test
  void staleAndInvalidAnswersDropTheReportOtherErrorsKeepIt() throws Exception {
    String stale = newJobId();
    String invalid = newJobId();
    String retried = newJobId();
    for (String jobId : List.of(stale, invalid, retried)) {
      supervisor.assign(process(jobId, "true"));
      sink.finished(jobId, WAIT);
    }

    supervisor.onError(ErrorCodes.STALE_ATTEMPT, ref(stale));
    supervisor.onError(ErrorCodes.INVALID_RECEIPT, ref(invalid));
    supervisor.onError(ErrorCodes.INTERNAL_ERROR, ref(retried));

    assertThat(supervisor.unacknowledged()).extracting(Message.Finished::jobId).containsExactly(retried);
  }

  @Test
  void reportsMadeWhileDisconnectedAreSentOnTheNextAttachStartedIncluded() throws Exception {
    supervisor.detach(sink);
    String done = newJobId();
    String running = newJobId();
    supervisor.assign(process(done, "echo while away"));
    supervisor.assign(process(running, "sleep 30"));
    RecordingSink later = new RecordingSink();

    Message.Finished finished = awaitReport(done);
    List<Message> resent = awaitStartedOnAttach(later, running);

    assertThat(resent).contains(finished);
    assertThat(resent.indexOf(finished)).isGreaterThan(0); // after the started of the running attempt
    assertThat(sink.frames()).isEmpty();
  }

  @Test
  void unansweredReportsSurviveARestartOfTheAgent() throws Exception {
    String jobId = newJobId();
    supervisor.assign(process(jobId, "echo before the restart"));
    Message.Finished finished = sink.finished(jobId, WAIT);
    supervisor.shutdown(Duration.ofSeconds(1));

    supervisor = JobTesting.supervisor(dataDir, key, 2, () -> owner);
    RecordingSink afterRestart = new RecordingSink();

    assertThat(supervisor.attach(afterRestart)).containsExactly(finished);
    assertThat(supervisor.heartbeatJobs()).containsExactly(new Message.JobRef(jobId, 1));
    supervisor.assign(process(jobId, "echo must not run again"));
    assertThat(afterRestart.all(Message.Finished.class)).containsExactly(finished);
    supervisor.onAck(ref(jobId));
    JobSupervisor restartedAgain = JobTesting.supervisor(dataDir, key, 2, () -> owner);
    assertThat(restartedAgain.unacknowledged()).isEmpty();
    restartedAgain.shutdown(Duration.ZERO);
  }

  @Test
  void stoppingTheAgentStopsItsJobsAndReportsThem() throws Exception {
    String jobId = newJobId();
    supervisor.assign(process(jobId, "echo $$; sleep 1000"));
    long pid = Long.parseLong(sink.awaitOutput(jobId, "\n", WAIT).strip());

    supervisor.shutdown(Duration.ofSeconds(5));

    Message.Finished finished = sink.finished(jobId, WAIT);
    assertThat(finished.outcome()).isEqualTo("failed");
    assertThat(finished.error()).isEqualTo("the host agent stopped");
    assertThat(awaitGone(pid, WAIT)).isTrue();
    supervisor.assign(process(newJobId(), "true"));
    assertThat(sink.all(Message.Finished.class).get(1).error()).isEqualTo("the host agent is stopping");
  }

  /** Waits for a report made while no connection was attached: its evidence is the unanswered list. */
  private Message.Finished awaitReport(String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Message.Finished finished : supervisor.unacknowledged()) {
        if (finished.jobId().equals(jobId)) {
          return finished;
        }
      }
      Thread.sleep(10); // polls with a deadline: nothing is sent while detached
    }
    throw new AssertionError("no report for " + jobId);
  }

  private List<Message> awaitStartedOnAttach(RecordingSink connection, String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<Message> resent = supervisor.attach(connection);
      if (resent.stream().anyMatch(m -> m instanceof Message.Started s && s.jobId().equals(jobId))) {
        return resent;
      }
      supervisor.detach(connection);
      Thread.sleep(10); // polls with a deadline until the attempt has started
    }
    throw new AssertionError("no started for " + jobId);
  }
}
