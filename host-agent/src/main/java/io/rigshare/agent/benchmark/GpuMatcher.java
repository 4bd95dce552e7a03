package io.rigshare.agent.benchmark;

import io.rigshare.agent.hardware.CommandRunner;
import io.rigshare.agent.hardware.GpuVendor;
import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.protocol.hardware.GpuInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says which of the hardware report's GPUs each OpenCL device is, so that results carry the GPU's index and uuid.
 * First by PCI address (exact, where the driver and nvidia-smi both give one), then by vendor and name in order: the
 * k-th OpenCL device called "RTX 4090" is the k-th unmatched GPU of that name by index. CPU devices are no GPU.
 */
final class GpuMatcher {
  /** What matching needs to know of an OpenCL device. */
  record Device(String name, String vendor, String kind, String pciBusId) {
    static Device of(ClDevice device) {
      return new Device(device.displayName(), device.vendor(), device.kind(), device.pciBusId());
    }
  }

  private GpuMatcher() {}

  /** Matches this machine's devices to its hardware report, with nvidia-smi's PCI addresses where it has GPUs. */
  static List<Optional<GpuInfo>> match(List<ClDevice> devices, HardwareProbe probe, CommandRunner commands) {
    boolean anyGpu = devices.stream().anyMatch(d -> !d.isCpu());
    Map<String, Integer> busIds = anyGpu ? PciBusIds.nvidia(commands) : Map.of();
    return match(devices.stream().map(Device::of).toList(), probe.report().gpus(), busIds);
  }

  /** One entry per device, in order: its GPU, or empty. */
  static List<Optional<GpuInfo>> match(List<Device> devices, List<GpuInfo> gpus, Map<String, Integer> busIds) {
    List<Optional<GpuInfo>> matches = new ArrayList<>();
    Set<Integer> used = new HashSet<>();
    for (Device device : devices) {
      Optional<GpuInfo> gpu = Optional.empty();
      if (isGpu(device) && device.pciBusId() != null) {
        Integer index = busIds.get(device.pciBusId());
        gpu = gpus.stream().filter(g -> index != null && g.index() == index && !used.contains(g.index())).findFirst();
      }
      gpu.ifPresent(g -> used.add(g.index()));
      matches.add(gpu);
    }
    for (int i = 0; i < devices.size(); i++) {
      Device device = devices.get(i);
      if (matches.get(i).isPresent() || !isGpu(device)) {
        continue;
      }
      Optional<GpuInfo> gpu = gpus.stream()
          .filter(g -> !used.contains(g.index()) && sameVendor(device.vendor(), g.vendor())
              && sameName(device.name(), g.name()))
          .min((x, y) -> Integer.compare(x.index(), y.index()));
      gpu.ifPresent(g -> used.add(g.index()));
      matches.set(i, gpu);
    }
    return matches;
  }

  private static boolean isGpu(Device device) {
    return "GPU".equals(device.kind()) || "ACCELERATOR".equals(device.kind());
  }

  static boolean sameVendor(String clVendor, String gpuVendor) {
    return GpuVendor.of(clVendor).equals(gpuVendor);
  }

  /** Names agree once vendor words and punctuation are dropped, and one contains the other. */
  static boolean sameName(String a, String b) {
    String x = simplify(a);
    String y = simplify(b);
    return !x.isEmpty() && !y.isEmpty() && (x.contains(y) || y.contains(x));
  }

  private static String simplify(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT).replace("(r)", " ").replace("(tm)", " ")
        .replaceAll("\\b(nvidia|geforce|amd|radeon|intel|corporation)\\b", " ")
        .replaceAll("[^a-z0-9]+", "");
  }
}
