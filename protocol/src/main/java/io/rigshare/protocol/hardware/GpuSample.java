package io.rigshare.protocol.hardware;

import static io.rigshare.protocol.hardware.CpuInfo.requireNotNegative;

/**
 * Live telemetry for one GPU, carried by heartbeats. Every reading is nullable: the tool may not
 * report it for this device.
 *
 * @param index same index as the matching {@link GpuInfo#index()}
 * @param uuid same UUID as the matching {@link GpuInfo#uuid()}; null when not reported
 */
public record GpuSample(
    int index,
    String uuid,
    Integer utilizationPercent,
    Integer temperatureC,
    Long memoryUsedMib,
    Long memoryTotalMib,
    Double powerDrawW) {

  public GpuSample {
    requireNotNegative(index, "index");
  }
}
