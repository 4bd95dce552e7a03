package io.rigshare.agent.hardware;

import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@link HardwareProbe}: the host from OSHI, GPUs from {@code nvidia-smi} when it
 * lists any, else {@code rocm-smi}, else OSHI's graphics cards (no telemetry).
 *
 * <p>The report is cached for a time limit (default 60 s), since it changes only with hardware or
 * drivers and a full read runs several processes. Samples are cached for {@link #SAMPLE_TTL}, so
 * several callers in the same second share one {@code nvidia-smi} run. Time comes from the
 * injected {@link Clock}, so tests move it instead of sleeping.
 */
public final class OshiHardwareProbe implements HardwareProbe {

  public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
  public static final Duration SAMPLE_TTL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(OshiHardwareProbe.class);

  private enum GpuSource { NVIDIA_SMI, ROCM_SMI, OSHI }

  private final SystemReader system;
  private final NvidiaSmi nvidia;
  private final RocmSmi rocm;
  private final Clock clock;
  private final Duration ttl;

  private HardwareReport report;
  private Instant reportTakenAt;
  private GpuSource gpuSource = GpuSource.OSHI;
  private List<GpuSample> samples;
  private Instant samplesTakenAt;

  public OshiHardwareProbe(
      SystemReader system, NvidiaSmi nvidia, RocmSmi rocm, Clock clock, Duration ttl) {
    this.system = Objects.requireNonNull(system, "system");
    this.nvidia = Objects.requireNonNull(nvidia, "nvidia");
    this.rocm = Objects.requireNonNull(rocm, "rocm");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    this.ttl = ttl;
  }

  /** The real thing: OSHI, the real vendor tools with a 10 s timeout, the system clock. */
  public static OshiHardwareProbe create() {
    return create(Clock.systemUTC(), DEFAULT_TTL);
  }

  public static OshiHardwareProbe create(Clock clock, Duration ttl) {
    CommandRunner runner = new ProcessCommandRunner();
    return new OshiHardwareProbe(
        new OshiSystemReader(), new NvidiaSmi(runner), new RocmSmi(runner), clock, ttl);
  }

  @Override
  public synchronized HardwareReport report() {
    Instant now = clock.instant();
    if (report == null || !now.isBefore(reportTakenAt.plus(ttl))) {
      report = collect(now);
      reportTakenAt = now;
    }
    return report;
  }

  @Override
  public synchronized List<GpuSample> sampleGpus() {
    Instant now = clock.instant();
    if (samples == null || !now.isBefore(samplesTakenAt.plus(SAMPLE_TTL))) {
      samples = sample();
      samplesTakenAt = now;
    }
    return samples;
  }

  private HardwareReport collect(Instant now) {
    try {
      return new HardwareReport(
          system.hostname(),
          system.os(),
          system.cpu(),
          system.memory(),
          system.disks(),
          gpus(),
          now);
    } catch (RuntimeException e) {
      // SystemReader and the tools promise not to throw; this guards the promise of this class
      // against a bug in theirs, at the price of an empty report until the next refresh.
      LOG.warn("Hardware report failed; sending placeholders until the next refresh", e);
      return new HardwareReport(
          SystemReader.UNKNOWN,
          new OsInfo(SystemReader.UNKNOWN, SystemReader.UNKNOWN, System.getProperty("os.arch", "")),
          new CpuInfo(SystemReader.UNKNOWN, 0, 0, 0),
          new MemoryInfo(0, 0),
          List.of(),
          List.of(),
          now);
    }
  }

  private List<GpuInfo> gpus() {
    ToolResult<GpuInfo> fromNvidia = nvidia.gpus();
    if (fromNvidia.present()) {
      gpuSource = GpuSource.NVIDIA_SMI;
      return fromNvidia.values();
    }
    ToolResult<GpuInfo> fromRocm = rocm.gpus();
    if (fromRocm.present()) {
      gpuSource = GpuSource.ROCM_SMI;
      return fromRocm.values();
    }
    gpuSource = GpuSource.OSHI;
    return system.graphicsCards();
  }

  /** Telemetry from the tool that found the GPUs; OSHI's cards have none. */
  private List<GpuSample> sample() {
    try {
      report();
      return switch (gpuSource) {
        case NVIDIA_SMI -> nvidia.samples().values();
        case ROCM_SMI -> rocm.samples().values();
        case OSHI -> List.of();
      };
    } catch (RuntimeException e) {
      LOG.warn("GPU sampling failed; sending no samples this time", e);
      return List.of();
    }
  }
}
