package io.rigshare.marketplace.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshare.marketplace.config.JobsConfig;
import io.rigshare.marketplace.db.JobDao;
import io.rigshare.marketplace.db.NodeDao;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns online nodes (their hardware report, the owner's limits, runners and price) and the jobs they already run
 * into the matcher's view: the GPUs each node offers with the VRAM share its owner allows, and what is busy.
 */
public final class NodeOffers {
  private NodeOffers() {}

  static List<Matcher.Node> of(List<JobDao.Candidate> candidates, List<JobDao.ActiveUse> active, JobsConfig config) {
    Map<UUID, Set<Integer>> busy = new HashMap<>();
    Map<UUID, Integer> cpuJobs = new HashMap<>();
    for (JobDao.ActiveUse use : active) {
      if (use.gpuIndices() == null || use.gpuIndices().length == 0) {
        cpuJobs.merge(use.nodeId(), 1, Integer::sum);
      } else {
        busy.computeIfAbsent(use.nodeId(), k -> new HashSet<>()).addAll(List.of(use.gpuIndices()));
      }
    }
    List<Matcher.Node> nodes = new ArrayList<>(candidates.size());
    for (JobDao.Candidate c : candidates) {
      nodes.add(new Matcher.Node(c.id(), gpus(c.hardware(), c.limits()), Set.of(c.runners()),
          c.pricePerGpuHour() != null ? c.pricePerGpuHour() : config.getDefaultPricePerGpuHour(),
          c.benchmarkScore() == null ? 0 : c.benchmarkScore(), c.reliability() == null ? 0 : c.reliability(),
          config.getCpuJobsPerNode(), busy.getOrDefault(c.id(), Set.of()), cpuJobs.getOrDefault(c.id(), 0)));
    }
    return nodes;
  }

  /** The GPUs the owner offers (all, unless limits say otherwise), with usable VRAM = total x vramPercent. */
  public static List<Matcher.Gpu> gpus(String hardwareJson, String limitsJson) {
    if (hardwareJson == null) {
      return List.of();
    }
    HardwareReport hardware;
    try {
      hardware = Wire.mapper().readValue(hardwareJson, HardwareReport.class);
    } catch (JsonProcessingException e) {
      return List.of();
    }
    // Limits we cannot read offer nothing: better an idle node than GPUs its owner may have withheld.
    Message.NodeLimits limits = NodeDao.readLimits(limitsJson).orElse(null);
    if (limits == null) {
      return List.of();
    }
    Map<Integer, Message.GpuLimit> byIndex = new HashMap<>();
    for (Message.GpuLimit limit : limits.gpus()) {
      byIndex.put(limit.index(), limit);
    }
    List<Matcher.Gpu> out = new ArrayList<>();
    for (GpuInfo gpu : hardware.gpus()) {
      Message.GpuLimit limit = byIndex.get(gpu.index());
      if (limit != null && !limit.offered()) {
        continue;
      }
      long total = gpu.memoryTotalMib();
      int percent = limit == null ? 100 : limit.vramPercent();
      out.add(new Matcher.Gpu(gpu.index(), gpu.name(), total * percent / 100));
    }
    return out;
  }
}
