package io.rigshare.agent.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which CPUs a job may use. The agent may itself be held to some CPUs (a cpuset, {@code taskset}), so a job gets the
 * first {@code n} of the agent's own ({@code Cpus_allowed_list} in {@code /proc/self/status}), not simply 0 to n-1.
 */
final class CpuAffinity {
  private CpuAffinity() {}

  static List<Integer> ofThisProcess() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return parse(line.substring(line.indexOf(':') + 1));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or an odd kernel: fall back to counting.
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      all.add(i);
    }
    return all;
  }

  /** Parses a kernel CPU list such as {@code 0-3,8,10-11}. */
  static List<Integer> parse(String list) {
    List<Integer> cpus = new ArrayList<>();
    for (String part : list.strip().split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] range = part.strip().split("-");
      int from = Integer.parseInt(range[0]);
      int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
      for (int cpu = from; cpu <= to; cpu++) {
        cpus.add(cpu);
      }
    }
    return cpus;
  }

  /** The first {@code count} of {@code cpus} as a {@code taskset -c} list; all of them when there are fewer. */
  static String first(List<Integer> cpus, int count) {
    return cpus.stream().limit(Math.max(1, count)).map(String::valueOf).collect(Collectors.joining(","));
  }
}
