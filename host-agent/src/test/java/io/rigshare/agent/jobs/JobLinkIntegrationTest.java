package io.rigshare.agent.jobs;

import static io.rigshare.agent.jobs.JobTesting.WAIT;
import static io.rigshare.agent.jobs.JobTesting.newJobId;
import static io.rigshare.agent.jobs.JobTesting.process;
import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.config.AcceptedLimits;
import io.rigshare.agent.config.JsonFile;
import io.rigshare.agent.link.AgentLink;
import io.rigshare.agent.link.Backoff;
import io.rigshare.agent.link.Credentials;
import io.rigshare.agent.link.LimitsHandler;
import io.rigshare.agent.link.LimitsValidator;
import io.rigshare.agent.link.LinkContext;
import io.rigshare.agent.link.LinkListener;
import io.rigshare.agent.link.LinkSettings;
import io.rigshare.agent.link.ServerInfo;
import io.rigshare.agent.testing.FakeGateway;
import io.rigshare.agent.testing.FakeGateway.Received;
import io.rigshare.agent.testing.StubHardwareProbe;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import io.rigshare.protocol.wire.Wire;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs over the link: {@link FakeGateway} (the server's side of docs/protocol.md) assigns, cancels and answers
 * reports over a real socket, and drops the connection to see what the agent sends again.
 */
class JobLinkIntegrationTest {
  @TempDir Path temp;
  private final Keypair key = Keypair.generate(new SecureRandom());
  private final StubHardwareProbe probe = new StubHardwareProbe();
  private FakeGateway gateway;
  private JobSupervisor jobs;
  private AgentLink link;

  @BeforeEach
  void start() throws Exception {
    gateway = new FakeGateway().startAndWait();
    Path dataDir = JobTesting.dataDir(temp);
    jobs = JobTesting.supervisor(dataDir, key, 4, Message.NodeLimits::none);
    LimitsHandler limits = new LimitsHandler(new LimitsValidator(null, null), probe,
        new JsonFile<>(dataDir.resolve("limits.json"), AcceptedLimits.class), Clock.systemUTC());
    LinkContext context = new LinkContext(key, probe, () -> new Message.Telemetry(List.of(), 1.0, 1L, 2L, 3L, 0),
        limits, LinkListener.NONE, Clock.systemUTC(), jobs);
    LinkSettings settings = new LinkSettings("test", null, Duration.ofSeconds(5), Duration.ofSeconds(10), 3, false);
    link = new AgentLink(context, new Credentials.Auth(),
        () -> new ServerInfo(gateway.url(), FakeGateway.DOMAIN, List.of(1), 1, Instant.now()), settings,
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), new Random(1)));
    link.start();
    await(Message.Metrics.class, 1, m -> true); // authenticated
  }

  @AfterEach
  void stop() throws Exception {
    link.stop();
    link.awaitStopped(WAIT);
    jobs.shutdown(Duration.ofSeconds(5));
    gateway.stop(1000);
  }

  private <T extends Message> T await(Class<T> type, int connection, Predicate<T> test) throws InterruptedException {
    return gateway.await(r -> r.connection() == connection && type.isInstance(r.message())
            && test.test(type.cast(r.message())), WAIT)
        .map(r -> type.cast(r.message()))
        .orElseThrow(() -> new AssertionError("no matching " + type.getSimpleName() + " on connection " + connection
            + "; got " + gateway.received()));
  }

  private void send(Message frame) {
    gateway.broadcast(Wire.encode(frame));
  }

  private String output(String jobId) {
    return gateway.received().stream().map(Received::message)
        .filter(m -> m instanceof Message.Log log && log.jobId().equals(jobId)).map(Message.Log.class::cast)
        .sorted((a, b) -> Long.compare(a.seq(), b.seq())).map(Message.Log::data).collect(Collectors.joining());
  }

  @Test
  void anAssignedJobIsStartedLoggedAndReportedUntilTheServerAcks() throws Exception {
    assertThat(await(Message.Hello.class, 1, h -> true).runners()).containsExactly("process");
    String jobId = newJobId();
    send(process(jobId, "echo hello; echo world >&2"));

    Message.Started started = await(Message.Started.class, 1, s -> s.jobId().equals(jobId));
    Message.Finished finished = await(Message.Finished.class, 1, f -> f.jobId().equals(jobId));
    assertThat(finished.outcome()).isEqualTo("succeeded");
    assertThat(finished.startedAt()).isEqualTo(started.startedAt());
    assertThat(UsageReceipt.of(finished, key.address()).verify(finished.signature())).isTrue();
    assertThat(output(jobId)).contains("hello\n").contains("world\n");
    assertThat(await(Message.Heartbeat.class, 1, h -> !h.jobs().isEmpty()).jobs())
        .containsExactly(new Message.JobRef(jobId, 1));

    send(new Message.Ack(UsageReceipt.ref(jobId, 1), true, null));
    long acked = awaitNoReports();
    gateway.await(r -> r.nanos() > acked && r.message() instanceof Message.Heartbeat h && h.jobs().isEmpty(), WAIT)
        .orElseThrow(() -> new AssertionError("no heartbeat without the job after the ack"));
    assertThat(gateway.agentCloseCodes()).isEmpty();
  }

  @Test
  void anUnansweredReportIsSentAgainAfterEachReconnectUntilAcked() throws Exception {
    String jobId = newJobId();
    send(process(jobId, "echo once"));
    Message.Finished first = await(Message.Finished.class, 1, f -> f.jobId().equals(jobId));

    gateway.dropAll(1011);
    assertThat(await(Message.Finished.class, 2, f -> f.jobId().equals(jobId))).isEqualTo(first);
    send(new Message.Ack(UsageReceipt.ref(jobId, 1), true, null));
    awaitNoReports();

    gateway.dropAll(1011);
    await(Message.Heartbeat.class, 3, h -> true);
    assertThat(gateway.received()).filteredOn(r -> r.connection() == 3)
        .noneMatch(r -> r.message() instanceof Message.Finished);
    assertThat(gateway.received()).filteredOn(r -> r.message() instanceof Message.Log).hasSize(1); // run once
  }

  @Test
  void aStaleAttemptErrorDropsTheReportAndKeepsTheConnection() throws Exception {
    String jobId = newJobId();
    send(process(jobId, "true"));
    await(Message.Finished.class, 1, f -> f.jobId().equals(jobId));

    send(new Message.Error(ErrorCodes.STALE_ATTEMPT, "the attempt was requeued", UsageReceipt.ref(jobId, 1)));
    long answered = awaitNoReports();

    gateway.await(r -> r.nanos() > answered && r.message() instanceof Message.Heartbeat, WAIT)
        .orElseThrow(() -> new AssertionError("the connection did not carry on after the error"));
    assertThat(gateway.connections()).isEqualTo(1);
    assertThat(gateway.agentCloseCodes()).isEmpty();
  }

  @Test
  void aJobKeepsRunningThroughAReconnectAndIsCancelledOnTheNewConnection() throws Exception {
    String jobId = newJobId();
    send(process(jobId, "echo started; sleep 1000"));
    await(Message.Started.class, 1, s -> s.jobId().equals(jobId));

    gateway.dropAll(1011);
    await(Message.Started.class, 2, s -> s.jobId().equals(jobId)); // sent again: the last one may have been lost
    await(Message.Heartbeat.class, 2, h -> h.jobs().contains(new Message.JobRef(jobId, 1)));
    send(new Message.Cancel(jobId, 1, "cancelled by the buyer"));

    Message.Finished finished = await(Message.Finished.class, 2, f -> f.jobId().equals(jobId));
    assertThat(finished.outcome()).isEqualTo("cancelled");
    assertThat(finished.outputBytes()).isEqualTo("started\n".length());
    assertThat(gateway.received()).filteredOn(r -> r.message() instanceof Message.Finished).hasSize(1);
  }

  /** Waits (bounded) until the supervisor holds no report; returns the time it saw that. */
  private long awaitNoReports() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!jobs.unacknowledged().isEmpty()) {
      assertThat(System.nanoTime()).as("the report was answered in time").isLessThan(deadline);
      Thread.sleep(10); // polls with a deadline: the answer is handled on the link's own thread
    }
    return System.nanoTime();
  }
}
