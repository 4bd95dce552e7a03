package io.rigshare.agent.testing;

import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A fixed test host: 8 logical threads, 32 GiB, one 1 TB disk, two NVIDIA GPUs (indexes 0 and 1). */
public final class Hardware {
  public static final long GIB = 1L << 30;

  private Hardware() {}

  public static GpuInfo gpu(int index) {
    return new GpuInfo(index, "nvidia", "NVIDIA GeForce RTX 4090", "GPU-" + index, 24564, 24000L, 3, 35, 21.5, 450.0,
        "550.54.14", "12.4", "nvidia-smi");
  }

  public static HardwareReport report() {
    return report(List.of(gpu(0), gpu(1)));
  }

  public static HardwareReport report(List<GpuInfo> gpus) {
    return new HardwareReport(
        "rig-test",
        new OsInfo("Debian GNU/Linux", "12", "amd64"),
        new CpuInfo("AMD Ryzen 7 7700", 4, 8, 5300),
        new MemoryInfo(32 * GIB, 20 * GIB),
        List.of(new DiskInfo("/", "ext4", 1_000_000_000_000L, 512_000_000_000L)),
        gpus,
        Instant.parse("2026-11-23T10:00:00Z"));
  }

  /** The same host with one more GPU: a change that must trigger a new {@code metrics}. */
  public static HardwareReport withExtraGpu() {
    List<GpuInfo> gpus = new ArrayList<>(report().gpus());
    gpus.add(gpu(2));
    return report(gpus);
  }
}
