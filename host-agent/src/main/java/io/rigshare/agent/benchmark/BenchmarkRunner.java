package io.rigshare.agent.benchmark;

import io.rigshare.agent.hardware.CommandRunner;
import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.agent.hardware.ProcessCommandRunner;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.verify.BenchmarkScore;
import io.rigshare.protocol.wire.Message;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmarks every OpenCL device of this machine, one after the other, and assembles the {@code benchmark} report:
 * per device its figures, the hardware report's GPU it is, and its score ({@link BenchmarkScore}).
 */
public final class BenchmarkRunner {
  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);

  private final Supplier<List<ClDevice>> devices;
  private final HardwareProbe probe;
  private final CommandRunner commands;
  private final Clock clock;
  private final boolean quick;
  private final Random random;

  BenchmarkRunner(Supplier<List<ClDevice>> devices, HardwareProbe probe, CommandRunner commands, Clock clock,
      boolean quick, Random random) {
    this.devices = devices;
    this.probe = probe;
    this.commands = commands;
    this.clock = clock;
    this.quick = quick;
    this.random = random;
  }

  /**
   * The runner for this machine's OpenCL devices.
   *
   * @param quick small sizes on every device (seconds, not minutes): for trying it out and for tests
   */
  public static BenchmarkRunner forHost(HardwareProbe probe, Clock clock, boolean quick) {
    return new BenchmarkRunner(OpenCl::devices, probe, new ProcessCommandRunner(), clock, quick, new SecureRandom());
  }

  /**
   * Runs the benchmark.
   *
   * @throws OpenClUnavailableException when this machine has no OpenCL device
   * @throws java.util.concurrent.CancellationException when {@code cancelled} became true
   */
  public Message.Benchmark run(String trigger, BenchmarkProgress progress, BooleanSupplier cancelled) {
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    List<ClDevice> found = devices.get();
    List<Optional<GpuInfo>> gpus = GpuMatcher.match(found, probe, commands);
    List<Message.BenchmarkResult> results = new ArrayList<>();
    for (int d = 0; d < found.size(); d++) {
      ClDevice device = found.get(d);
      int index = d;
      DeviceBenchmark bench = new DeviceBenchmark(device, BenchmarkSizes.forDevice(device, quick), cancelled,
          System::nanoTime, random);
      DeviceBenchmark.Measured measured = bench.run((stage, within, label) -> progress.update(
          (index + (stage + within) / DeviceBenchmark.STAGES) / found.size(), device.displayName() + ": " + label));
      results.add(result(device, gpus.get(d), measured));
      Message.BenchmarkResult r = results.get(d);
      LOG.info("Benchmarked {} ({}): SGEMM {} GFLOPS, {} GB/s, score {}{}", r.device(), r.kind(),
          r.sgemmGflops() == null ? "-" : r.sgemmGflops().median(),
          r.deviceBandwidthGBps() == null ? "-" : r.deviceBandwidthGBps().median(), r.score(),
          r.error() == null ? "" : "; " + r.error());
    }
    progress.update(1.0, "done");
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    return new Message.Benchmark(results,
        BenchmarkScore.total(results.stream().map(Message.BenchmarkResult::score).toList()),
        BenchmarkScore.total(results.stream().map(Message.BenchmarkResult::cpuScore).toList()),
        BenchmarkScore.FORMULA_VERSION, start, took.toMillis(), trigger, null);
  }

  static Message.BenchmarkResult result(ClDevice device, Optional<GpuInfo> gpu, DeviceBenchmark.Measured m) {
    Integer score = null;
    Integer cpuScore = null;
    String note;
    if (m.sgemmGflops() == null || m.bandwidthGBps() == null) {
      note = "not scored: a measurement failed";
    } else if (device.isCpu()) {
      cpuScore = BenchmarkScore.points(m.sgemmGflops().median(), m.bandwidthGBps().median());
      note = BenchmarkScore.unscoredReason(device.kind(), m.sgemmVerified(), m.allocatableVramBytes());
    } else {
      note = BenchmarkScore.unscoredReason(device.kind(), m.sgemmVerified(), m.allocatableVramBytes());
      score = BenchmarkScore.gpuScore(device.kind(), m.sgemmVerified(), m.allocatableVramBytes(),
          m.sgemmGflops().median(), m.bandwidthGBps().median());
    }
    return new Message.BenchmarkResult(device.displayName(), device.vendor(), device.platformName(),
        device.driverVersion(), device.kind(), gpu.map(GpuInfo::index).orElse(null), gpu.map(GpuInfo::uuid).orElse(null),
        device.pciBusId(), device.computeUnits(), device.clockMhz(), device.globalMemBytes(), m.sgemmN(),
        m.sgemmGflops(), m.sgemmVerified(), m.bandwidthGBps(), m.transferGBps(), m.allocatableVramBytes(), score,
        cpuScore, note, m.error());
  }
}
