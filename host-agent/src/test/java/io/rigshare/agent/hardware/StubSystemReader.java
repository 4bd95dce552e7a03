package io.rigshare.agent.hardware;

import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import java.util.List;

/** A fixed host, so probe tests are about GPU sources and caching, not about this machine. */
class StubSystemReader implements SystemReader {

  static final GpuInfo OSHI_CARD =
      new GpuInfo(0, "nvidia", "AD102 [GeForce RTX 4090]", null, 24564, null, null, null, null,
          null, null, null, "oshi");

  @Override
  public String hostname() {
    return "rig-01";
  }

  @Override
  public OsInfo os() {
    return new OsInfo("Ubuntu", "22.04.5 LTS", "amd64");
  }

  @Override
  public CpuInfo cpu() {
    return new CpuInfo("AMD EPYC 7763 64-Core Processor", 64, 128, 3529);
  }

  @Override
  public MemoryInfo memory() {
    return new MemoryInfo(540_000_000_000L, 500_000_000_000L);
  }

  @Override
  public List<DiskInfo> disks() {
    return List.of(new DiskInfo("/", "ext4", 1_000_000_000_000L, 800_000_000_000L));
  }

  @Override
  public List<GpuInfo> graphicsCards() {
    return List.of(OSHI_CARD);
  }
}
