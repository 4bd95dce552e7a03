package io.rigshare.agent.hardware;

import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.hardware.HardwareReport;
import java.util.List;

/**
 * What this machine offers and how its GPUs are doing.
 *
 * <p>Promise, for every method: never returns null and never throws. A missing or failing tool
 * (no {@code nvidia-smi}, a driver that is not loaded, a tool that hangs) yields an empty list or
 * placeholder values, and the reason is logged once at INFO when it first appears (and again only
 * if it changes), not on every call. Implementations are safe to call from several threads.
 */
public interface HardwareProbe {

  /**
   * The static description of the host. May be cached for a while, since it changes only when
   * hardware or drivers do; {@link HardwareReport#collectedAt()} says when it was taken.
   */
  HardwareReport report();

  /**
   * Live telemetry for each GPU found by {@link #report()}, in index order; empty when the GPUs
   * came from a source without telemetry or there are none. Never older than about a second.
   */
  List<GpuSample> sampleGpus();
}
