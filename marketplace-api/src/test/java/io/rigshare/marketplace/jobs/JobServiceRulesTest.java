package io.rigshare.marketplace.jobs;

import io.rigshare.marketplace.core.Ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rigshare.marketplace.api.JobApi;
import io.rigshare.marketplace.config.JobsConfig;
import io.rigshare.marketplace.db.JobDao;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.protocol.wire.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure rules inside JobService: receipt times, retry backoff, and what buyers and hosts see of a job. */
class JobServiceRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant ASSIGNED = NOW.minus(Duration.ofMinutes(30));
  private static final UUID JOB = UUID.fromString("5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10");
  private static final UUID NODE = new UUID(0, 7);
  private static final Duration SKEW = JobService.RECEIPT_SKEW;

  // ---- receipt times ------------------------------------------------------------------------------------------

  @Test
  void aReceiptWithinTheLeaseIsAccepted() {
    JobDao.Job job = new Row().assignedAt(ASSIGNED).timeLimit(3600).build();

    assertThat(JobService.checkTimes(job, finished(ASSIGNED.plusSeconds(1), NOW), NOW)).isNull();
    assertThat(JobService.checkTimes(job, finished(NOW, NOW), NOW)).as("a rejected attempt: start = end").isNull();
  }

  @Test
  void theEndMayNotComeBeforeTheStart() {
    JobDao.Job job = new Row().assignedAt(ASSIGNED).build();
    assertThat(JobService.checkTimes(job, finished(NOW, NOW.minusMillis(1)), NOW))
        .isEqualTo("endedAt is before startedAt");
  }

  @Test
  void theStartMayPrecedeTheAssignmentOnlyByTheClockSkew() {
    JobDao.Job job = new Row().assignedAt(ASSIGNED).build();

    assertThat(JobService.checkTimes(job, finished(ASSIGNED.minus(SKEW), NOW), NOW)).isNull();
    assertThat(JobService.checkTimes(job, finished(ASSIGNED.minus(SKEW).minusMillis(1), NOW), NOW))
        .isEqualTo("startedAt is before the attempt was assigned");
    assertThat(JobService.checkTimes(new Row().assignedAt(null).build(), finished(NOW.minusSeconds(60), NOW), NOW))
        .as("no assignment time recorded: nothing to compare").isNull();
  }

  @Test
  void theEndMayFollowOurClockOnlyByTheClockSkew() {
    JobDao.Job job = new Row().assignedAt(ASSIGNED).build();

    assertThat(JobService.checkTimes(job, finished(NOW, NOW.plus(SKEW)), NOW)).isNull();
    assertThat(JobService.checkTimes(job, finished(NOW, NOW.plus(SKEW).plusMillis(1)), NOW))
        .isEqualTo("endedAt is in the future");
  }

  @Test
  void theRunMayExceedTheTimeLimitOnlyByTheClockSkew() {
    JobDao.Job job = new Row().assignedAt(ASSIGNED.minus(Duration.ofHours(2))).timeLimit(600).build();
    Instant start = NOW.minusSeconds(600).minus(SKEW);

    assertThat(JobService.checkTimes(job, finished(start, NOW), NOW)).isNull();
    assertThat(JobService.checkTimes(job, finished(start.minusMillis(1), NOW), NOW))
        .isEqualTo("the run is longer than the job's time limit");
  }

  // ---- retry backoff ------------------------------------------------------------------------------------------

  @Test
  void theBackoffDoublesPerAttemptUpToItsMaximum() {
    JobService service = service(new JobsConfig()); // 2 s, at most 5 min

    assertThat(List.of(1, 2, 3, 4, 8, 9, 10).stream().map(service::backoff).toList()).containsExactly(
        Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
        Duration.ofSeconds(256), Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertThat(service.backoff(0)).as("before any attempt").isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theBackoffFollowsTheConfigAndNeverOverflows() throws Exception {
    JobService service = service(new ObjectMapper().readValue(
        "{\"retryBackoff\": \"250ms\", \"retryBackoffMax\": \"1s\"}", JobsConfig.class));

    assertThat(List.of(1, 2, 3, 4).stream().map(service::backoff).toList()).containsExactly(
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(service.backoff(100)).isEqualTo(Duration.ofSeconds(1));
    assertThat(service.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  // ---- views --------------------------------------------------------------------------------------------------

  @Test
  void theBuyerSeesTheEnvironmentAndTheHostOnlyItsNames() throws Exception {
    JobDao.Job job = new Row().runtime(Map.of("HF_TOKEN", "hf_secret", "EPOCHS", "3")).build();

    assertThat(JobService.view(job, null, null, true).runtime().env())
        .containsExactlyInAnyOrderEntriesOf(Map.of("HF_TOKEN", "hf_secret", "EPOCHS", "3"));
    JobApi.View host = JobService.view(job, null, null, false);
    assertThat(host.runtime().env()).containsExactlyInAnyOrderEntriesOf(Map.of("HF_TOKEN", "***", "EPOCHS", "***"));
    assertThat(json().writeValueAsString(host)).doesNotContain("hf_secret");
    assertThat(host.runtime().command()).isEqualTo("python3 train.py");
    assertThat(JobService.buyerView(job).runtime().env()).containsEntry("HF_TOKEN", "hf_secret");
  }

  @Test
  void aViewCarriesTheJobAsStored() {
    Instant started = NOW.minusSeconds(90);
    Instant finished = NOW.minusMillis(500);
    JobDao.Job job = new Row().state("succeeded").startedAt(started).finishedAt(finished).build();

    JobApi.View view = JobService.view(job, null, null, true);

    assertThat(view.id()).isEqualTo(JOB);
    assertThat(view.state()).isEqualTo("succeeded");
    assertThat(view.runtime().type()).isEqualTo("process");
    assertThat(view.runtime().image()).isNull();
    assertThat(view.runtime().network()).as("network is a container setting").isNull();
    assertThat(view.requirements()).isEqualTo(new JobApi.Requirements(2, 24L, List.of("RTX 4090"), 100L));
    assertThat(view.maxPricePerHour()).isEqualTo(5_000_000);
    assertThat(view.timeLimitSeconds()).isEqualTo(3600);
    assertThat(view.targetNodeId()).isNull();
    assertThat(view.attempt()).isEqualTo(1);
    assertThat(view.nodeId()).isEqualTo(NODE);
    assertThat(view.gpus()).containsExactly(0, 1);
    assertThat(view.pricePerHour()).isEqualTo(2_000_000);
    assertThat(view.cancelRequested()).isFalse();
    assertThat(view.assignedAt()).isEqualTo(ASSIGNED);
    assertThat(view.durationMs()).isEqualTo(89_500);
    assertThat(view.receipt()).isNull();
    assertThat(view.logBytes()).isEqualTo(1234);
  }

  @Test
  void theReceiptDecidesTheDuration() {
    JobDao.Job job = new Row().state("succeeded").startedAt(NOW.minusSeconds(100)).finishedAt(NOW).build();
    JobDao.Receipt receipt = new JobDao.Receipt(JOB, 1, NODE, "NodeKey111", "succeeded", 0, NOW.minusSeconds(99),
        NOW.minusSeconds(9), 42, "ab".repeat(32), "sig", NOW);

    JobApi.View view = JobService.view(job, receipt, null, true);

    assertThat(view.durationMs()).isEqualTo(90_000);
    assertThat(view.receipt()).isEqualTo(new JobApi.Receipt(1, "NodeKey111", "succeeded", 0, NOW.minusSeconds(99),
        NOW.minusSeconds(9), 42, "ab".repeat(32), "sig", NOW));
  }

  @Test
  void anUnfinishedJobHasNoDurationAndAContainerShowsItsNetwork() throws Exception {
    JobDao.Job job = new Row().state("running").startedAt(NOW).cancelRequestedAt(NOW)
        .runtimeJson("{\"type\":\"container\",\"image\":\"busybox\",\"env\":{},\"network\":true}").build();

    JobApi.View view = JobService.view(job, null, null, true);

    assertThat(view.durationMs()).isNull();
    assertThat(view.cancelRequested()).isTrue();
    assertThat(view.runtime().network()).isTrue();
    assertThat(view.runtime().command()).isNull();
    JsonNode tree = json().valueToTree(view);
    assertThat(tree.has("durationMs")).as("nulls are written out").isTrue();
    assertThat(tree.get("receipt").isNull()).isTrue();
  }

  @Test
  void aDemandIsTheJobsRequirements() {
    JobDao.Job job = new Row().target(NODE).build();

    assertThat(JobService.demand(job)).isEqualTo(
        new Matcher.Demand(JOB, "process", 2, JobSpec.vramMib(24), List.of("RTX 4090"), 100, 5_000_000, NODE));
  }

  @Test
  void idsThatAreNotUuidsFindNothing() {
    assertThat(Ids.parse(JOB.toString())).contains(JOB);
    assertThat(Ids.parse("not-a-uuid")).isEmpty();
    assertThat(Ids.parse(null)).isEmpty();
    assertThat(JobService.list(null)).isEmpty();
  }

  // ---- what is refused before the database is asked ----------------------------------------------------------

  @Test
  void anIdempotencyKeyIsOneTo255VisibleAsciiCharacters() {
    JobService service = service(new JobsConfig());
    JobSpec spec = JobSpec.validate(new JobApi.SubmitRequest(new JobApi.Runtime("process", "true", null, null, null),
        new JobApi.Requirements(0, null, null, null), 1L, 1L, null, null), Duration.ofDays(1), NOW);

    for (String key : List.of("", "with space", "tab\t", "é", "k".repeat(256))) {
      assertThat(catchThrowableOfType(ApiException.class, () -> service.submit("buyer", key, spec)))
          .as(key).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.getMessage()).isEqualTo("Idempotency-Key: 1 to 255 visible ASCII characters");
          });
    }
  }

  @Test
  void aLogCursorIsAttemptDotSeq() {
    JobService service = service(new JobsConfig());
    JobDao.Job job = new Row().build();

    for (String cursor : List.of("1", "x.1", "1.x", ".", "1.", "1,5", "99999999999.1")) {
      assertThat(catchThrowableOfType(ApiException.class, () -> service.logs(job, cursor, 10)))
          .as(cursor).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.getMessage()).isEqualTo("after: a cursor such as 1.41, as returned in 'next'");
          });
    }
  }

  @Test
  void onlyKnownStatesCanBeListed() {
    assertThat(catchThrowableOfType(ApiException.class, () -> service(new JobsConfig()).listMine("b", "done", 0, 1)))
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo("state: one of " + JobStates.ALL));
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private static JobService service(JobsConfig config) {
    return new JobService(null, config, Clock.fixed(NOW, ZoneOffset.UTC), null, null);
  }

  private static Message.Finished finished(Instant startedAt, Instant endedAt) {
    return new Message.Finished(JOB.toString(), 1, "succeeded", 0, startedAt, endedAt, 10, "00".repeat(32), false,
        null, "sig");
  }

  private static ObjectMapper json() {
    return new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** A stored job: a two-GPU process job, assigned to NODE as attempt 1, unless told otherwise. */
  private static final class Row {
    private String runtime = "{\"type\":\"process\",\"command\":\"python3 train.py\",\"env\":{},\"network\":false}";
    private String state = "assigned";
    private Instant assignedAt = ASSIGNED;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant cancelRequestedAt;
    private int timeLimit = 3600;
    private UUID target;

    Row runtime(Map<String, String> env) throws Exception {
      this.runtime = new ObjectMapper().writeValueAsString(
          new Message.JobRuntime("process", "python3 train.py", null, env, false));
      return this;
    }

    Row runtimeJson(String json) {
      this.runtime = json;
      return this;
    }

    Row state(String state) {
      this.state = state;
      return this;
    }

    Row assignedAt(Instant assignedAt) {
      this.assignedAt = assignedAt;
      return this;
    }

    Row startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    Row finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    Row cancelRequestedAt(Instant at) {
      this.cancelRequestedAt = at;
      return this;
    }

    Row timeLimit(int seconds) {
      this.timeLimit = seconds;
      return this;
    }

    Row target(UUID node) {
      this.target = node;
      return this;
    }

    JobDao.Job build() {
      String type = runtime.contains("\"container\"") ? "container" : "process";
      return new JobDao.Job(JOB, "BuyerWallet111", "key-1", "00".repeat(32), runtime, type, 2, JobSpec.vramMib(24),
          new String[] {"RTX 4090"}, 100, 5_000_000, timeLimit, null, target, state, null, 1, NODE,
          new Integer[] {0, 1}, 2_000_000L, NOW.plusSeconds(45), NOW.minus(Duration.ofHours(1)), cancelRequestedAt,
          NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(1)), assignedAt, startedAt, finishedAt, null,
          null, null, null, 1234, false, NOW, null, null);
    }
  }
}
