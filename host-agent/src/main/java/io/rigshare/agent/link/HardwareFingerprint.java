package io.rigshare.agent.link;

import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import java.time.Instant;

/**
 * A hardware report with its moment-to-moment readings removed (free memory and disk, GPU utilization, temperature,
 * free VRAM, power draw, collection time), so two reports compare equal unless the hardware or drivers changed. The
 * agent sends {@code metrics} again only when this changes; heartbeats carry the readings.
 */
public final class HardwareFingerprint {
  private HardwareFingerprint() {}

  public static HardwareReport of(HardwareReport report) {
    return new HardwareReport(
        report.hostname(),
        report.os(),
        report.cpu(),
        new MemoryInfo(report.memory().totalBytes(), 0),
        report.disks().stream().map(d -> new DiskInfo(d.mount(), d.fsType(), d.totalBytes(), 0)).toList(),
        report.gpus().stream().map(HardwareFingerprint::stable).toList(),
        Instant.EPOCH);
  }

  private static GpuInfo stable(GpuInfo gpu) {
    return new GpuInfo(
        gpu.index(),
        gpu.vendor(),
        gpu.name(),
        gpu.uuid(),
        gpu.memoryTotalMib(),
        null,
        null,
        null,
        null,
        gpu.powerLimitW(),
        gpu.driverVersion(),
        gpu.cudaVersion(),
        gpu.source());
  }
}
