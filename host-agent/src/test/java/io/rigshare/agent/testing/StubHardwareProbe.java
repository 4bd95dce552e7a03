package io.rigshare.agent.testing;

import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.hardware.HardwareReport;
import java.util.List;

/** A probe that reports what the test sets, so link tests do not depend on this machine's hardware. */
public final class StubHardwareProbe implements HardwareProbe {
  private volatile HardwareReport report = Hardware.report();

  public void set(HardwareReport report) {
    this.report = report;
  }

  @Override
  public HardwareReport report() {
    return report;
  }

  @Override
  public List<GpuSample> sampleGpus() {
    return report.gpus().stream()
        .map(g -> new GpuSample(g.index(), g.uuid(), 50, 60, 1000L, g.memoryTotalMib(), 200.0))
        .toList();
  }
}
