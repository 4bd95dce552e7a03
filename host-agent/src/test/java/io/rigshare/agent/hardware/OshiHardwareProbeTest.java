package io.rigshare.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.hardware.HardwareReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OshiHardwareProbeTest {

  private static final Instant START = Instant.parse("2026-07-14T08:12:38Z");

  private final MutableClock clock = new MutableClock(START);
  private final ListAppender<ILoggingEvent> nvidiaLog = listen(NvidiaSmi.class);

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger(NvidiaSmi.class)).detachAppender(nvidiaLog);
  }

  private OshiHardwareProbe probe(FakeCommandRunner runner, SystemReader system) {
    return new OshiHardwareProbe(
        system, new NvidiaSmi(runner), new RocmSmi(runner), clock, OshiHardwareProbe.DEFAULT_TTL);
  }

  @Test
  void nvidiaGpusWinAndTheHostComesFromTheSystemReader() {
    FakeCommandRunner runner =
        new FakeCommandRunner()
            .nvidia("nvidia-smi-query-8x-a100.csv", "nvidia-smi-8x-a100.txt")
            .prints(RocmSmi.COMMAND, "rocm-smi-rx7900xt.json");

    HardwareReport report = probe(runner, new StubSystemReader()).report();

    assertThat(report.hostname()).isEqualTo("rig-01");
    assertThat(report.cpu().logicalThreads()).isEqualTo(128);
    assertThat(report.collectedAt()).isEqualTo(START);
    assertThat(report.gpus()).hasSize(8).extracting(GpuInfo::source).containsOnly("nvidia-smi");
    assertThat(report.gpus().get(0).cudaVersion()).isEqualTo("13.2");
    assertThat(runner.calls(RocmSmi.COMMAND)).isZero();
  }

  @Test
  void missingNvidiaSmiFallsBackToRocmSmi() {
    FakeCommandRunner runner = new FakeCommandRunner().prints(RocmSmi.COMMAND, "rocm-smi-rx7900xt.json");

    HardwareReport report = probe(runner, new StubSystemReader()).report();

    assertThat(report.gpus()).singleElement().satisfies(gpu -> {
      assertThat(gpu.source()).isEqualTo("rocm-smi");
      assertThat(gpu.name()).isEqualTo("Radeon RX 7900 XT");
    });
  }

  @Test
  void withNeitherToolTheOsGraphicsCardsAreTheLastResortAndHaveNoSamples() {
    OshiHardwareProbe probe = probe(new FakeCommandRunner(), new StubSystemReader());

    assertThat(probe.report().gpus()).containsExactly(StubSystemReader.OSHI_CARD);
    assertThat(probe.sampleGpus()).isEmpty();
  }

  @Test
  void timedOutNvidiaSmiFallsBackWithoutThrowing() {
    FakeCommandRunner runner =
        new FakeCommandRunner()
            .answer(NvidiaSmi.QUERY_COMMAND, new CommandResult.TimedOut(Duration.ofSeconds(10)));

    HardwareReport report = probe(runner, new StubSystemReader()).report();

    assertThat(report.gpus()).containsExactly(StubSystemReader.OSHI_CARD);
    assertThat(messages(nvidiaLog)).containsExactly("No GPUs from nvidia-smi: nvidia-smi did not answer within 10 s");
  }

  @Test
  void driverFailureFallsBackAndIsLoggedOnceAcrossRefreshes() {
    FakeCommandRunner runner =
        new FakeCommandRunner()
            .answer(
                NvidiaSmi.QUERY_COMMAND,
                new CommandResult.Completed(9, Fixtures.read("nvidia-smi-driver-failure.txt"), ""));
    OshiHardwareProbe probe = probe(runner, new StubSystemReader());

    for (int refresh = 0; refresh < 3; refresh++) {
      assertThat(probe.report().gpus()).containsExactly(StubSystemReader.OSHI_CARD);
      clock.advance(OshiHardwareProbe.DEFAULT_TTL);
    }

    assertThat(runner.calls(NvidiaSmi.QUERY_COMMAND)).isEqualTo(3);
    assertThat(nvidiaLog.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.INFO);
      assertThat(event.getFormattedMessage()).startsWith("No GPUs from nvidia-smi: nvidia-smi exited 9");
    });
  }

  @Test
  void reportIsCachedUntilTheTimeLimitPasses() {
    FakeCommandRunner runner =
        new FakeCommandRunner().nvidia("nvidia-smi-query-h100.csv", "nvidia-smi-h100.txt");
    OshiHardwareProbe probe = probe(runner, new StubSystemReader());

    HardwareReport first = probe.report();
    clock.advance(Duration.ofSeconds(59));
    assertThat(probe.report()).isSameAs(first);
    assertThat(runner.calls(NvidiaSmi.QUERY_COMMAND)).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    HardwareReport second = probe.report();

    assertThat(runner.calls(NvidiaSmi.QUERY_COMMAND)).isEqualTo(2);
    assertThat(second.collectedAt()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void theTimeLimitIsConfigurable() {
    FakeCommandRunner runner =
        new FakeCommandRunner().nvidia("nvidia-smi-query-h100.csv", "nvidia-smi-h100.txt");
    OshiHardwareProbe probe =
        new OshiHardwareProbe(new StubSystemReader(), new NvidiaSmi(runner), new RocmSmi(runner),
            clock, Duration.ofSeconds(5));

    probe.report();
    clock.advance(Duration.ofSeconds(5));
    probe.report();

    assertThat(runner.calls(NvidiaSmi.QUERY_COMMAND)).isEqualTo(2);
  }

  @Test
  void samplesAreSharedWithinASecondAndFreshAfterIt() {
    FakeCommandRunner runner =
        new FakeCommandRunner().nvidia("nvidia-smi-query-8x-a100.csv", "nvidia-smi-8x-a100.txt");
    OshiHardwareProbe probe = probe(runner, new StubSystemReader());

    List<GpuSample> first = probe.sampleGpus(); // also takes the report: query run 1, samples run 2
    clock.advance(Duration.ofMillis(999));
    assertThat(probe.sampleGpus()).isSameAs(first);
    clock.advance(Duration.ofMillis(1));
    probe.sampleGpus();

    assertThat(first).hasSize(8);
    assertThat(first.get(1)).isEqualTo(
        new GpuSample(1, "GPU-00000000-0000-0000-0000-000000000001", 82, 43, 16663L, 81920L, 238.0));
    assertThat(runner.calls(NvidiaSmi.QUERY_COMMAND)).isEqualTo(3);
  }

  @Test
  void rocmSamplesFollowRocmGpus() {
    FakeCommandRunner runner = new FakeCommandRunner().prints(RocmSmi.COMMAND, "rocm-smi-780m.json");

    List<GpuSample> samples = probe(runner, new StubSystemReader()).sampleGpus();

    assertThat(samples).containsExactly(new GpuSample(0, null, 19, 31, null, null, 7.222));
  }

  @Test
  void aThrowingSystemReaderStillYieldsAReport() {
    SystemReader broken =
        new StubSystemReader() {
          @Override
          public String hostname() {
            throw new IllegalStateException("JNA exploded");
          }
        };
    OshiHardwareProbe probe = probe(new FakeCommandRunner(), broken);

    assertThatCode(probe::report).doesNotThrowAnyException();
    assertThat(probe.report().hostname()).isEqualTo("unknown");
    assertThat(probe.report().gpus()).isEmpty();
    assertThat(probe.sampleGpus()).isEmpty();
  }

  private static ListAppender<ILoggingEvent> listen(Class<?> source) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(source)).addAppender(appender);
    return appender;
  }

  private static List<String> messages(ListAppender<ILoggingEvent> appender) {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
