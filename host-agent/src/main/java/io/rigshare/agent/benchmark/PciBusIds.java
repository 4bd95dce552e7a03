package io.rigshare.agent.benchmark;

import io.rigshare.agent.hardware.CommandResult;
import io.rigshare.agent.hardware.CommandRunner;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which nvidia-smi index sits at which PCI address, so that OpenCL devices (whose order need not be nvidia-smi's)
 * are matched to the hardware report's GPUs exactly. Empty when nvidia-smi is absent or says nothing usable.
 */
final class PciBusIds {
  static final List<String> COMMAND =
      List.of("nvidia-smi", "--query-gpu=index,pci.bus_id", "--format=csv,noheader");

  private PciBusIds() {}

  /** Bus id ({@link OpenCl#formatPci} form) to nvidia-smi index. */
  static Map<String, Integer> nvidia(CommandRunner runner) {
    CommandResult result = runner.run(COMMAND, Duration.ofSeconds(10));
    if (result instanceof CommandResult.Completed done && done.exitCode() == 0) {
      return parse(done.stdout());
    }
    return Map.of();
  }

  static Map<String, Integer> parse(String csv) {
    Map<String, Integer> ids = new HashMap<>();
    for (String line : csv.split("\\R")) {
      String[] fields = line.split(",");
      if (fields.length != 2) {
        continue;
      }
      try {
        String bus = normalize(fields[1].strip());
        if (bus != null) {
          ids.put(bus, Integer.parseInt(fields[0].strip()));
        }
      } catch (NumberFormatException e) {
        // a line that is not "index, bus id": skipped
      }
    }
    return Map.copyOf(ids);
  }

  /** "00000000:01:00.0" (nvidia-smi) or "0000:01:00" to "0000:01:00"; null when it is neither. */
  static String normalize(String busId) {
    String[] parts = busId.split(":");
    if (parts.length != 3) {
      return null;
    }
    try {
      String device = parts[2].contains(".") ? parts[2].substring(0, parts[2].indexOf('.')) : parts[2];
      return OpenCl.formatPci(
          (int) Long.parseLong(parts[0], 16), Integer.parseInt(parts[1], 16), Integer.parseInt(device, 16));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
