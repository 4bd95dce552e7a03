package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.config.AcceptedLimits;
import io.rigshare.agent.config.JsonFile;
import io.rigshare.agent.jobs.JobRejectedException;
import io.rigshare.agent.jobs.JobRunner;
import io.rigshare.agent.jobs.JobSettings;
import io.rigshare.agent.jobs.JobSpec;
import io.rigshare.agent.jobs.JobSupervisor;
import io.rigshare.agent.jobs.RunningJob;
import io.rigshare.agent.testing.StubHardwareProbe;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job frames of one connection, driven frame by frame without a socket. */
class LinkSessionJobsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.250Z");
  private static final String DOMAIN = "rigshare.test:8080";
  private static final ServerInfo SERVER = new ServerInfo("ws://127.0.0.1:1/agent/v1", DOMAIN, List.of(1), 15, NOW);

  @TempDir Path dir;
  private final Keypair key = Keypair.generate(new SecureRandom());
  private final List<Message> sent = new CopyOnWriteArrayList<>();
  private final LinkSession.Outbound out = new LinkSession.Outbound() {
    @Override
    public void send(String frame) {
      sent.add(Wire.decode(frame).message());
    }

    @Override
    public void close(int code, String reason) {
      sent.add(new Message.Error("CLOSED", reason, Integer.toString(code)));
    }
  };

  /** A process runner that is there but starts nothing: every start is refused. */
  private static final JobRunner REFUSING = new JobRunner() {
    @Override
    public String type() {
      return "process";
    }

    @Override
    public Optional<String> unavailable() {
      return Optional.empty();
    }

    @Override
    public RunningJob start(JobSpec spec) throws JobRejectedException {
      throw new JobRejectedException("refused by the test runner");
    }
  };

  private final JobSupervisor jobs = new JobSupervisor(JobSettings.defaults(), List.of(REFUSING), key,
      Message.NodeLimits::none, Clock.fixed(NOW, ZoneOffset.UTC));

  private LinkSession session() {
    StubHardwareProbe probe = new StubHardwareProbe();
    LimitsHandler limits = new LimitsHandler(new LimitsValidator(null, null), probe,
        new JsonFile<>(dir.resolve("limits.json"), AcceptedLimits.class), Clock.fixed(NOW, ZoneOffset.UTC));
    LinkContext context = new LinkContext(key, probe, () -> new Message.Telemetry(List.of(), 1.0, 1L, 2L, 3L, 0),
        limits, LinkListener.NONE, Clock.fixed(NOW, ZoneOffset.UTC), jobs);
    return new LinkSession(context, new Credentials.Auth(), SERVER, LinkSettings.defaults("test"), new AtomicLong());
  }

  private static Message.Challenge challenge() {
    return new Message.Challenge(1, "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqv", DOMAIN, NOW, NOW.plusSeconds(30));
  }

  private static Message.Assign assign(String jobId) {
    return new Message.Assign(jobId, 1, new Message.JobRuntime("process", "true", null, Map.of(), false),
        new Message.JobResources(60, List.of(), null, null, 1000));
  }

  private void receive(LinkSession session, Message... frames) {
    for (Message frame : frames) {
      session.received(Wire.encode(frame));
    }
  }

  private SessionEnd close(LinkSession session) throws Exception {
    session.closed(1000, "test over", true);
    return session.ended().get(10, TimeUnit.SECONDS);
  }

  private Message.Finished awaitFinished(String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (Message message : sent) {
        if (message instanceof Message.Finished finished && finished.jobId().equals(jobId)) {
          return finished;
        }
      }
      Thread.sleep(5); // polls with a deadline: the report comes from the job's own thread
    }
    throw new AssertionError("no finished for " + jobId + "; sent " + sent);
  }

  @Test
  void helloOffersTheSupervisorsRunners() throws Exception {
    LinkSession session = session();
    session.opened(out);
    close(session);

    assertThat(sent.get(0)).isEqualTo(new Message.Hello(1, "test", key.address(), List.of("process")));
  }

  @Test
  void anAssignBeforeAuthenticationIsUnexpectedAndRunsNothing() throws Exception {
    LinkSession session = session();
    session.opened(out);
    receive(session, assign("job-early"));
    close(session);

    assertThat(sent).filteredOn(Message.Error.class::isInstance).extracting(m -> ((Message.Error) m).code())
        .containsExactly(ErrorCodes.UNEXPECTED_MESSAGE);
    assertThat(jobs.heartbeatJobs()).isEmpty();
  }

  @Test
  void afterAuthenticationAssignsReachTheSupervisorAndItsReportsTheConnection() throws Exception {
    LinkSession session = session();
    session.opened(out);
    receive(session, challenge(), new Message.Authenticated("n1", "w1", 15, null), assign("job-1"));

    Message.Finished finished = awaitFinished("job-1");
    assertThat(finished.outcome()).isEqualTo("rejected");
    assertThat(finished.error()).isEqualTo("refused by the test runner");
    close(session);
  }

  @Test
  void anErrorAboutAReportConcernsThatJobNotTheConnection() throws Exception {
    LinkSession session = session();
    session.opened(out);
    receive(session, challenge(), new Message.Authenticated("n1", "w1", 15, null), assign("job-2"));
    awaitFinished("job-2");
    receive(session, new Message.Error(ErrorCodes.STALE_ATTEMPT, "requeued", "fin:job-2:1"));
    SessionEnd end = close(session);

    assertThat(end.refusalCode()).isNull();
    assertThat(end.problem()).doesNotContain(ErrorCodes.STALE_ATTEMPT);
    assertThat(sent).noneMatch(m -> m instanceof Message.Error e && e.code().equals("CLOSED"));
    assertThat(jobs.unacknowledged()).isEmpty();
  }

  @Test
  void anAckOfAReportForgetsIt() throws Exception {
    LinkSession session = session();
    session.opened(out);
    receive(session, challenge(), new Message.Authenticated("n1", "w1", 15, null), assign("job-3"));
    awaitFinished("job-3");
    receive(session, new Message.Ack("fin:job-3:1", true, null));
    close(session);

    assertThat(jobs.unacknowledged()).isEmpty();
    assertThat(jobs.heartbeatJobs()).isEmpty();
  }

  @Test
  void theNextConnectionGetsTheUnansweredReportRightAfterMetrics() throws Exception {
    LinkSession first = session();
    first.opened(out);
    receive(first, challenge(), new Message.Authenticated("n1", "w1", 15, null), assign("job-4"));
    Message.Finished finished = awaitFinished("job-4");
    close(first);
    sent.clear();

    LinkSession second = session();
    second.opened(out);
    receive(second, challenge(), new Message.Authenticated("n1", "w1", 15, null));
    close(second);

    int metrics = indexOf(Message.Metrics.class);
    assertThat(metrics).isNotNegative();
    assertThat(sent.get(metrics + 1)).isEqualTo(finished);
  }

  private int indexOf(Class<? extends Message> type) {
    for (int i = 0; i < sent.size(); i++) {
      if (type.isInstance(sent.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
