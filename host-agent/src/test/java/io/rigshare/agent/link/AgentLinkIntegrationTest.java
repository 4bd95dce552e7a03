package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.config.AcceptedLimits;
import io.rigshare.agent.config.JsonFile;
import io.rigshare.agent.config.LinkState;
import io.rigshare.agent.testing.FakeGateway;
import io.rigshare.agent.testing.FakeGateway.Received;
import io.rigshare.agent.testing.Hardware;
import io.rigshare.agent.testing.StubHardwareProbe;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link over a real socket against {@link FakeGateway}, a stand-in for the server's gateway (written in parallel):
 * registration, auth, reconnection, limits, heartbeats and refusals. Waits are bounded latches, never sleeps.
 */
class AgentLinkIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private FakeGateway gateway;
  private AgentLink link;
  private final Keypair key = Keypair.generate(new SecureRandom());
  private final StubHardwareProbe probe = new StubHardwareProbe();
  private final Listener listener = new Listener();

  private static final class Listener implements LinkListener {
    final List<String> registered = new CopyOnWriteArrayList<>();
    final List<String> authenticated = new CopyOnWriteArrayList<>();
    final List<LinkState> states = new CopyOnWriteArrayList<>();
    final CountDownLatch firstAuth = new CountDownLatch(1);

    @Override
    public void onState(LinkState state, String detail, String error) {
      states.add(state);
    }

    @Override
    public void onRegistered(String nodeId, String wallet) {
      registered.add(nodeId);
      firstAuth.countDown();
    }

    @Override
    public void onAuthenticated(String nodeId, String wallet) {
      authenticated.add(nodeId);
      firstAuth.countDown();
    }
  }

  @BeforeEach
  void startGateway() throws Exception {
    gateway = new FakeGateway().startAndWait();
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (link != null) {
      link.stop();
      link.awaitStopped(WAIT);
    }
    gateway.stop(1000);
  }

  private CompletableFuture<LinkOutcome> start(Credentials credentials, LinkSettings settings, Discovery discovery) {
    LimitsHandler limits = new LimitsHandler(new LimitsValidator(null, null), probe, limitsFile(), Clock.systemUTC());
    LinkContext context = new LinkContext(key, probe, () -> new Message.Telemetry(probe.sampleGpus(), 12.5,
        1L << 34, 1L << 35, 1L << 40, 0), limits, listener, Clock.systemUTC());
    Backoff fast = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), new Random(1));
    link = new AgentLink(context, credentials, discovery, settings, fast);
    return link.start();
  }

  private CompletableFuture<LinkOutcome> start(Credentials credentials, LinkSettings settings) {
    return start(credentials, settings,
        () -> new ServerInfo(gateway.url(), FakeGateway.DOMAIN, List.of(1), 15, Instant.now()));
  }

  private CompletableFuture<LinkOutcome> start(Credentials credentials) {
    return start(credentials, settings());
  }

  private static LinkSettings settings() {
    return new LinkSettings("test", null, Duration.ofSeconds(5), Duration.ofSeconds(10), 3, false);
  }

  private JsonFile<AcceptedLimits> limitsFile() {
    return new JsonFile<>(dir.resolve("limits.json"), AcceptedLimits.class);
  }

  private <T extends Message> T await(Class<T> type, int connection) throws InterruptedException {
    return gateway.await(type, connection, WAIT)
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " on connection " + connection
            + "; got " + gateway.received()));
  }

  @Test
  void registersWithAProofTheServerVerifiesThenRunsOnTheSameConnection() throws Exception {
    start(new Credentials.Register("rsn_test", "rig-01"));

    Message.Register register = await(Message.Register.class, 1);
    assertThat(register.token()).isEqualTo("rsn_test");
    assertThat(register.name()).isEqualTo("rig-01");
    assertThat(register.nodeKey()).isEqualTo(key.address());
    assertThat(register.hardware()).isEqualTo(Hardware.report());
    assertThat(listener.firstAuth.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(gateway.verifiedProofs()).isEqualTo(1); // the fake answered `registered` only after AuthProof.verify
    assertThat(listener.registered).containsExactly("node-" + key.address().substring(0, 8));

    // Straight on into `run`: the same connection carries the ack, metrics and heartbeats.
    assertThat(await(Message.Ack.class, 1)).isEqualTo(new Message.Ack("lim-1", true, null));
    assertThat(await(Message.Metrics.class, 1).hardware()).isEqualTo(Hardware.report());
    assertThat(await(Message.Heartbeat.class, 1).telemetry().gpus()).hasSize(2);
    assertThat(gateway.connections()).isEqualTo(1);
  }

  @Test
  void registerWithNoRunClosesWith1000OnceRegistered() throws Exception {
    LinkOutcome outcome = start(new Credentials.Register("rsn_test", "rig-01"), settings().withStopAfterRegister(true))
        .get(10, TimeUnit.SECONDS);

    assertThat(outcome.kind()).isEqualTo(LinkOutcome.Kind.REGISTERED);
    assertThat(limitsFile().read()).map(AcceptedLimits::id).contains("lim-1");
    assertThat(gateway.awaitAgentClose(WAIT)).containsExactly(1000);
    assertThat(gateway.received()).extracting(r -> r.message().getClass().getSimpleName())
        .doesNotContain("Metrics", "Heartbeat");
  }

  @Test
  void comesBackByItselfWithAuthAfterTheServerClosesTheSocket() throws Exception {
    start(new Credentials.Register("rsn_test", "rig-01"));
    await(Message.Metrics.class, 1);

    gateway.dropAll(1011);

    Message.Auth auth = await(Message.Auth.class, 2);
    assertThat(auth.nodeKey()).isEqualTo(key.address());
    await(Message.Metrics.class, 2); // authenticated again: metrics once more after auth
    assertThat(gateway.verifiedProofs()).isEqualTo(2);
    assertThat(listener.authenticated).hasSize(1);
    assertThat(listener.states).contains(LinkState.DISCONNECTED);
  }

  @Test
  void acksLimitsOkOrWithTheReasonAndStoresOnlyAcceptedOnes() throws Exception {
    start(new Credentials.Auth());
    await(Message.Metrics.class, 1);

    gateway.pushLimits(new Message.Limits("lim-2", 2, new Message.NodeLimits(4, null, null,
        List.of(new Message.GpuLimit(0, true, 50)))));
    Received ok = gateway.await(r -> r.message() instanceof Message.Ack a && a.ref().equals("lim-2"), WAIT).get();
    assertThat(ok.message()).isEqualTo(new Message.Ack("lim-2", true, null));
    assertThat(limitsFile().read()).map(AcceptedLimits::version).contains(2L);

    gateway.pushLimits(new Message.Limits("lim-3", 3, new Message.NodeLimits(64, null, null,
        List.of(new Message.GpuLimit(7, true, 50)))));
    Message.Ack refused = (Message.Ack) gateway.await(
        r -> r.message() instanceof Message.Ack a && a.ref().equals("lim-3"), WAIT).get().message();
    assertThat(refused.ok()).isFalse();
    assertThat(refused.error()).isEqualTo("cpuCores 64 exceeds the 8 logical CPU threads of this host; "
        + "GPU 7 does not exist on this host (GPUs here: 0, 1)");
    assertThat(limitsFile().read()).map(AcceptedLimits::id).contains("lim-2");
  }

  @Test
  void heartbeatsArriveAtTheIntervalTheServerSet() throws Exception {
    gateway.heartbeatSeconds(1);
    start(new Credentials.Auth());

    List<Received> beats = gateway.awaitCount(r -> r.message() instanceof Message.Heartbeat, 4, WAIT);

    assertThat(beats).hasSizeGreaterThanOrEqualTo(4);
    for (int i = 1; i < 4; i++) {
      long gapMillis = TimeUnit.NANOSECONDS.toMillis(beats.get(i).nanos() - beats.get(i - 1).nanos());
      assertThat(gapMillis).as("gap before heartbeat %d", i).isBetween(500L, 2000L);
      assertThat(((Message.Heartbeat) beats.get(i).message()).seq())
          .isEqualTo(((Message.Heartbeat) beats.get(i - 1).message()).seq() + 1);
    }
    Message.Telemetry telemetry = ((Message.Heartbeat) beats.get(0).message()).telemetry();
    assertThat(telemetry.runningJobs()).isZero();
    assertThat(telemetry.cpuLoadPercent()).isEqualTo(12.5);
  }

  @Test
  void sendsMetricsAgainWhenTheHardwareChanges() throws Exception {
    gateway.heartbeatSeconds(1);
    start(new Credentials.Auth());
    await(Message.Metrics.class, 1);

    probe.set(Hardware.withExtraGpu());

    List<Received> metrics = gateway.awaitCount(r -> r.message() instanceof Message.Metrics, 2, WAIT);
    assertThat(metrics).hasSize(2);
    assertThat(((Message.Metrics) metrics.get(1).message()).hardware().gpus()).hasSize(3);
  }

  @Test
  void aTerminalRefusalStopsTheLoopWithoutRetrying() throws Exception {
    gateway.refuseNext(ErrorCodes.NODE_DISABLED);

    LinkOutcome outcome = start(new Credentials.Auth()).get(10, TimeUnit.SECONDS);

    assertThat(outcome.kind()).isEqualTo(LinkOutcome.Kind.REFUSED);
    assertThat(outcome.code()).isEqualTo(ErrorCodes.NODE_DISABLED);
    assertThat(gateway.connections()).isEqualTo(1);
    assertThat(listener.states).endsWith(LinkState.REFUSED);
  }

  @Test
  void aUsedTokenEndsTheRegistration() throws Exception {
    gateway.refuseNext(ErrorCodes.TOKEN_USED);

    LinkOutcome outcome = start(new Credentials.Register("rsn_used", "rig")).get(10, TimeUnit.SECONDS);

    assertThat(outcome.code()).isEqualTo(ErrorCodes.TOKEN_USED);
    assertThat(gateway.connections()).isEqualTo(1);
  }

  @Test
  void rateLimitedIsRetriedWithBackoff() throws Exception {
    gateway.refuseNext(ErrorCodes.RATE_LIMITED);
    start(new Credentials.Auth());

    await(Message.Auth.class, 2);
    assertThat(listener.firstAuth.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(link.awaitStopped(Duration.ofMillis(1))).isFalse();
  }

  @Test
  void stopClosesTheConnectionWith1000() throws Exception {
    CompletableFuture<LinkOutcome> outcome = start(new Credentials.Auth());
    await(Message.Metrics.class, 1);

    link.stop();

    assertThat(outcome.get(10, TimeUnit.SECONDS).kind()).isEqualTo(LinkOutcome.Kind.STOPPED);
    assertThat(gateway.awaitAgentClose(WAIT)).containsExactly(1000);
    assertThat(listener.states).endsWith(LinkState.STOPPED);
  }

  @Test
  void aRegistrationThatCannotReachTheServerGivesUpAfterItsAttempts() throws Exception {
    gateway.stop(1000);
    Discovery nowhere = () -> new ServerInfo(gateway.url(), FakeGateway.DOMAIN, List.of(1), 15, Instant.now());

    LinkOutcome outcome = start(new Credentials.Register("rsn_x", "rig"), settings(), nowhere)
        .get(20, TimeUnit.SECONDS);

    assertThat(outcome.kind()).isEqualTo(LinkOutcome.Kind.GAVE_UP);
    assertThat(outcome.message()).startsWith("cannot connect to " + gateway.url());
  }

  @Test
  void aServerThatDoesNotSpeakVersionOneIsRefusedBeforeConnecting() throws Exception {
    Discovery future = () -> new ServerInfo(gateway.url(), FakeGateway.DOMAIN, List.of(2), 15, Instant.now());

    LinkOutcome outcome = start(new Credentials.Auth(), settings(), future).get(10, TimeUnit.SECONDS);

    assertThat(outcome.code()).isEqualTo(ErrorCodes.UNSUPPORTED_VERSION);
    assertThat(gateway.connections()).isZero();
  }
}
