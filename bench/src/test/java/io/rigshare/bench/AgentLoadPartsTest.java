package io.rigshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.io.BufferedWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoadPartsTest {
  @TempDir Path dir;

  @Test
  void parsesTheDocumentedCommandLine() {
    LoadOptions o = LoadOptions.parse("--api", "http://localhost:18080", "--agents", "10,000", "--heartbeat-seconds",
        "15", "--duration", "2m", "--keys", "k.txt", "--register", "--ramp-per-second", "180", "--api-pid", "42",
        "--reconnect-test", "--api-cmd", "exec java -jar api.jar server bench/bench-config.yml");
    assertThat(o.agents).isEqualTo(10_000);
    assertThat(o.duration).isEqualTo(Duration.ofMinutes(2));
    assertThat(o.admin).isEqualTo(URI.create("http://localhost:18081"));
    assertThat(o.register).isTrue();
    assertThat(o.rampPerSecond).isEqualTo(180.0);
    assertThat(o.apiCmd).isEqualTo("exec java -jar api.jar server bench/bench-config.yml");
    assertThat(Flags.duration("x", "1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Flags.duration("x", "90")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void refusesWhatCannotWork() {
    assertThatThrownBy(() -> LoadOptions.parse("--agents", "5")).hasMessageContaining("--keys");
    assertThatThrownBy(() -> LoadOptions.parse("--keys", "k", "--agents", "0")).hasMessageContaining("1..50000");
    assertThatThrownBy(() -> LoadOptions.parse("--keys", "k", "--api-cmd", "x")).hasMessageContaining("reconnect");
    assertThatThrownBy(() -> LoadOptions.parse("--keys", "k", "--reconnect-test", "--api-cmd", "x"))
        .hasMessageContaining("--api-pid");
    assertThatThrownBy(() -> LoadOptions.parse("--keys", "k", "--bogus", "1")).hasMessageContaining("unknown");
  }

  @Test
  void onlyLoopbackIsAllowed() throws Exception {
    assertThat(AgentLoad.loopback(URI.create("ws://localhost:18090/agent/v1")))
        .isEqualTo(URI.create("ws://127.0.0.1:18090/agent/v1"));
    assertThat(AgentLoad.loopback(URI.create("http://127.0.0.1:1"))).isEqualTo(URI.create("http://127.0.0.1:1"));
    assertThatThrownBy(() -> AgentLoad.loopback(URI.create("http://192.0.2.1:8080")))
        .hasMessageContaining("local machine");
  }

  @Test
  void backoffIsExponentialWithFullJitterAndA60SecondCap() {
    assertThat(Backoff.ceilingMs(0)).isEqualTo(1_000);
    assertThat(Backoff.ceilingMs(3)).isEqualTo(8_000);
    assertThat(Backoff.ceilingMs(6)).isEqualTo(60_000);
    assertThat(Backoff.ceilingMs(40)).isEqualTo(60_000);
    Backoff b = new Backoff(new SplittableRandom(3));
    for (int i = 0; i < 20; i++) {
      assertThat(b.nextMs()).isBetween(0L, Backoff.ceilingMs(i));
    }
    b.reset();
    assertThat(b.attempt()).isZero();
    assertThat(b.nextMs()).isBetween(0L, 1_000L);
  }

  @Test
  void percentilesAreNearestRank() {
    Latencies l = new Latencies();
    for (int i = 100; i >= 1; i--) {
      l.add(i);
    }
    long[] s = l.sorted();
    assertThat(Latencies.percentile(s, 50)).isEqualTo(50);
    assertThat(Latencies.percentile(s, 99)).isEqualTo(99);
    assertThat(Latencies.percentile(s, 100)).isEqualTo(100);
    assertThat(Latencies.percentile(new long[0], 50)).isNaN();
  }

  @Test
  void readsProcStatEvenWithParenthesesInTheCommand() {
    String stat = "1234 (java (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 3 4 20 0 50 0 100 1000 200";
    long[] f = ProcStats.parseStat(stat);
    assertThat(f).containsExactly(250, 75, 3, 4, 1);
    assertThat(ProcStats.cpuTicks(ProcessHandle.current().pid())).isPositive();
  }

  @Test
  void readsDropwizardTimersInAnyUnit() throws Exception {
    String json = """
        {"gauges":{"gateway.connections":{"value":10000},"jvm.memory.heap.used":{"value":1048576}},
         "timers":{"gateway.heartbeat.handle":{"count":5,"p50":0.000012,"p75":0.00002,"p99":0.0001,"mean":0.00002,
                   "max":0.001,"duration_units":"seconds"},
                   "gateway.heartbeats.flush":{"count":2,"p50":66.0,"p75":70.0,"p99":398.0,"mean":78.0,"max":400.0,
                   "duration_units":"milliseconds"}}}
        """;
    AdminMetrics.Snapshot s = AdminMetrics.parse(Wire.mapper().readTree(json), 0);
    assertThat(s.connections()).isEqualTo(10_000);
    assertThat(s.handle().count()).isEqualTo(5);
    assertThat(s.handle().p50()).isCloseTo(12_000, org.assertj.core.data.Offset.offset(1.0));
    assertThat(s.flush().p99()).isCloseTo(398e6, org.assertj.core.data.Offset.offset(1.0));
    assertThat(s.heapUsed()).isEqualTo(1048576);
  }

  @Test
  void keyFileRoundTrips() throws Exception {
    Path file = dir.resolve("keys.txt");
    Keypair a = Keypair.generate(new SecureRandom());
    Keypair b = Keypair.generate(new SecureRandom());
    try (BufferedWriter w = KeyFile.open(file, false, "test")) {
      w.write(KeyFile.line(a) + "\n");
    }
    try (BufferedWriter w = KeyFile.open(file, false, "test")) {
      w.write(KeyFile.line(b) + "\n");
    }
    List<Keypair> keys = KeyFile.load(file);
    assertThat(keys).extracting(Keypair::address).containsExactly(a.address(), b.address());
    assertThat(Files.readAllLines(file).stream().filter(l -> l.startsWith("#"))).hasSize(1);
    Files.writeString(file, b.address() + " " + KeyFile.line(a).split(" ")[1] + "\n");
    assertThatThrownBy(() -> KeyFile.load(file)).hasMessageContaining("does not belong");
  }

  @Test
  void rigsHaveOneToEightGpusAndValidFrames() {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int i = 0; i < 500; i++) {
      FakeRig rig = new FakeRig(i, 1);
      min = Math.min(min, rig.gpuCount());
      max = Math.max(max, rig.gpuCount());
      Message.Telemetry t = rig.sample();
      assertThat(t.gpus()).hasSize(rig.gpuCount());
      t.gpus().forEach(g -> {
        assertThat(g.utilizationPercent()).isBetween(0, 100);
        assertThat(g.memoryUsedMib()).isBetween(0L, g.memoryTotalMib());
      });
      String frame = Wire.encode(new Message.Heartbeat(1, t));
      assertThat(Wire.decode(frame).ok()).isTrue();
      assertThat(Wire.decode(Wire.encode(new Message.Metrics(rig.hardware(Instant.now())))).ok()).isTrue();
    }
    assertThat(min).isEqualTo(1);
    assertThat(max).isEqualTo(8);
    // Same index and seed, same rig.
    assertThat(new FakeRig(7, 1).hardware(Instant.EPOCH)).isEqualTo(new FakeRig(7, 1).hardware(Instant.EPOCH));
  }

  @Test
  void cpuPercentOfOneCore() {
    long hz = ProcStats.HZ;
    assertThat(Sampler.cpuPct(0, hz / 2, 0, 1_000_000_000L)).isEqualTo(50.0);
    assertThat(Sampler.cpuPct(-1, 5, 0, 1)).isNull();
  }
}
