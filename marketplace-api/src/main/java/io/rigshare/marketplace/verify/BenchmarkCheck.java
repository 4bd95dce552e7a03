package io.rigshare.marketplace.verify;

import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.verify.BenchmarkScore;
import io.rigshare.protocol.verify.GpuCatalog;
import io.rigshare.protocol.verify.GpuCatalog.KnownGpu;
import io.rigshare.protocol.wire.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Judges a benchmark report against the node's hardware report and the catalog of known GPUs, before any challenge
 * (docs/protocol.md section 10, "What the server checks"). Pure: no database, no clock.
 *
 * <p>Only results of OpenCL type GPU that name a GPU of the hardware report ({@code gpuIndex}) count; CPU devices
 * and unmatched devices never do. Their score is recomputed here from the raw figures ({@link BenchmarkScore}); the
 * agent's own {@code score} fields are not trusted. For each counted GPU, against the catalog entry of the model the
 * hardware report names:
 *
 * <ul>
 *   <li>too high: SGEMM median above {@link #ABOVE_PEAK} x the FP32 peak, bandwidth median above it x the spec
 *       bandwidth, allocatable or reported VRAM above it x the spec size, or a score above it x {@code peakPoints};
 *   <li>too low, i.e. another, slower device under this name: SGEMM median under {@link #BELOW_PEAK_FLOPS} of the
 *       FP32 peak or bandwidth under {@link #BELOW_PEAK_BANDWIDTH} of the spec bandwidth (a tiled OpenCL SGEMM
 *       reaches 30-70% of the peak on the GPUs of the table, and STREAM triad 60-90% of the bandwidth);
 *   <li>a model the catalog does not know cannot be judged, and is refused with that reason.
 * </ul>
 *
 * The node's score is per GPU: the lower median of its counted GPUs' scores (price per GPU-hour = per-GPU score x
 * unit rate; a node of one model has near-equal scores, and the lower median keeps one fast outlier from raising
 * the price of every GPU).
 *
 * <p>A node whose hardware report lists no GPU is judged on its OpenCL devices instead ({@link DeviceOnly}): it is
 * challenged for correctness, never scored or priced. A CPU device measuring more than {@link #ABOVE_PEAK} x
 * {@link #CPU_FLOPS_PER_CYCLE} FP32 operations per cycle on each core of the reported CPU is implausible.
 */
public final class BenchmarkCheck {
  static final double ABOVE_PEAK = 1.10;
  static final double BELOW_PEAK_FLOPS = 0.10;
  static final double BELOW_PEAK_BANDWIDTH = 0.20;
  /** FP32 operations per cycle and core at most: two 512-bit FMA units (2 x 16 lanes x 2). */
  static final int CPU_FLOPS_PER_CYCLE = 64;

  private BenchmarkCheck() {}

  /** The verdict on one report. */
  public sealed interface Verdict {}

  /** No GPU earned a score: the node stays unscored and unlisted; this is not spoofing. */
  public record Unscored(String reason) implements Verdict {}

  /** The figures cannot be true for the claimed hardware: the node becomes unverified with this reason. */
  public record Implausible(String reason) implements Verdict {}

  /** Plausible: challenge one of these GPUs; when it passes the node's per-GPU score becomes {@code perGpuScore}. */
  public record Plausible(long perGpuScore, List<ScoredGpu> gpus) implements Verdict {}

  /**
   * A node without a GPU whose OpenCL devices passed their own check: challenge it on its first device, with a
   * deadline from {@code referenceGflops}, the slowest of its devices' SGEMM medians (the agent picks the device).
   */
  public record DeviceOnly(double referenceGflops) implements Verdict {}

  /** A GPU that earned a score, and the catalog entry of the model it claims to be. */
  public record ScoredGpu(int gpuIndex, String uuid, String name, KnownGpu model, int score) {}

  /** Judges {@code report} against the node's hardware report ({@code hardware} null when it sent none). */
  public static Verdict judge(HardwareReport hardware, Message.Benchmark report, GpuCatalog catalog) {
    if (report.formulaVersion() != BenchmarkScore.FORMULA_VERSION) {
      return new Unscored("the benchmark uses score formula " + report.formulaVersion() + "; this server scores "
          + BenchmarkScore.FORMULA_VERSION + ": update the agent");
    }
    List<GpuInfo> hardwareGpus = hardware == null ? List.of() : hardware.gpus();
    if (hardwareGpus.isEmpty()) {
      return withoutGpu(hardware == null ? null : hardware.cpu(), report);
    }
    Map<Integer, GpuInfo> byIndex =
        hardwareGpus.stream().collect(Collectors.toMap(GpuInfo::index, Function.identity(), (a, b) -> a));
    Set<Integer> seenIndices = new HashSet<>();
    List<ScoredGpu> scored = new ArrayList<>();
    List<String> unscored = new ArrayList<>();
    for (Message.BenchmarkResult r : report.results()) {
      GpuInfo gpu = r.gpuIndex() == null ? null : byIndex.get(r.gpuIndex());
      if (!BenchmarkScore.GPU.equals(r.kind()) || gpu == null) {
        continue; // CPU devices and devices that are no GPU of the hardware report never count
      }
      if (!seenIndices.add(gpu.index())) {
        return new Implausible("two benchmark results claim to be GPU " + gpu.index());
      }
      Integer score = r.sgemmGflops() == null || r.deviceBandwidthGBps() == null ? null
          : BenchmarkScore.gpuScore(r.kind(), r.sgemmVerified(), r.allocatableVramBytes(), r.sgemmGflops().median(),
              r.deviceBandwidthGBps().median());
      if (score == null) {
        String why = r.sgemmGflops() == null || r.deviceBandwidthGBps() == null ? "not measured"
            : BenchmarkScore.unscoredReason(r.kind(), r.sgemmVerified(), r.allocatableVramBytes());
        unscored.add("GPU " + gpu.index() + ": " + (r.error() != null ? r.error() : why));
        continue;
      }
      KnownGpu model = catalog.lookup(gpu.name()).orElse(null);
      if (model == null) {
        return new Implausible("GPU " + gpu.index() + " '" + gpu.name() + "' is not in the server's catalog of known"
            + " GPUs, so its benchmark cannot be checked; ask the operator to add the model");
      }
      String implausible = implausible(gpu, r, score, model);
      if (implausible != null) {
        return new Implausible(implausible);
      }
      scored.add(new ScoredGpu(gpu.index(), gpu.uuid(), gpu.name(), model, score));
    }
    if (scored.isEmpty()) {
      String why = report.error() != null ? report.error()
          : unscored.isEmpty() ? "no GPU device among the results (CPU devices are never priced as GPUs)"
          : String.join("; ", unscored);
      return new Unscored("no GPU earned a benchmark score: " + why);
    }
    List<Integer> scores = scored.stream().map(ScoredGpu::score).sorted().toList();
    return new Plausible(scores.get((scores.size() - 1) / 2), List.copyOf(scored));
  }

  private static Verdict withoutGpu(CpuInfo cpu, Message.Benchmark report) {
    double slowest = Double.MAX_VALUE;
    for (Message.BenchmarkResult r : report.results()) {
      if (!r.sgemmVerified() || r.sgemmGflops() == null) {
        continue;
      }
      String implausible = BenchmarkScore.CPU.equals(r.kind()) ? implausibleCpu(cpu, r) : null;
      if (implausible != null) {
        return new Implausible(implausible);
      }
      slowest = Math.min(slowest, r.sgemmGflops().median());
    }
    if (slowest == Double.MAX_VALUE || slowest <= 0) {
      return new Unscored("no GPU in the hardware report and no OpenCL device with a checked SGEMM figure"
          + (report.error() != null ? ": " + report.error() : ""));
    }
    return new DeviceOnly(slowest);
  }

  /** Above what the reported cores can do at their clock (the device's own clock when the OS reports none). */
  private static String implausibleCpu(CpuInfo cpu, Message.BenchmarkResult r) {
    int cores = cpu == null ? 0 : cpu.physicalCores() > 0 ? cpu.physicalCores() : cpu.logicalThreads();
    long mhz = cpu != null && cpu.maxFreqMhz() > 0 ? cpu.maxFreqMhz() : r.clockMhz();
    if (cores <= 0 || mhz <= 0) {
      return null; // nothing to compare with; the figure prices nothing
    }
    double peak = cores * (mhz / 1000.0) * CPU_FLOPS_PER_CYCLE;
    double gflops = r.sgemmGflops().median();
    if (gflops <= ABOVE_PEAK * peak) {
      return null;
    }
    return String.format("CPU device '%s' measured %.0f GFLOPS of FP32 SGEMM, above the %.0f that %d cores at %.2f GHz"
        + " can do (%d operations per cycle and core, +10%% allowed)", r.device(), gflops, peak, cores, mhz / 1000.0,
        CPU_FLOPS_PER_CYCLE);
  }

  private static String implausible(GpuInfo gpu, Message.BenchmarkResult r, int score, KnownGpu model) {
    String who = "GPU " + gpu.index() + " (" + model.model() + ")";
    double gflops = r.sgemmGflops().median();
    double bandwidth = r.deviceBandwidthGBps().median();
    double peakGflops = model.fp32Tflops() * 1000;
    double vramBytes = model.vramGib() * (1L << 30);
    if (gflops > ABOVE_PEAK * peakGflops) {
      return String.format("%s measured %.0f GFLOPS of FP32 SGEMM, above the model's peak of %.0f (+10%% allowed):"
          + " implausible for this model", who, gflops, peakGflops);
    }
    if (bandwidth > ABOVE_PEAK * model.bandwidthGBps()) {
      return String.format("%s measured %.0f GB/s of memory bandwidth, above the model's %.0f GB/s (+10%% allowed):"
          + " implausible for this model", who, bandwidth, model.bandwidthGBps());
    }
    if (r.allocatableVramBytes() != null && r.allocatableVramBytes() > ABOVE_PEAK * vramBytes
        || gpu.memoryTotalMib() * (double) (1L << 20) > ABOVE_PEAK * vramBytes) {
      return String.format("%s reports more memory than the model's %.0f GiB: implausible for this model", who,
          model.vramGib());
    }
    if (score > ABOVE_PEAK * model.peakPoints()) {
      return String.format("%s scored %d, above the %d a %s earns at its peak (+10%% allowed)", who, score,
          model.peakPoints(), model.model());
    }
    if (gflops < BELOW_PEAK_FLOPS * peakGflops) {
      return String.format("%s measured %.0f GFLOPS of FP32 SGEMM, under 10%% of the model's peak of %.0f: not what"
          + " this model does", who, gflops, peakGflops);
    }
    if (bandwidth < BELOW_PEAK_BANDWIDTH * model.bandwidthGBps()) {
      return String.format("%s measured %.0f GB/s of memory bandwidth, under 20%% of the model's %.0f GB/s: not what"
          + " this model does", who, bandwidth, model.bandwidthGBps());
    }
    return null;
  }
}
