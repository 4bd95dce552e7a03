package io.rigshare.agent.cli;

import io.rigshare.agent.link.ChallengeProbe;
import io.rigshare.agent.link.DiscoveryException;
import io.rigshare.agent.link.HttpDiscovery;
import io.rigshare.agent.link.ServerInfo;
import io.rigshare.protocol.wire.AuthProof;
import io.rigshare.protocol.wire.ErrorCodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code doctor}'s checks of the server: discovery, clock skew against it, and its WebSocket gateway. */
final class ServerChecks {
  static final Duration SKEW_LIMIT = Duration.ofSeconds(60);
  static final Duration SKEW_WARNING = Duration.ofSeconds(10);
  private static final Duration WEBSOCKET_TIMEOUT = Duration.ofSeconds(10);

  private ServerChecks() {}

  static List<Check> run(String apiUrl, String nodeKey, String agentVersion, Clock clock, Path dataDir) {
    List<Check> checks = new ArrayList<>();
    HttpDiscovery.Fetched fetched;
    try {
      fetched = new HttpDiscovery(apiUrl, clock).fetch();
    } catch (DiscoveryException e) {
      checks.add(Check.fail("api", e.getMessage(),
          "check the URL and that the server runs: curl " + apiUrl + HttpDiscovery.PATH));
      return checks;
    }
    ServerInfo info = fetched.info();
    checks.add(info.speaks(AuthProof.PROTOCOL_VERSION)
        ? Check.pass("api", apiUrl + " answers; agents connect to " + info.agentUrl())
        : Check.fail("api", "the server speaks protocol versions " + info.protocolVersions() + ", this agent "
            + AuthProof.PROTOCOL_VERSION, "install the latest agent"));
    checks.add(skew(info.serverTime(), fetched.sentAt(), fetched.receivedAt()));
    checks.add(websocket(info, nodeKey, agentVersion, dataDir));
    return checks;
  }

  /** Compares the server's time with the middle of the request, which halves the network's share of the error. */
  static Check skew(Instant serverTime, Instant sentAt, Instant receivedAt) {
    if (serverTime == null) {
      return Check.warn("clock", "the server sent no serverTime; skew not measured", null);
    }
    Instant local = sentAt.plus(Duration.between(sentAt, receivedAt).dividedBy(2));
    Duration skew = Duration.between(local, serverTime);
    String detail = String.format("this clock is %.3f s %s the server's",
        Math.abs(skew.toMillis()) / 1000.0, skew.isNegative() ? "ahead of" : "behind");
    String fix = "synchronise the clock, e.g. `timedatectl set-ntp true` or install chrony";
    if (skew.abs().compareTo(SKEW_LIMIT) > 0) {
      return Check.fail("clock", detail + "; proofs more than 60 s off are refused", fix);
    }
    if (skew.abs().compareTo(SKEW_WARNING) > 0) {
      return Check.warn("clock", detail + "; proofs fail past 60 s", fix);
    }
    return Check.pass("clock", detail);
  }

  static Check websocket(ServerInfo info, String nodeKey, String agentVersion, Path dataDir) {
    ChallengeProbe.Result result = ChallengeProbe.probe(info.agentUrl(), nodeKey, agentVersion, WEBSOCKET_TIMEOUT);
    String fix = "check that " + info.agentUrl() + " is reachable from this machine (firewall, proxy, certificate)";
    if (result.challenge() != null) {
      String domain = result.challenge().domain();
      if (info.domain() != null && !Objects.equals(domain, info.domain())) {
        return Check.warn("websocket", "challenge names domain " + domain + " but the API says " + info.domain(),
            "tell the operator: proofs are signed for the challenge's domain");
      }
      return Check.pass("websocket", info.agentUrl() + " sent a challenge (domain " + domain + ")");
    }
    if (result.error() != null) {
      String detail = info.agentUrl() + " refused: " + result.error().code() + " " + result.error().message();
      return ErrorCodes.RATE_LIMITED.equals(result.error().code())
          ? Check.warn("websocket", detail, "try again in a minute")
          : Check.fail("websocket", detail, Explanations.of(result.error().code(), dataDir));
    }
    return Check.fail("websocket", result.problem(), fix);
  }
}
