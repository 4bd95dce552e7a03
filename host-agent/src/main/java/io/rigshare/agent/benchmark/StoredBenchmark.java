package io.rigshare.agent.benchmark;

import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.wire.Message;
import java.util.List;

/**
 * {@code benchmark.json}: the last report, and the GPUs it was taken on (index, name, uuid, memory, driver), so
 * that a changed GPU set or driver is noticed and triggers a new run.
 */
public record StoredBenchmark(Message.Benchmark report, List<String> gpus) {
  public StoredBenchmark {
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
  }

  /** What of the hardware report's GPUs a benchmark depends on; readings such as temperature are left out. */
  public static List<String> fingerprint(List<GpuInfo> gpus) {
    return gpus.stream()
        .map(g -> g.index() + "|" + g.vendor() + "|" + g.name() + "|" + g.uuid() + "|" + g.memoryTotalMib() + "|"
            + g.driverVersion())
        .toList();
  }
}
