package io.rigshare.marketplace.jobs;

import static io.rigshare.marketplace.jobs.JobKit.WAIT;
import static io.rigshare.marketplace.jobs.JobKit.hardware;
import static io.rigshare.marketplace.jobs.JobKit.processJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.bench.SimulatedAgent.JobResult;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Funds;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job queue end to end against the real service, PostgreSQL and WebSockets, with simulated agents that speak the
 * documented frames and sign real receipts. Each test's jobs ask for a GPU model (or node) only its own agents have,
 * so agents of other tests never take them. Time is moved on the service's clock, not slept.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JobsIntegrationTest {
  // Simulated agents send no heartbeats, and tests move the clock by up to a minute: nodes must not go silent.
  static final DropwizardAppExtension<RigshareConfiguration> APP =
      TestApp.extension(ConfigOverride.config("agentGateway.missedHeartbeats", "100"));
  private static int day;

  private Http http;
  private String host;
  private String buyer;
  private JobKit kit;

  @BeforeEach
  void setUp() {
    TestApp.CLOCK.set(Instant.parse("2026-12-01T10:00:00Z").plus(Duration.ofDays(day++)));
    http = new Http(APP.getLocalPort());
    host = Wallets.signIn(http, Vectors.keypair("host-1"));
    buyer = Wallets.signIn(http, Vectors.keypair("buyer-1"));
    Funds.credit(APP.getConfiguration(), Vectors.keypair("buyer-1").address(), Funds.PLENTY);
    kit = new JobKit(http, host);
  }

  private static Map<String, Object> gpuJob(String command, String model) {
    return Map.of("runtime", Map.of("type", "process", "command", command, "env", Map.of("EPOCHS", "3")),
        "requirements", Map.of("gpuCount", 1, "minVramGb", 16, "gpuModels", List.of(model), "minScore", 0),
        "maxPricePerHour", 2_500_000, "timeLimitSeconds", 3600);
  }

  @Test
  void aJobRunsOnAMatchingNodeAndItsReceiptIsVerified() throws Exception {
    try (SimulatedAgent agent = kit.agent("rig-a", hardware(2, "NVIDIA GeForce SimA 4090", 24_564))) {
      agent.runningJobs(assign -> new JobResult("succeeded", 0, "epoch 1\nepoch 2\n"));
      String id = kit.submit(buyer, gpuJob("python3 train.py", "SimA 4090"));

      JsonNode detail = kit.awaitState(buyer, id, "succeeded");
      JsonNode job = detail.get("job");
      assertThat(detail.get("role").asText()).isEqualTo("buyer");
      assertThat(job.get("attempt").asInt()).isEqualTo(1);
      assertThat(job.get("gpus")).hasSize(1);
      assertThat(job.get("nodeId").asText()).isEqualTo(kit.nodeIdOf(agent));
      assertThat(job.get("pricePerHour").asLong()).isEqualTo(1_000_000); // the default price of one GPU-hour
      assertThat(job.get("exitCode").asInt()).isZero();
      String expectedSha = SimulatedAgent.sha256("epoch 1\nepoch 2\n".getBytes(StandardCharsets.UTF_8));
      assertThat(job.get("outputSha256").asText()).isEqualTo(expectedSha);
      JsonNode receipt = job.get("receipt");
      assertThat(receipt.get("attempt").asInt()).isEqualTo(1);
      assertThat(receipt.get("nodeKey").asText()).isEqualTo(agent.key().address());
      UsageReceipt signed = new UsageReceipt(id, 1, agent.key().address(), "succeeded", 0,
          Instant.parse(receipt.get("startedAt").asText()), Instant.parse(receipt.get("endedAt").asText()),
          receipt.get("outputBytes").asLong(), receipt.get("resultSha256").asText());
      assertThat(signed.verify(receipt.get("signature").asText())).isTrue();
      assertThat(detail.get("transitions").findValuesAsText("to"))
          .containsExactly("queued", "assigned", "running", "succeeded");

      // The agent got what the protocol promises: the assignment with its GPU and limits, then the ack.
      Message.Assign assign = agent.nextOf(Message.Assign.class, WAIT);
      assertThat(assign.runtime().command()).isEqualTo("python3 train.py");
      assertThat(assign.runtime().env()).containsEntry("EPOCHS", "3");
      assertThat(assign.resources().timeLimitSeconds()).isEqualTo(3600);
      assertThat(assign.resources().gpus()).containsExactly(job.get("gpus").get(0).asInt());
      Message.Ack ack = agent.nextOf(Message.Ack.class, WAIT);
      assertThat(ack.ref()).isEqualTo(UsageReceipt.ref(id, 1));

      JsonNode logs = http.get("/api/jobs/" + id + "/logs", buyer).json();
      assertThat(logs.get("chunks").get(0).get("data").asText()).isEqualTo("epoch 1\nepoch 2\n");
      assertThat(logs.get("complete").asBoolean()).isTrue();

      // The host sees it among its node's jobs, and may read it (without the buyer's env values).
      JsonNode nodeJobs = http.get("/api/nodes/" + kit.nodeIdOf(agent) + "/jobs", host).json();
      assertThat(nodeJobs.get("items").findValuesAsText("jobId")).contains(id);
      JsonNode asHost = kit.job(host, id);
      assertThat(asHost.get("role").asText()).isEqualTo("host");
      assertThat(asHost.get("job").get("runtime").get("env").get("EPOCHS").asText()).isEqualTo("***");
      // Anyone else: not found.
      String stranger = Wallets.signIn(http, Vectors.keypair("host-2"));
      assertThat(http.get("/api/jobs/" + id, stranger).status()).isEqualTo(404);
      assertThat(http.get("/api/jobs/" + id + "/logs", stranger).status()).isEqualTo(404);
      assertThat(http.post("/api/jobs/" + id + "/cancel", stranger, null).status()).isEqualTo(404);
      assertThat(http.get("/api/jobs/" + id, null).status()).isEqualTo(401);
    }
  }

  @Test
  void badSpecsAreRefusedWithEveryFailureNamed() {
    long jobsBefore = http.get("/api/jobs/mine", buyer).json().get("total").asLong();
    Http.Reply empty = http.post("/api/jobs", buyer, "{}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(empty.json().get("message").asText())
        .contains("runtime: required", "requirements: required", "maxPricePerHour: required",
            "timeLimitSeconds: required");

    Map<String, Object> bad = new HashMap<>();
    bad.put("runtime", Map.of("type", "container", "image", "Not An Image!", "env",
        Map.of("RIGSHARE_KEY", "x", "9BAD", "y")));
    bad.put("requirements", Map.of("gpuCount", 99, "minVramGb", -1));
    bad.put("maxPricePerHour", 0);
    bad.put("timeLimitSeconds", 999_999_999);
    bad.put("startDeadline", "2020-01-01T00:00:00Z");
    Http.Reply many = http.postJson("/api/jobs", buyer, bad);
    assertThat(many.status()).isEqualTo(400);
    assertThat(many.json().get("message").asText()).contains("runtime.image", "RIGSHARE_KEY is reserved",
        "'9BAD' is not a variable name", "requirements.gpuCount", "requirements.minVramGb", "maxPricePerHour",
        "timeLimitSeconds", "startDeadline: must be in the future");

    Http.Reply processWithImage = http.postJson("/api/jobs", buyer, Map.of(
        "runtime", Map.of("type", "process", "image", "ubuntu"), "requirements", Map.of("gpuCount", 0),
        "maxPricePerHour", 1, "timeLimitSeconds", 1));
    assertThat(processWithImage.json().get("message").asText())
        .contains("runtime.command: required", "runtime.image: only for container jobs");

    assertThat(http.post("/api/jobs", buyer, "{\"runtime\": ").code()).isEqualTo("MALFORMED_JSON");
    Http.Reply wrongType = http.post("/api/jobs", buyer, "{\"maxPricePerHour\": \"lots\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("message").asText()).contains("maxPricePerHour");
    assertThat(http.post("/api/jobs", buyer, "{\"priority\": 1}").json().get("message").asText())
        .contains("unknown field 'priority'");
    assertThat(http.post("/api/jobs", buyer, "[]").status()).isEqualTo(400);
    assertThat(http.post("/api/jobs", buyer, "{\"requirements\": {\"gpuCount\": 1.5}}").status()).isEqualTo(400);
    assertThat(http.postJson("/api/jobs", null, processJob("true", 0)).status()).isEqualTo(401);
    assertThat(http.get("/api/jobs/not-a-uuid", buyer).status()).isEqualTo(404);
    assertThat(http.get("/api/jobs/mine?state=sleeping", buyer).code()).isEqualTo("VALIDATION_FAILED");
    // None of the refused requests made a job.
    assertThat(http.get("/api/jobs/mine", buyer).json().get("total").asLong()).isEqualTo(jobsBefore);
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameJob() {
    Map<String, Object> body = processJob("echo once", 0);
    Http.Reply first = http.send(http.builder("/api/jobs", buyer).header("Content-Type", "application/json")
        .header("Idempotency-Key", "order-" + day).POST(body(body)));
    Http.Reply again = http.send(http.builder("/api/jobs", buyer).header("Content-Type", "application/json")
        .header("Idempotency-Key", "order-" + day).POST(body(body)));
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).contains("true");
    assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());

    Http.Reply otherBody = http.send(http.builder("/api/jobs", buyer).header("Content-Type", "application/json")
        .header("Idempotency-Key", "order-" + day).POST(body(processJob("echo twice", 0))));
    assertThat(otherBody.status()).isEqualTo(422);
    assertThat(otherBody.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
    // Keys are per buyer: another wallet's same key is another job.
    String other = Wallets.signIn(http, Vectors.keypair("host-2"));
    Http.Reply theirs = http.send(http.builder("/api/jobs", other).header("Content-Type", "application/json")
        .header("Idempotency-Key", "order-" + day).POST(body(body)));
    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
    Http.Reply badKey = http.send(http.builder("/api/jobs", buyer).header("Content-Type", "application/json")
        .header("Idempotency-Key", "x".repeat(300)).POST(body(body)));
    assertThat(badKey.code()).isEqualTo("VALIDATION_FAILED");
    http.post("/api/jobs/" + first.json().get("id").asText() + "/cancel", buyer, null);
    http.post("/api/jobs/" + theirs.json().get("id").asText() + "/cancel", other, null);

    // A replay is judged as of the original request: a start deadline that has passed since is no error.
    Map<String, Object> withDeadline = new HashMap<>(processJob("echo later", 1));
    withDeadline.put("requirements", Map.of("gpuCount", 1, "gpuModels", List.of("NoSuchGpu")));
    withDeadline.put("startDeadline", TestApp.CLOCK.instant().plusSeconds(30).toString());
    Http.Reply original = http.send(http.builder("/api/jobs", buyer).header("Content-Type", "application/json")
        .header("Idempotency-Key", "deadline-" + day).POST(body(withDeadline)));
    assertThat(original.status()).isEqualTo(201);
    TestApp.CLOCK.advance(Duration.ofSeconds(60));
    Http.Reply late = http.send(http.builder("/api/jobs", buyer).header("Content-Type", "application/json")
        .header("Idempotency-Key", "deadline-" + day).POST(body(withDeadline)));
    assertThat(late.status()).as(late.toString()).isEqualTo(200);
    assertThat(late.json().get("id").asText()).isEqualTo(original.json().get("id").asText());
  }

  @Test
  void matchingHonoursGpusVramModelsAndPriceAndPrefersTheCheapestNode() throws Exception {
    try (SimulatedAgent small = kit.agent("small", hardware(1, "SimB 3060", 12_288));
        SimulatedAgent cheap = kit.agent("cheap", hardware(2, "SimB 4090", 24_564));
        SimulatedAgent dear = kit.agent("dear", hardware(4, "SimB 4090", 24_564))) {
      for (SimulatedAgent a : List.of(small, cheap, dear)) {
        a.runningJobs(assign -> null); // jobs stay running, so capacity stays taken
      }
      price(kit.nodeIdOf(cheap), 900_000);
      price(kit.nodeIdOf(dear), 1_200_000);
      price(kit.nodeIdOf(small), 100_000);

      // 16 GB of VRAM rules out the 3060 even though it is cheapest; the cheaper 4090 node fills first.
      String a = kit.submit(buyer, gpuJob("a", "SimB 4090"));
      String b = kit.submit(buyer, gpuJob("b", "SimB"));
      String c = kit.submit(buyer, gpuJob("c", "SimB"));
      for (String id : List.of(a, b, c)) {
        kit.awaitState(buyer, id, "running");
      }
      assertThat(kit.job(buyer, a).get("job").get("nodeId").asText()).isEqualTo(kit.nodeIdOf(cheap));
      assertThat(kit.job(buyer, b).get("job").get("nodeId").asText()).isEqualTo(kit.nodeIdOf(cheap));
      assertThat(kit.job(buyer, c).get("job").get("nodeId").asText()).isEqualTo(kit.nodeIdOf(dear));
      assertThat(kit.job(buyer, c).get("job").get("pricePerHour").asLong()).isEqualTo(1_200_000);
      // Two GPUs at once: the dear node has three free.
      Map<String, Object> two = new HashMap<>(gpuJob("d", "SimB 4090"));
      two.put("requirements", Map.of("gpuCount", 2, "gpuModels", List.of("SimB 4090")));
      String d = kit.submit(buyer, two);
      JsonNode dJob = kit.awaitState(buyer, d, "running").get("job");
      assertThat(dJob.get("gpus")).hasSize(2);
      assertThat(dJob.get("pricePerHour").asLong()).isEqualTo(2_400_000);
      // Over the buyer's price: nothing matches, it waits.
      Map<String, Object> stingy = new HashMap<>(gpuJob("e", "SimB 4090"));
      stingy.put("maxPricePerHour", 500_000);
      String e = kit.submit(buyer, stingy);
      // No free 4090 is left after d (cheap 2/2, dear 3/4 busy) except one on dear: a job for one fits there.
      String f = kit.submit(buyer, gpuJob("f", "SimB 4090"));
      kit.awaitState(buyer, f, "running");
      Map<String, Object> tooMany = new HashMap<>(gpuJob("g", "SimB 4090"));
      tooMany.put("requirements", Map.of("gpuCount", 1, "gpuModels", List.of("SimB 4090")));
      String g = kit.submit(buyer, tooMany);
      Thread.sleep(300); // several dispatcher polls (100 ms each) in which nothing may match
      assertThat(kit.job(buyer, e).get("job").get("state").asText()).isEqualTo("queued");
      assertThat(kit.job(buyer, g).get("job").get("state").asText()).isEqualTo("queued");
      // A 3060 job goes to the small node.
      Map<String, Object> small12 = Map.of("runtime", Map.of("type", "process", "command", "h"),
          "requirements", Map.of("gpuCount", 1, "minVramGb", 12, "gpuModels", List.of("SimB 3060")),
          "maxPricePerHour", 100_000, "timeLimitSeconds", 60);
      String h = kit.submit(buyer, small12);
      assertThat(kit.awaitState(buyer, h, "running").get("job").get("nodeId").asText())
          .isEqualTo(kit.nodeIdOf(small));
      for (String id : List.of(a, b, c, d, e, f, g, h)) {
        http.post("/api/jobs/" + id + "/cancel", buyer, null);
      }
    }
  }

  @Test
  void reportsForAnAttemptTheNodeDoesNotHoldAreRefused() throws Exception {
    try (SimulatedAgent holder = kit.agent("holder", hardware(1, "SimC", 8192));
        SimulatedAgent intruder = kit.agent("intruder", hardware(1, "SimX", 8192))) {
      holder.runningJobs(assign -> null);
      String id = kit.submit(buyer, Map.of("runtime", Map.of("type", "process", "command", "sleep 1"),
          "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("SimC")), "maxPricePerHour", 5_000_000,
          "timeLimitSeconds", 10));
      kit.awaitState(buyer, id, "running");
      Instant now = UsageReceipt.receiptTime(TestApp.CLOCK.instant());

      // Another node reports the attempt: refused, and it is told to stop.
      intruder.send(new Message.Started(id, 1, now));
      assertThat(intruder.nextOf(Message.Cancel.class, WAIT).jobId()).isEqualTo(id);
      intruder.send(finished(intruder.key(), id, 1, now));
      Message.Error stale = intruder.nextOf(Message.Error.class, WAIT);
      assertThat(stale.code()).isEqualTo("STALE_ATTEMPT");
      assertThat(stale.ref()).isEqualTo(UsageReceipt.ref(id, 1));
      // The holder with a wrong attempt number: refused.
      holder.send(finished(holder.key(), id, 2, now));
      assertThat(holder.nextOf(Message.Error.class, WAIT).code()).isEqualTo("STALE_ATTEMPT");
      // The holder's receipt signed with another key: refused.
      Message.Finished forged = finished(intruder.key(), id, 1, now);
      holder.send(forged);
      Message.Error invalid = holder.nextOf(Message.Error.class, WAIT);
      assertThat(invalid.code()).isEqualTo("INVALID_RECEIPT");
      assertThat(kit.job(buyer, id).get("job").get("state").asText()).isEqualTo("running");
      // A run longer than the time limit allows: refused.
      holder.send(finishedAt(holder.key(), id, 1, now.minusSeconds(55), now.plusSeconds(59)));
      assertThat(holder.nextOf(Message.Error.class, WAIT).code()).isEqualTo("INVALID_RECEIPT");
      // The real one: accepted once; a repeat is acknowledged again, nothing is counted twice.
      Message.Finished real = finished(holder.key(), id, 1, now);
      holder.send(real);
      assertThat(holder.nextOf(Message.Ack.class, WAIT).ref()).isEqualTo(UsageReceipt.ref(id, 1));
      holder.send(real);
      assertThat(holder.nextOf(Message.Ack.class, WAIT).ref()).isEqualTo(UsageReceipt.ref(id, 1));
      JsonNode detail = kit.awaitState(buyer, id, "succeeded");
      assertThat(detail.get("transitions").findValuesAsText("to")).containsOnlyOnce("succeeded");
      // And a start report after the end is answered with a cancel.
      holder.send(new Message.Started(id, 1, now));
      assertThat(holder.nextOf(Message.Cancel.class, WAIT).jobId()).isEqualTo(id);
    }
  }

  private static Message.Finished finished(Keypair key, String jobId, int attempt, Instant now) {
    return finishedAt(key, jobId, attempt, now, now);
  }

  private static Message.Finished finishedAt(Keypair key, String jobId, int attempt, Instant start, Instant end) {
    String sha = SimulatedAgent.sha256(new byte[0]);
    UsageReceipt receipt = new UsageReceipt(jobId, attempt, key.address(), "succeeded", 0, start, end, 0, sha);
    return new Message.Finished(jobId, attempt, "succeeded", 0, start, end, 0, sha, false, null, receipt.sign(key));
  }

  @Test
  void aLapsedLeaseRequeuesTheJobAndOnlyTheFinishingAttemptHasAReceipt() throws Exception {
    SimulatedAgent first = kit.agent("first", hardware(1, "SimD", 8192));
    first.runningJobs(assign -> null);
    String id = kit.submit(buyer, Map.of("runtime", Map.of("type", "process", "command", "train"),
        "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("SimD")), "maxPricePerHour", 5_000_000,
        "timeLimitSeconds", 600));
    kit.awaitState(buyer, id, "running");
    first.close(); // the agent dies mid-job; its lease (3 s in tests) is no longer extended

    try (SimulatedAgent second = kit.agent("second", hardware(1, "SimD", 8192))) {
      second.runningJobs(assign -> JobResult.OK);
      TestApp.CLOCK.advance(Duration.ofSeconds(4));
      JsonNode requeued = kit.awaitState(buyer, id, "queued");
      assertThat(requeued.get("job").get("reason").asText()).contains("lease lapsed");
      TestApp.CLOCK.advance(Duration.ofSeconds(2)); // past the retry backoff
      JsonNode done = kit.awaitState(buyer, id, "succeeded");
      assertThat(done.get("job").get("attempt").asInt()).isEqualTo(2);
      assertThat(done.get("job").get("nodeId").asText()).isEqualTo(kit.nodeIdOf(second));
      assertThat(done.get("job").get("receipt").get("attempt").asInt()).isEqualTo(2);
      assertThat(done.get("attempts").findValuesAsText("outcome")).containsExactly("lost", "succeeded");

      // The first agent comes back and reports its old attempt: stale, and the job keeps its one receipt.
      try (SimulatedAgent back = new SimulatedAgent(
          URI.create(http.get("/api/agent/config", null).json().get("agentUrl").asText()), first.key(),
          TestApp.CLOCK)) {
        back.open(WAIT);
        assertThat(back.authenticate(WAIT)).isInstanceOf(Message.Authenticated.class);
        back.send(finished(first.key(), id, 1, UsageReceipt.receiptTime(TestApp.CLOCK.instant())));
        assertThat(back.nextOf(Message.Error.class, WAIT).code()).isEqualTo("STALE_ATTEMPT");
      }
      assertThat(kit.job(buyer, id).get("job").get("receipt").get("attempt").asInt()).isEqualTo(2);
      assertThat(second.jobsRun()).isEqualTo(1);
    }
  }

  @Test
  void cancelEndsAQueuedJobAtOnceAndStopsARunningOneOnItsNode() throws Exception {
    String queued = kit.submit(buyer, Map.of("runtime", Map.of("type", "process", "command", "x"),
        "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("NoSuchGpu")), "maxPricePerHour", 1,
        "timeLimitSeconds", 60));
    JsonNode cancelled = http.post("/api/jobs/" + queued + "/cancel", buyer, null).json();
    assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
    assertThat(http.post("/api/jobs/" + queued + "/cancel", buyer, null).status()).isEqualTo(200);

    try (SimulatedAgent agent = kit.agent("cancel", hardware(1, "SimE", 8192))) {
      agent.runningJobs(assign -> null);
      String id = kit.submit(buyer, Map.of("runtime", Map.of("type", "process", "command", "sleep 600"),
          "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("SimE")), "maxPricePerHour", 5_000_000,
          "timeLimitSeconds", 600));
      kit.awaitState(buyer, id, "running");
      JsonNode requested = http.post("/api/jobs/" + id + "/cancel", buyer, null).json();
      assertThat(requested.get("cancelRequested").asBoolean()).isTrue();
      Message.Cancel cancel = agent.nextOf(Message.Cancel.class, WAIT);
      assertThat(cancel.jobId()).isEqualTo(id);
      // The agent stops it and reports the cancelled attempt with its receipt.
      Instant now = UsageReceipt.receiptTime(TestApp.CLOCK.instant());
      String sha = SimulatedAgent.sha256(new byte[0]);
      UsageReceipt receipt = new UsageReceipt(id, 1, agent.key().address(), "cancelled", null, now, now, 0, sha);
      agent.send(new Message.Finished(id, 1, "cancelled", null, now, now, 0, sha, false, null,
          receipt.sign(agent.key())));
      JsonNode done = kit.awaitState(buyer, id, "cancelled");
      assertThat(done.get("job").get("reason").asText()).isEqualTo("cancelled by the buyer");
      assertThat(done.get("job").get("receipt").get("outcome").asText()).isEqualTo("cancelled");
      assertThat(http.post("/api/jobs/" + id + "/cancel", buyer, null).status()).isEqualTo(200);
    }
    String finished = kit.submit(buyer, processJob("x", 0));
    http.post("/api/jobs/" + finished + "/cancel", buyer, null);
    assertThat(http.post("/api/jobs/" + finished + "/cancel", buyer, null).status()).isEqualTo(200);
  }

  @Test
  void aJobNoNodeTakesBeforeItsStartDeadlineExpires() throws Exception {
    Instant deadline = TestApp.CLOCK.instant().plusSeconds(60);
    String id = kit.submit(buyer, Map.of("runtime", Map.of("type", "process", "command", "x"),
        "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("NoSuchGpu")), "maxPricePerHour", 1,
        "timeLimitSeconds", 60, "startDeadline", deadline.toString()));
    assertThat(kit.job(buyer, id).get("job").get("state").asText()).isEqualTo("queued");
    TestApp.CLOCK.advance(Duration.ofSeconds(61));
    JsonNode expired = kit.awaitState(buyer, id, "expired");
    assertThat(expired.get("job").get("reason").asText()).contains("no node matched before the start deadline");
  }

  @Test
  void attemptsTheNodesRejectFailTheJobAfterTheLastOne() throws Exception {
    try (SimulatedAgent agent = kit.agent("rejects", hardware(1, "SimF", 8192))) {
      agent.runningJobs(assign -> null);
      String id = kit.submit(buyer, Map.of("runtime", Map.of("type", "process", "command", "x"),
          "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("SimF")), "maxPricePerHour", 5_000_000,
          "timeLimitSeconds", 60));
      for (int attempt = 1; attempt <= 3; attempt++) {
        Message.Assign assign = agent.nextOf(Message.Assign.class, WAIT);
        assertThat(assign.attempt()).isEqualTo(attempt);
        Instant now = UsageReceipt.receiptTime(TestApp.CLOCK.instant());
        String sha = SimulatedAgent.sha256(new byte[0]);
        UsageReceipt r = new UsageReceipt(id, attempt, agent.key().address(), "rejected", null, now, now, 0, sha);
        agent.send(new Message.Finished(id, attempt, "rejected", null, now, now, 0, sha, false,
            "no Docker here", r.sign(agent.key())));
        assertThat(agent.nextOf(Message.Ack.class, WAIT)).isNotNull();
        TestApp.CLOCK.advance(Duration.ofSeconds(2));
      }
      JsonNode failed = kit.awaitState(buyer, id, "failed");
      assertThat(failed.get("job").get("reason").asText()).contains("rejected it: no Docker here",
          "no attempts left (3)");
      assertThat(failed.get("job").get("receipt").isNull()).isTrue();
    }
  }

  @Test
  void logsStreamLiveAsServerSentEventsUntilTheJobEnds() throws Exception {
    try (SimulatedAgent agent = kit.agent("logs", hardware(1, "SimG", 8192))) {
      agent.runningJobs(assign -> null);
      String id = kit.submit(buyer, Map.of("runtime", Map.of("type", "process", "command", "x"),
          "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("SimG")), "maxPricePerHour", 5_000_000,
          "timeLimitSeconds", 60));
      kit.awaitState(buyer, id, "running");
      HttpResponse<InputStream> stream = http.send(
          http.builder("/api/jobs/" + id + "/logs?follow=true", buyer).header("Accept", "text/event-stream").GET(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/event-stream"));
      BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
      CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(() -> {
        List<String> lines = new ArrayList<>();
        try {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
          }
        } catch (java.io.IOException e) {
          lines.add("error: " + e);
        }
        return lines;
      });
      // Output produced while the buyer watches arrives on the stream.
      for (int seq = 0; seq < 3; seq++) {
        agent.send(new Message.Log(id, 1, seq, seq == 1 ? "stderr" : "stdout", "line " + seq + "\n"));
      }
      agent.send(new Message.Log(id, 1, 1, "stdout", "a repeat is stored once\n"));
      Thread.sleep(200);
      agent.send(finished(agent.key(), id, 1, UsageReceipt.receiptTime(TestApp.CLOCK.instant())));
      List<String> lines = events.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      List<String> data = lines.stream().filter(l -> l.startsWith("data: {\"attempt\"")).toList();
      assertThat(data).hasSize(3);
      assertThat(data.get(1)).contains("\"stream\":\"stderr\"", "line 1");
      assertThat(lines).contains("id: 1.2", "event: end");
      assertThat(lines.stream().filter(l -> l.startsWith("data: {\"state\"")).findFirst())
          .hasValueSatisfying(l -> assertThat(l).contains("succeeded"));

      // Resuming after a cursor gives only what came later.
      JsonNode page = http.get("/api/jobs/" + id + "/logs?after=1.0", buyer).json();
      assertThat(page.get("chunks").findValuesAsText("data")).containsExactly("line 1\n", "line 2\n");
      assertThat(http.get("/api/jobs/" + id + "/logs?after=nonsense", buyer).code()).isEqualTo("VALIDATION_FAILED");
    }
  }

  @Test
  void queueStatsCountJobsByStateAndMeasureDispatchLatency() throws Exception {
    TestApp.CLOCK.followSystemTime();
    try (SimulatedAgent agent = kit.agent("stats", hardware(1, "SimH", 8192))) {
      agent.runningJobs(assign -> JobResult.OK);
      String id = kit.submit(buyer, Map.of("runtime", Map.of("type", "process", "command", "x"),
          "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("SimH")), "maxPricePerHour", 5_000_000,
          "timeLimitSeconds", 60));
      kit.awaitState(buyer, id, "succeeded");
      JsonNode stats = http.get("/api/queue/stats", null).json();
      assertThat(stats.get("counts").get("succeeded").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(stats.get("counts").has("expired")).isTrue();
      JsonNode latency = stats.get("dispatchLatency");
      assertThat(latency.get("samples").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(latency.get("p50Ms").asLong()).isBetween(0L, 5_000L);
      assertThat(latency.get("p99Ms").asLong()).isGreaterThanOrEqualTo(latency.get("p50Ms").asLong());
    } finally {
      TestApp.CLOCK.set(Instant.parse("2026-12-01T10:00:00Z").plus(Duration.ofDays(day)));
    }
  }

  private void price(String nodeId, long price) {
    Http.Reply reply = http.send(http.builder("/api/nodes/" + nodeId, host)
        .header("Content-Type", "application/json")
        .method("PATCH", body(Map.of("pricePerGpuHour", price))));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().get("pricePerGpuHour").asLong()).isEqualTo(price);
  }

  private static java.net.http.HttpRequest.BodyPublisher body(Object value) {
    try {
      return java.net.http.HttpRequest.BodyPublishers.ofString(
          new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
