package io.rigshare.agent.link;

import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.wire.Message.GpuLimit;
import io.rigshare.protocol.wire.Message.NodeLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the owner's limits against this machine: what they grant must exist here, and must not exceed the ceilings
 * the host set in {@code agent.properties}. A size the hardware report does not know (0) is not checked.
 */
public final class LimitsValidator {
  private final Integer maxCpuCores;
  private final Long maxMemoryBytes;

  /** Ceilings from {@code agent.properties}; null means the hardware's size. */
  public LimitsValidator(Integer maxCpuCores, Long maxMemoryBytes) {
    this.maxCpuCores = maxCpuCores;
    this.maxMemoryBytes = maxMemoryBytes;
  }

  /** Every problem, in a sentence each; empty when the limits can be applied. */
  public List<String> problems(NodeLimits limits, HardwareReport hardware) {
    List<String> problems = new ArrayList<>();
    if (limits == null) {
      return problems;
    }
    checkCpu(limits.cpuCores(), hardware.cpu().logicalThreads(), problems);
    checkMemory(limits.memoryBytes(), hardware.memory().totalBytes(), problems);
    checkDisk(limits.diskBytes(), hardware.disks(), problems);
    checkGpus(limits.gpus(), hardware.gpus(), problems);
    return problems;
  }

  private void checkCpu(Integer cores, int threads, List<String> problems) {
    if (cores == null) {
      return;
    }
    if (cores < 1) {
      problems.add("cpuCores " + cores + " must be at least 1");
    } else if (threads > 0 && cores > threads) {
      problems.add("cpuCores " + cores + " exceeds the " + threads + " logical CPU threads of this host");
    } else if (maxCpuCores != null && cores > maxCpuCores) {
      problems.add("cpuCores " + cores + " exceeds this host's ceiling of " + maxCpuCores + " (limits.max.cpu.cores)");
    }
  }

  private void checkMemory(Long bytes, long total, List<String> problems) {
    if (bytes == null) {
      return;
    }
    if (bytes < 1) {
      problems.add("memoryBytes " + bytes + " must be at least 1");
    } else if (total > 0 && bytes > total) {
      problems.add("memoryBytes " + bytes + " exceeds the " + total + " bytes of memory of this host");
    } else if (maxMemoryBytes != null && bytes > maxMemoryBytes) {
      problems.add(
          "memoryBytes " + bytes + " exceeds this host's ceiling of " + maxMemoryBytes + " (limits.max.memory.bytes)");
    }
  }

  private static void checkDisk(Long bytes, List<DiskInfo> disks, List<String> problems) {
    if (bytes == null) {
      return;
    }
    long total = disks.stream().mapToLong(DiskInfo::totalBytes).sum();
    if (bytes < 1) {
      problems.add("diskBytes " + bytes + " must be at least 1");
    } else if (total > 0 && bytes > total) {
      problems.add("diskBytes " + bytes + " exceeds the " + total + " bytes of disk of this host");
    }
  }

  private static void checkGpus(List<GpuLimit> limits, List<GpuInfo> gpus, List<String> problems) {
    Set<Integer> present = gpus.stream().map(GpuInfo::index).collect(Collectors.toSet());
    Set<Integer> seen = new HashSet<>();
    for (GpuLimit gpu : limits) {
      if (!seen.add(gpu.index())) {
        problems.add("GPU " + gpu.index() + " is listed twice");
      }
      if (!present.contains(gpu.index())) {
        problems.add("GPU " + gpu.index() + " does not exist on this host (GPUs here: " + sorted(present) + ")");
      }
      if (gpu.vramPercent() < 1 || gpu.vramPercent() > 100) {
        problems.add("GPU " + gpu.index() + " vramPercent " + gpu.vramPercent() + " must be between 1 and 100");
      }
    }
  }

  private static String sorted(Set<Integer> indexes) {
    return indexes.isEmpty() ? "none" : indexes.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
