package io.rigshare.marketplace.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import io.rigshare.protocol.verify.BenchmarkScore;
import io.rigshare.protocol.wire.Message;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark intake and challenges end to end: the real service, PostgreSQL and WebSockets, with simulated agents
 * that compute the challenge in Java (n = 64), honestly or with chosen forgeries. Time is moved on the service's
 * clock, never slept.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class VerificationIntegrationTest {
  static final DropwizardAppExtension<RigshareConfiguration> APP = TestApp.extension(
      ConfigOverride.config("agentGateway.missedHeartbeats", "100"),
      ConfigOverride.config("verification.challengeN", "64"),
      ConfigOverride.config("verification.sweepInterval", "100 milliseconds"),
      ConfigOverride.config("verification.rechallengeMean", "40 seconds"));
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String RTX_4090 = "NVIDIA GeForce RTX 4090";
  private static int day;

  private Http http;
  private String owner;
  private URI agentUrl;
  private final List<SimulatedAgent> agents = new ArrayList<>();

  @BeforeEach
  void setUp() {
    TestApp.CLOCK.set(Instant.parse("2027-01-01T10:00:00Z").plus(Duration.ofDays(day++)));
    http = new Http(APP.getLocalPort());
    owner = Wallets.signIn(http, Vectors.keypair("host-1"));
    agentUrl = URI.create(http.get("/api/agent/config", null).json().get("agentUrl").asText());
  }

  @AfterEach
  void closeAgents() {
    agents.forEach(SimulatedAgent::close);
  }

  @Test
  void anHonestGpuPassesGetsAScoreAndAPriceAndIsListed() throws Exception {
    String uuid = uuid();
    SimulatedAgent agent = agent(hardware(RTX_4090, uuid));
    String nodeId = nodeIdOf(agent);
    assertThat(offerIds()).doesNotContain(nodeId);

    agent.send(benchmark(gpuResult(0, uuid, 52_000, 910), cpuResult()));
    Message.Verify verify = agent.nextOf(Message.Verify.class, WAIT);
    assertThat(verify).as("a challenge after a plausible benchmark").isNotNull();
    assertThat(verify.n()).isEqualTo(64);
    assertThat(verify.gpuIndex()).isZero();
    assertThat(verify.seed()).matches("[0-9a-f]{16}");
    answerHonestly(agent, verify);

    JsonNode node = awaitNode(nodeId, n -> n.get("verification").asText().equals("verified"));
    int perGpu = BenchmarkScore.points(52_000, 910); // 3913
    assertThat(node.get("score").asLong()).isEqualTo(perGpu);
    assertThat(node.get("pricePerGpuHour").asLong()).isEqualTo(perGpu * 400L); // the unit rate of config.yml
    assertThat(node.get("verificationReason").isNull()).isTrue();
    assertThat(node.get("benchmarkAt").isNull()).isFalse();
    assertThat(offerIds()).contains(nodeId);
    JsonNode offer = offer(nodeId);
    assertThat(offer.get("score").asLong()).isEqualTo(perGpu);
    assertThat(offer.get("gpuModel").asText()).isEqualTo(RTX_4090);
  }

  @Test
  void aReChallengeComesAtItsTimeAndAFailedOneUnlists() throws Exception {
    SimulatedAgent agent = verifiedGpu(uuid());
    String nodeId = nodeIdOf(agent);

    // The next challenge is due 20 to 60 s later (mean 40 s): none before, one after.
    assertThat(agent.nextOf(Message.Verify.class, Duration.ofMillis(500))).isNull();
    TestApp.CLOCK.advance(Duration.ofSeconds(61));
    Message.Verify again = agent.nextOf(Message.Verify.class, WAIT);
    assertThat(again).as("a re-challenge once next_challenge_at passed").isNotNull();
    Prover forged = Prover.wrongValues(again);
    agent.send(forged.commit());
    agent.send(forged.rows(agent.nextOf(Message.VerifyOpen.class, WAIT)));

    JsonNode node = awaitNode(nodeId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(node.get("verificationReason").asText()).startsWith("wrong row: row ");
    assertThat(offerIds()).doesNotContain(nodeId);
  }

  @Test
  void wrongRowsAreRefused() throws Exception {
    assertRefused(prover -> Prover.wrongValues(prover.verify), Prover::rows, "wrong row: row ");
  }

  @Test
  void aBadMerkleProofIsRefused() throws Exception {
    assertRefused(prover -> prover, Prover::rowsWithBadProofs, "bad Merkle proof: row ");
  }

  @Test
  void aCommitmentReplayedFromAnotherNodesChallengeIsRefused() throws Exception {
    String uuidA = uuid();
    SimulatedAgent honest = agent(hardware(RTX_4090, uuidA));
    honest.send(benchmark(gpuResult(0, uuidA, 52_000, 910)));
    Prover original = answerHonestly(honest, honest.nextOf(Message.Verify.class, WAIT));
    awaitNode(nodeIdOf(honest), n -> n.get("verification").asText().equals("verified"));

    String uuidB = uuid();
    SimulatedAgent copier = agent(hardware(RTX_4090, uuidB));
    String copierId = nodeIdOf(copier);
    copier.send(benchmark(gpuResult(0, uuidB, 52_000, 910)));
    Message.Verify verify = copier.nextOf(Message.Verify.class, WAIT);
    copier.send(Prover.honest(verify).commit(original.tree.root()));

    JsonNode node = awaitNode(copierId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(node.get("verificationReason").asText()).startsWith("replayed commitment");
    assertThat(copier.nextOf(Message.VerifyOpen.class, Duration.ofMillis(300))).as("no rows opened").isNull();
  }

  @Test
  void aGpuUuidThatAnotherOwnersNodeReportedFirstIsRefusedAndThatNodeKeepsIt() throws Exception {
    String uuid = uuid();
    SimulatedAgent honest = verifiedGpu(uuid);
    String honestId = nodeIdOf(honest);

    String otherOwner = Wallets.signIn(http, Vectors.keypair("host-2"));
    SimulatedAgent copier = agent(hardware(RTX_4090, uuid), otherOwner);
    String copierId = nodeIdOf(copier, otherOwner);
    copier.send(benchmark(gpuResult(0, uuid, 52_000, 910)));
    JsonNode refused = awaitNode(copierId, otherOwner, n -> n.get("verification").asText().equals("unverified"));
    assertThat(refused.get("verificationReason").asText()).isEqualTo("duplicate GPU: uuid " + uuid
        + " is already reported by another owner's node, which keeps it; ask the operator if this GPU is yours");
    assertThat(copier.nextOf(Message.Verify.class, Duration.ofMillis(300))).as("no challenge").isNull();

    JsonNode kept = http.get("/api/nodes/" + honestId, owner).json().get("node");
    assertThat(kept.get("verification").asText()).isEqualTo("verified");
    assertThat(offerIds()).contains(honestId).doesNotContain(copierId);
    // The refused node does not hold the uuid against the first one: its next benchmark is challenged as before.
    honest.send(benchmark(gpuResult(0, uuid, 52_000, 910)));
    assertThat(honest.nextOf(Message.Verify.class, WAIT)).as("a challenge for the node that keeps the GPU").isNotNull();
  }

  @Test
  void aGpuMovedToAnotherNodeOfTheSameOwnerLeavesTheOldOne() throws Exception {
    String uuid = uuid();
    String oldId = nodeIdOf(verifiedGpu(uuid));
    String movedId = nodeIdOf(verifiedGpu(uuid));

    JsonNode left = awaitNode(oldId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(left.get("verificationReason").asText())
        .isEqualTo("GPU uuid " + uuid + " is now reported by your node 'rig-2' (" + movedId + ")");
    assertThat(offerIds()).contains(movedId).doesNotContain(oldId);
  }

  @Test
  void aNodeWithoutAGpuIsChallengedOnItsDeviceVerifiedAndNeverListed() throws Exception {
    SimulatedAgent agent = agent(withoutGpu());
    String nodeId = nodeIdOf(agent);
    agent.send(benchmark(cpuResult()));
    Message.Verify verify = agent.nextOf(Message.Verify.class, WAIT);
    assertThat(verify).as("a challenge of the node's own device").isNotNull();
    assertThat(verify.gpuIndex()).isNull();
    assertThat(verify.n()).isEqualTo(64);
    answerHonestly(agent, verify);

    JsonNode node = awaitNode(nodeId, n -> n.get("verification").asText().equals("verified"));
    assertThat(node.get("score").isNull()).as("a CPU is never scored").isTrue();
    assertThat(offerIds()).doesNotContain(nodeId);

    // Its re-challenge checks the rows like any other.
    TestApp.CLOCK.advance(Duration.ofSeconds(61));
    Message.Verify again = agent.nextOf(Message.Verify.class, WAIT);
    assertThat(again).as("a re-challenge").isNotNull();
    Prover forged = Prover.wrongValues(again);
    agent.send(forged.commit());
    agent.send(forged.rows(agent.nextOf(Message.VerifyOpen.class, WAIT)));
    JsonNode failed = awaitNode(nodeId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(failed.get("verificationReason").asText()).startsWith("wrong row: row ");
  }

  @Test
  void aScoreImplausibleForTheModelIsRefused() throws Exception {
    String uuid = uuid();
    SimulatedAgent agent = agent(hardware(RTX_4090, uuid));
    String nodeId = nodeIdOf(agent);
    agent.send(benchmark(gpuResult(0, uuid, 400_000, 910))); // an RTX 4090 peaks at 82,600 GFLOPS

    JsonNode node = awaitNode(nodeId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(node.get("verificationReason").asText())
        .isEqualTo("GPU 0 (NVIDIA GeForce RTX 4090) measured 400000 GFLOPS of FP32 SGEMM, above the model's peak of"
            + " 82600 (+10% allowed): implausible for this model");
    assertThat(agent.nextOf(Message.Verify.class, Duration.ofMillis(300))).as("no challenge").isNull();
    JsonNode market = http.get("/api/nodes/" + nodeId + "/market", owner).json();
    assertThat(market.toString()).contains("not verified: GPU 0 (NVIDIA GeForce RTX 4090) measured 400000");
  }

  @Test
  void aFigureFarBelowTheClaimedModelIsRefused() throws Exception {
    String uuid = uuid();
    SimulatedAgent agent = agent(hardware("NVIDIA H100 80GB HBM3", uuid, 81_559));
    String nodeId = nodeIdOf(agent);
    agent.send(benchmark(gpuResult(0, uuid, 4_000, 300))); // a small card calling itself an H100

    JsonNode node = awaitNode(nodeId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(node.get("verificationReason").asText()).contains("under 10% of the model's peak");
  }

  @Test
  void aLateCommitmentIsRefused() throws Exception {
    String uuid = uuid();
    SimulatedAgent agent = agent(hardware(RTX_4090, uuid));
    String nodeId = nodeIdOf(agent);
    agent.send(benchmark(gpuResult(0, uuid, 52_000, 910)));
    Message.Verify verify = agent.nextOf(Message.Verify.class, WAIT);

    // The deadline at n = 64 is the 5 s allowance plus next to nothing.
    TestApp.CLOCK.advance(Duration.ofSeconds(6));
    agent.send(Prover.honest(verify).commit());

    JsonNode node = awaitNode(nodeId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(node.get("verificationReason").asText()).startsWith("late: ");
    assertThat(offerIds()).doesNotContain(nodeId);
  }

  @Test
  void aBenchmarkWithoutAGpuIsStoredButNotScoredNorListed() throws Exception {
    SimulatedAgent agent = agent(hardware(RTX_4090, uuid()));
    String nodeId = nodeIdOf(agent);
    agent.send(benchmark(cpuResult()));

    JsonNode node = awaitNode(nodeId, n -> !n.get("benchmarkAt").isNull());
    assertThat(agent.nextOf(Message.Verify.class, Duration.ofMillis(300))).as("no challenge").isNull();
    assertThat(node.get("verification").asText()).isEqualTo("pending");
    assertThat(node.get("score").isNull()).isTrue();
    assertThat(offerIds()).doesNotContain(nodeId);
  }

  @Test
  void aBusyNodeIsAskedAgainLaterNotFailed() throws Exception {
    String uuid = uuid();
    SimulatedAgent agent = agent(hardware(RTX_4090, uuid));
    String nodeId = nodeIdOf(agent);
    agent.send(benchmark(gpuResult(0, uuid, 52_000, 910)));
    Message.Verify verify = agent.nextOf(Message.Verify.class, WAIT);
    // Busy without a job is a failure (the server knows the node's assignments).
    agent.send(new Message.Error("VERIFY_BUSY", "a job is running on this node", verify.id()));

    JsonNode node = awaitNode(nodeId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(node.get("verificationReason").asText()).isEqualTo(
        "the agent answered busy while the node held no job");
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private interface Forgery {
    Prover apply(Prover honest);
  }

  private interface Answer {
    Message.VerifyRows apply(Prover prover, Message.VerifyOpen open);
  }

  private void assertRefused(Forgery forgery, Answer answer, String reason) throws Exception {
    String uuid = uuid();
    SimulatedAgent agent = agent(hardware(RTX_4090, uuid));
    String nodeId = nodeIdOf(agent);
    agent.send(benchmark(gpuResult(0, uuid, 52_000, 910)));
    Prover prover = forgery.apply(Prover.honest(agent.nextOf(Message.Verify.class, WAIT)));
    agent.send(prover.commit());
    Message.VerifyOpen open = agent.nextOf(Message.VerifyOpen.class, WAIT);
    assertThat(open.rows()).hasSize(4).doesNotHaveDuplicates().allMatch(r -> r >= 0 && r < 64);
    agent.send(answer.apply(prover, open));

    JsonNode node = awaitNode(nodeId, n -> n.get("verification").asText().equals("unverified"));
    assertThat(node.get("verificationReason").asText()).startsWith(reason);
    assertThat(node.get("score").isNull()).as("no score from a failed challenge").isTrue();
    assertThat(offerIds()).doesNotContain(nodeId);
  }

  /** A simulated RTX 4090 with this uuid that benchmarked and passed its challenge. */
  private SimulatedAgent verifiedGpu(String uuid) throws InterruptedException {
    SimulatedAgent agent = agent(hardware(RTX_4090, uuid));
    agent.send(benchmark(gpuResult(0, uuid, 52_000, 910)));
    answerHonestly(agent, agent.nextOf(Message.Verify.class, WAIT));
    awaitNode(nodeIdOf(agent), n -> n.get("verification").asText().equals("verified"));
    return agent;
  }

  private static Prover answerHonestly(SimulatedAgent agent, Message.Verify verify) throws InterruptedException {
    Prover prover = Prover.honest(verify);
    agent.send(prover.commit());
    Message.VerifyOpen open = agent.nextOf(Message.VerifyOpen.class, WAIT);
    assertThat(open).as("rows opened after the commitment").isNotNull();
    agent.send(prover.rows(open));
    return prover;
  }

  private static String uuid() {
    return "GPU-" + Long.toHexString(RANDOM.nextLong()) + "-" + Long.toHexString(RANDOM.nextLong());
  }

  static HardwareReport hardware(String model, String uuid) {
    return hardware(model, uuid, 24_564);
  }

  static HardwareReport hardware(String model, String uuid, long vramMib) {
    GpuInfo gpu = new GpuInfo(0, "nvidia", model, uuid, vramMib, vramMib, 0, 35, 20.0, 450.0, "550.54", "12.4",
        "nvidia-smi");
    return hardware(List.of(gpu));
  }

  static HardwareReport withoutGpu() {
    return hardware(List.of());
  }

  private static HardwareReport hardware(List<GpuInfo> gpus) {
    return new HardwareReport("sim", new OsInfo("Debian", "12", "amd64"), new CpuInfo("sim", 8, 16, 4000),
        new MemoryInfo(64L << 30, 60L << 30), List.of(), gpus, Instant.parse("2026-11-23T10:00:00Z"));
  }

  static Message.BenchmarkResult gpuResult(int index, String uuid, double gflops, double bandwidth) {
    return new Message.BenchmarkResult(RTX_4090, "NVIDIA Corporation", "NVIDIA CUDA", "550.54.14", "GPU", index,
        uuid, "0000:01:00", 128, 2520, 25_393_692_672L, 8192, measured(gflops), true, measured(bandwidth),
        measured(24.1), 23_622_320_128L, BenchmarkScore.points(gflops, bandwidth), null, null, null);
  }

  static Message.BenchmarkResult cpuResult() {
    return cpuResult(21.7);
  }

  static Message.BenchmarkResult cpuResult(double gflops) {
    return new Message.BenchmarkResult("pthread-skylake-avx512-AMD EPYC", "AuthenticAMD",
        "Portable Computing Language", "3.1+debian", "CPU", null, null, null, 2, 2596, 8_818_741_248L, 512,
        measured(gflops), true, measured(61.8), measured(21.5), null, null, 20, "CPU device: not a GPU, never priced"
        + " as one", null);
  }

  private static Message.Measurement measured(double median) {
    return new Message.Measurement(median, median * 0.99, median * 1.01, 2.0, 5, true);
  }

  static Message.Benchmark benchmark(Message.BenchmarkResult... results) {
    List<Integer> scores = new ArrayList<>();
    for (Message.BenchmarkResult r : results) {
      scores.add(r.score());
    }
    return new Message.Benchmark(List.of(results), BenchmarkScore.total(scores), null, 1, TestApp.CLOCK.instant(),
        41_250, "registration", null);
  }

  private SimulatedAgent agent(HardwareReport hardware) throws InterruptedException {
    return agent(hardware, owner);
  }

  private SimulatedAgent agent(HardwareReport hardware, String session) throws InterruptedException {
    SimulatedAgent agent = new SimulatedAgent(agentUrl, Keypair.generate(RANDOM), TestApp.CLOCK)
        .offering(List.of("process"), hardware);
    agents.add(agent);
    agent.open(WAIT);
    Http.Reply token = http.post("/api/node-tokens", session, null);
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    Message reply = agent.register(token.json().get("token").asText(), "rig-" + agents.size(), WAIT);
    assertThat(reply).as("register reply").isInstanceOf(Message.Registered.class);
    return agent;
  }

  private String nodeIdOf(SimulatedAgent agent) {
    return nodeIdOf(agent, owner);
  }

  private String nodeIdOf(SimulatedAgent agent, String session) {
    for (JsonNode node : http.get("/api/nodes/mine?size=100", session).json().get("items")) {
      if (node.get("nodeKey").asText().equals(agent.key().address())) {
        return node.get("id").asText();
      }
    }
    throw new AssertionError("no node for " + agent.key().address());
  }

  private JsonNode awaitNode(String nodeId, Predicate<JsonNode> done) throws InterruptedException {
    return awaitNode(nodeId, owner, done);
  }

  private JsonNode awaitNode(String nodeId, String session, Predicate<JsonNode> done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode node;
    do {
      node = http.get("/api/nodes/" + nodeId, session).json().get("node");
      if (done.test(node)) {
        return node;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("node " + nodeId + " never reached the expected state: " + node);
  }

  private List<String> offerIds() {
    return http.get("/api/offers?size=100", null).json().get("items").findValuesAsText("id");
  }

  private JsonNode offer(String nodeId) {
    for (JsonNode offer : http.get("/api/offers?size=100", null).json().get("items")) {
      if (offer.get("id").asText().equals(nodeId)) {
        return offer;
      }
    }
    throw new AssertionError("no offer for " + nodeId);
  }
}
