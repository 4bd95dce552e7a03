package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.agent.config.AcceptedLimits;
import io.rigshare.agent.config.JsonFile;
import io.rigshare.agent.testing.Hardware;
import io.rigshare.agent.testing.StubHardwareProbe;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol side of one connection, driven frame by frame without a socket. */
class LinkSessionTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.250Z");
  private static final String DOMAIN = "rigshare.test:8080";
  private static final ServerInfo SERVER = new ServerInfo("ws://127.0.0.1:1/agent/v1", DOMAIN, List.of(1), 15, NOW);

  @TempDir Path dir;
  private final Keypair key = Keypair.generate(new SecureRandom());
  private final StubHardwareProbe probe = new StubHardwareProbe();
  private final Recorder out = new Recorder();

  private static final class Recorder implements LinkSession.Outbound {
    final List<Message> sent = new CopyOnWriteArrayList<>();
    volatile Integer closeCode;

    @Override
    public void send(String frame) {
      sent.add(Wire.decode(frame).message());
    }

    @Override
    public void close(int code, String reason) {
      closeCode = code;
    }

    <T extends Message> List<T> of(Class<T> type) {
      return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  private LinkSession session(Credentials credentials) {
    LimitsHandler limits = new LimitsHandler(new LimitsValidator(null, null), probe,
        new JsonFile<>(dir.resolve("limits.json"), AcceptedLimits.class), Clock.fixed(NOW, ZoneOffset.UTC));
    LinkContext context = new LinkContext(key, probe, () -> new Message.Telemetry(List.of(), 1.0, 1L, 2L, 3L, 0),
        limits, LinkListener.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
    return new LinkSession(context, credentials, SERVER, LinkSettings.defaults("test"), new AtomicLong());
  }

  /** Feeds frames, then a close, and waits until the session handled all of them (its thread runs them in order). */
  private SessionEnd play(LinkSession session, Message... frames) throws Exception {
    session.opened(out);
    for (Message frame : frames) {
      session.received(Wire.encode(frame));
    }
    session.closed(1000, "test over", true);
    return session.ended().get(10, TimeUnit.SECONDS);
  }

  private static Message.Challenge challenge() {
    return new Message.Challenge(1, "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqv", DOMAIN, NOW, NOW.plusSeconds(30));
  }

  @Test
  void saysHelloThenAnswersTheChallengeWithAnAuthProofSignedAtTheClocksTime() throws Exception {
    play(session(new Credentials.Auth()), challenge());

    assertThat(out.sent.get(0)).isEqualTo(new Message.Hello(1, "test", key.address()));
    Message.Auth auth = out.of(Message.Auth.class).get(0);
    assertThat(auth.signedAt()).isEqualTo(NOW);
    assertThat(auth.nodeKey()).isEqualTo(key.address());
    assertThat(AuthProof.verify(auth.signature(), AuthProof.PURPOSE_AUTH, DOMAIN, key.address(),
        challenge().nonce(), NOW, null)).isTrue();
  }

  @Test
  void registersWithTheTokenTheNameAndTheHardwareReport() throws Exception {
    play(session(new Credentials.Register("rsn_abc", "rig-01")), challenge());

    Message.Register register = out.of(Message.Register.class).get(0);
    assertThat(register.token()).isEqualTo("rsn_abc");
    assertThat(register.name()).isEqualTo("rig-01");
    assertThat(register.hardware()).isEqualTo(Hardware.report());
    assertThat(AuthProof.verify(register.signature(), AuthProof.PURPOSE_REGISTER, DOMAIN, key.address(),
        challenge().nonce(), NOW, "rsn_abc")).isTrue();
  }

  @Test
  void afterAuthenticationAcksTheLimitsInsideAndSendsMetrics() throws Exception {
    Message.Limits limits = new Message.Limits("lim-9", 9, new Message.NodeLimits(4, null, null, List.of()));
    SessionEnd end = play(session(new Credentials.Auth()), challenge(),
        new Message.Authenticated("n1", "w1", 15, limits));

    assertThat(end.authenticated()).isTrue();
    assertThat(out.of(Message.Ack.class)).containsExactly(new Message.Ack("lim-9", true, null));
    assertThat(out.of(Message.Metrics.class)).containsExactly(new Message.Metrics(Hardware.report()));
  }

  @Test
  void answersAnUnknownTypeWithAnErrorAndStaysOpen() throws Exception {
    LinkSession session = session(new Credentials.Auth());
    session.opened(out);
    session.received("{\"type\":\"launch\",\"x\":1}");
    session.received("{\"type\":\"error\",\"code\":{\"a\":1}}"); // malformed error: never answered with another error
    session.closed(1000, "", true);
    session.ended().get(10, TimeUnit.SECONDS);

    assertThat(out.of(Message.Error.class)).extracting(Message.Error::code).containsExactly(ErrorCodes.UNKNOWN_TYPE);
    assertThat(out.closeCode).isNull();
  }

  @Test
  void refusesLimitsBeforeAuthentication() throws Exception {
    play(session(new Credentials.Auth()), new Message.Limits("lim-1", 1, Message.NodeLimits.none()));

    assertThat(out.of(Message.Error.class)).extracting(Message.Error::code)
        .containsExactly(ErrorCodes.UNEXPECTED_MESSAGE);
    assertThat(out.of(Message.Ack.class)).isEmpty();
  }

  @Test
  void aTerminalErrorClosesTheConnectionAndIsReported() throws Exception {
    SessionEnd end = play(session(new Credentials.Auth()), challenge(),
        new Message.Error(ErrorCodes.NODE_DISABLED, "deleted", null));

    assertThat(out.closeCode).isEqualTo(1000);
    assertThat(end.authenticated()).isFalse();
    assertThat(end.refusalCode()).isEqualTo(ErrorCodes.NODE_DISABLED);
    assertThat(end.problem()).isEqualTo("NODE_DISABLED: deleted");
  }

  @Test
  void aNonTerminalErrorIsLeftForTheServerToClose() throws Exception {
    SessionEnd end = play(session(new Credentials.Auth()), challenge(),
        new Message.Error(ErrorCodes.RATE_LIMITED, "slow down", null));

    assertThat(out.closeCode).isNull();
    assertThat(end.refusalCode()).isEqualTo(ErrorCodes.RATE_LIMITED);
  }

  @Test
  void aConnectionThatNeverOpenedSaysWhereItTried() throws Exception {
    LinkSession session = session(new Credentials.Auth());
    session.failed(new java.net.ConnectException("Connection refused"));
    session.closed(-1, "", false);
    SessionEnd end = session.ended().get(10, TimeUnit.SECONDS);

    assertThat(end.problem()).isEqualTo("cannot connect to ws://127.0.0.1:1/agent/v1: Connection refused");
  }
}
