package io.rigshare.agent.link;

import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.wire.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * Heartbeat telemetry: GPU samples from the {@link HardwareProbe}, CPU load since the previous sample and memory from
 * OSHI, free space on the data directory's file system. {@code runningJobs} is left 0: the heartbeat fills it in
 * from the job supervisor.
 */
public final class OshiTelemetrySource implements TelemetrySource {
  private static final Logger LOG = LoggerFactory.getLogger(OshiTelemetrySource.class);

  private final HardwareProbe probe;
  private final Path diskPath;
  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private long[] previousTicks;

  public OshiTelemetrySource(HardwareProbe probe, Path diskPath) {
    this.probe = probe;
    this.diskPath = diskPath;
    SystemInfo system = new SystemInfo();
    this.processor = system.getHardware().getProcessor();
    this.memory = system.getHardware().getMemory();
    this.previousTicks = processor.getSystemCpuLoadTicks();
  }

  @Override
  public synchronized Message.Telemetry sample() {
    List<GpuSample> gpus = probe.sampleGpus();
    Double cpuLoad = null;
    Long used = null;
    Long total = null;
    try {
      double load = processor.getSystemCpuLoadBetweenTicks(previousTicks);
      previousTicks = processor.getSystemCpuLoadTicks();
      cpuLoad = load >= 0 ? Math.round(load * 1000) / 10.0 : null;
      total = memory.getTotal();
      used = total - memory.getAvailable();
    } catch (RuntimeException e) {
      LOG.debug("CPU or memory reading failed", e);
    }
    return new Message.Telemetry(gpus, cpuLoad, used, total, diskFree(), 0);
  }

  private Long diskFree() {
    try {
      return Files.getFileStore(diskPath).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Free disk reading failed for {}", diskPath, e);
      return null;
    }
  }
}
