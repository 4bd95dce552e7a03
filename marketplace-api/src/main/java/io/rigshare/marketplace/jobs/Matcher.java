package io.rigshare.marketplace.jobs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One matching pass, as a pure computation: which claimed jobs go to which nodes and GPUs. A node is eligible for a
 * job only if it offers the job's runner, has enough free GPUs (each with the VRAM and one of the models asked for)
 * or a free CPU slot for a job without GPUs, a benchmark score at least the job's minimum, and an hourly price
 * (price per GPU-hour times the job's GPUs, at least one) within the job's maximum. Eligible nodes are ranked by the
 * lowest price per benchmark unit (nodes without a score after all scored ones, by price), then by reliability, then
 * by id. Jobs are served in the order given (oldest first).
 */
public final class Matcher {
  private Matcher() {}

  /** A GPU a node offers to jobs, with the VRAM its owner lets them use. */
  public record Gpu(int index, String name, long usableVramMib) {}

  /** A node's offer for this pass; {@code busyGpus} and {@code cpuJobs} are what running jobs already hold. */
  public record Node(
      UUID id,
      List<Gpu> gpus,
      Set<String> runners,
      long pricePerGpuHour,
      long score,
      int reliability,
      int cpuSlots,
      Set<Integer> busyGpus,
      int cpuJobs) {}

  /** What a queued job asks for. {@code gpuModels} match a GPU name case-insensitively as a substring. */
  public record Demand(
      UUID id,
      String runtimeType,
      int gpuCount,
      long minVramMib,
      List<String> gpuModels,
      long minScore,
      long maxPricePerHour,
      UUID targetNode) {}

  public record Assignment(UUID jobId, UUID nodeId, List<Integer> gpus, long pricePerHour) {}

  /** The ranking of nodes, best first; independent of the job, since a job scales every price alike. */
  static final Comparator<Node> RANK =
      Comparator.<Node, Boolean>comparing(n -> n.score() <= 0)
          .thenComparing((a, b) -> a.score() > 0 && b.score() > 0
              // price/score ascending, compared exactly: a.price * b.score vs b.price * a.score
              ? BigInteger.valueOf(a.pricePerGpuHour()).multiply(BigInteger.valueOf(b.score()))
                  .compareTo(BigInteger.valueOf(b.pricePerGpuHour()).multiply(BigInteger.valueOf(a.score())))
              : Long.compare(a.pricePerGpuHour(), b.pricePerGpuHour()))
          .thenComparing(Comparator.comparingInt(Node::reliability).reversed())
          .thenComparing(Node::id);

  public static List<Assignment> match(List<Demand> jobs, List<Node> nodes) {
    List<Node> ranked = new ArrayList<>(nodes);
    ranked.sort(RANK);
    Map<UUID, TreeSet<Integer>> busy = new HashMap<>();
    Map<UUID, Integer> cpuJobs = new HashMap<>();
    for (Node node : ranked) {
      busy.put(node.id(), new TreeSet<>(node.busyGpus()));
      cpuJobs.put(node.id(), node.cpuJobs());
    }
    List<Assignment> out = new ArrayList<>();
    for (Demand job : jobs) {
      for (Node node : ranked) {
        List<Integer> gpus = fit(job, node, busy.get(node.id()), cpuJobs.get(node.id()));
        if (gpus != null) {
          busy.get(node.id()).addAll(gpus);
          if (job.gpuCount() == 0) {
            cpuJobs.merge(node.id(), 1, Integer::sum);
          }
          out.add(new Assignment(job.id(), node.id(), gpus, hourlyPrice(node.pricePerGpuHour(), job.gpuCount())));
          break;
        }
      }
    }
    return out;
  }

  /** The node's price for a job with this many GPUs: per GPU-hour, a job without GPUs paying for one. */
  public static long hourlyPrice(long pricePerGpuHour, int gpuCount) {
    return Math.multiplyExact(pricePerGpuHour, Math.max(1, gpuCount));
  }

  /** The GPUs the job would get on the node (empty for a CPU job), or null if the node is not eligible now. */
  static List<Integer> fit(Demand job, Node node, Set<Integer> busy, int cpuJobsRunning) {
    if (job.targetNode() != null && !job.targetNode().equals(node.id())) {
      return null;
    }
    if (!node.runners().contains(job.runtimeType()) || node.score() < job.minScore()) {
      return null;
    }
    long price;
    try {
      price = hourlyPrice(node.pricePerGpuHour(), job.gpuCount());
    } catch (ArithmeticException overflow) {
      return null;
    }
    if (price > job.maxPricePerHour()) {
      return null;
    }
    if (job.gpuCount() == 0) {
      return cpuJobsRunning < node.cpuSlots() ? List.of() : null;
    }
    List<Integer> chosen = new ArrayList<>(job.gpuCount());
    for (Gpu gpu : node.gpus()) {
      if (busy.contains(gpu.index()) || gpu.usableVramMib() < job.minVramMib() || !modelMatches(job, gpu)) {
        continue;
      }
      chosen.add(gpu.index());
      if (chosen.size() == job.gpuCount()) {
        return chosen;
      }
    }
    return null;
  }

  private static boolean modelMatches(Demand job, Gpu gpu) {
    if (job.gpuModels().isEmpty()) {
      return true;
    }
    String name = gpu.name() == null ? "" : gpu.name().toLowerCase(Locale.ROOT);
    for (String model : job.gpuModels()) {
      if (name.contains(model.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
