package io.rigshare.protocol.hardware;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a host offers, as detected at {@code collectedAt}.
 *
 * @param hostname the host's name as the OS reports it
 * @param disks local file stores worth offering (pseudo file systems already removed)
 * @param gpus GPUs in index order; empty on a machine without any
 */
public record HardwareReport(
    String hostname,
    OsInfo os,
    CpuInfo cpu,
    MemoryInfo memory,
    List<DiskInfo> disks,
    List<GpuInfo> gpus,
    Instant collectedAt) {

  public HardwareReport {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(collectedAt, "collectedAt");
    // An absent list on the wire means "none", so a sender that omits it is not rejected.
    disks = disks == null ? List.of() : List.copyOf(disks);
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
  }
}
