package io.rigshare.bench;

import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import io.rigshare.protocol.wire.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A plausible GPU host for one simulated agent: a fixed hardware report (1 to 8 GPUs of one model, weighted towards
 * small rigs as on a real marketplace) and telemetry that drifts from heartbeat to heartbeat. Deterministic per index
 * and seed, so runs are comparable.
 */
final class FakeRig {
  private record Model(String name, String vendor, long vramMib, double idleW, double maxW, String source) {}

  private static final Model[] MODELS = {
    new Model("NVIDIA GeForce RTX 4090", "nvidia", 24564, 21, 450, "nvidia-smi"),
    new Model("NVIDIA GeForce RTX 3090", "nvidia", 24576, 25, 350, "nvidia-smi"),
    new Model("NVIDIA GeForce RTX 4080", "nvidia", 16376, 15, 320, "nvidia-smi"),
    new Model("NVIDIA A100-SXM4-80GB", "nvidia", 81920, 55, 400, "nvidia-smi"),
    new Model("NVIDIA H100 80GB HBM3", "nvidia", 81559, 70, 700, "nvidia-smi"),
    new Model("NVIDIA L40S", "nvidia", 46068, 35, 350, "nvidia-smi"),
    new Model("AMD Instinct MI210", "amd", 65520, 40, 300, "rocm-smi"),
    new Model("AMD Radeon RX 7900 XTX", "amd", 24560, 20, 355, "rocm-smi"),
  };

  /** GPUs per rig: mostly 1 or 2, some 4 and 8 (mean about 2.6). */
  private static final int[] GPU_COUNTS = {1, 1, 1, 1, 2, 2, 2, 3, 4, 4, 6, 8};

  private final SplittableRandom random;
  private final String hostname;
  private final Model model;
  private final int gpus;
  private final String[] uuids;
  private final double[] util;
  private final double[] temp;
  private final long[] memUsed;
  private final int cores;
  private final long memoryBytes;
  private final long diskBytes;
  private double cpuLoad;
  private int runningJobs;

  FakeRig(int index, long seed) {
    this.random = new SplittableRandom(seed * 1_000_003L + index);
    this.hostname = String.format("bench-rig-%05d", index);
    this.model = MODELS[random.nextInt(MODELS.length)];
    this.gpus = GPU_COUNTS[random.nextInt(GPU_COUNTS.length)];
    this.uuids = new String[gpus];
    this.util = new double[gpus];
    this.temp = new double[gpus];
    this.memUsed = new long[gpus];
    for (int g = 0; g < gpus; g++) {
      uuids[g] = String.format("GPU-%08x-%04x-%04x-%04x-%012x", random.nextInt(), random.nextInt(0x10000),
          random.nextInt(0x10000), random.nextInt(0x10000), random.nextLong() & 0xFFFFFFFFFFFFL);
      util[g] = random.nextInt(100);
      temp[g] = 35 + random.nextInt(40);
      memUsed[g] = random.nextLong(model.vramMib);
    }
    this.cores = new int[] {8, 16, 24, 32, 64}[random.nextInt(5)];
    this.memoryBytes = (long) new int[] {32, 64, 128, 256, 512}[random.nextInt(5)] << 30;
    this.diskBytes = (long) new int[] {500, 1000, 2000, 4000}[random.nextInt(4)] * 1_000_000_000L;
    this.cpuLoad = random.nextDouble(5, 60);
  }

  int gpuCount() {
    return gpus;
  }

  HardwareReport hardware(Instant now) {
    List<GpuInfo> list = new ArrayList<>(gpus);
    for (int g = 0; g < gpus; g++) {
      list.add(new GpuInfo(g, model.vendor, model.name, uuids[g], model.vramMib, model.vramMib - memUsed[g],
          (int) util[g], (int) temp[g], round1(power(g)), model.maxW, model.vendor.equals("nvidia") ? "550.54.14" : null,
          model.vendor.equals("nvidia") ? "12.4" : null, model.source));
    }
    return new HardwareReport(
        hostname,
        new OsInfo("Ubuntu", "22.04", "amd64"),
        new CpuInfo("AMD EPYC 7543 32-Core Processor", cores / 2, cores, 3700),
        new MemoryInfo(memoryBytes, memoryBytes / 2),
        List.of(new DiskInfo("/", "ext4", diskBytes, diskBytes / 2)),
        list,
        now);
  }

  /** The next heartbeat's telemetry: every reading takes a small random step. */
  synchronized Message.Telemetry sample() {
    List<GpuSample> samples = new ArrayList<>(gpus);
    for (int g = 0; g < gpus; g++) {
      util[g] = clamp(util[g] + random.nextDouble(-15, 15), 0, 100);
      temp[g] = clamp(temp[g] + (util[g] / 100 * 45 + 35 - temp[g]) * 0.3 + random.nextDouble(-2, 2), 25, 92);
      memUsed[g] = Math.max(0, Math.min(model.vramMib, memUsed[g] + random.nextLong(-2048, 2049)));
      samples.add(new GpuSample(g, uuids[g], (int) util[g], (int) temp[g], memUsed[g], model.vramMib,
          round1(power(g))));
    }
    cpuLoad = clamp(cpuLoad + random.nextDouble(-10, 10), 0, 100);
    if (random.nextInt(20) == 0) {
      runningJobs = Math.max(0, runningJobs + (random.nextBoolean() ? 1 : -1));
    }
    return new Message.Telemetry(samples, round1(cpuLoad), (long) (memoryBytes * (0.2 + cpuLoad / 200)), memoryBytes,
        diskBytes / 2 - random.nextLong(1_000_000_000L), runningJobs);
  }

  private double power(int g) {
    return model.idleW + (model.maxW - model.idleW) * util[g] / 100;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
