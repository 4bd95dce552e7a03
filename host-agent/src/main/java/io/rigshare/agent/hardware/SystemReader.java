package io.rigshare.agent.hardware;

import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.DiskInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import java.util.List;

/**
 * The host as the operating system describes it, without vendor GPU tools.
 *
 * <p>Promise, for every method: never returns null and never throws. What cannot be read comes
 * back as "unknown" and zeros, or an empty list, so one failing reading does not cost the others.
 */
public interface SystemReader {

  String UNKNOWN = "unknown";

  String hostname();

  OsInfo os();

  CpuInfo cpu();

  MemoryInfo memory();

  /** Real local file stores; pseudo file systems are left out (see {@link DiskFilter}). */
  List<DiskInfo> disks();

  /** Graphics adapters the OS knows of, with source {@code "oshi"}: the last-resort GPU list. */
  List<GpuInfo> graphicsCards();
}
