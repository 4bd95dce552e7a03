package io.rigshare.protocol.hardware;

import static io.rigshare.protocol.hardware.CpuInfo.requireNotNegative;

import java.util.Objects;

/**
 * One mounted file store.
 *
 * @param mount mount point, e.g. "/" or "C:\"
 * @param fsType e.g. "ext4", "xfs", "NTFS"
 * @param usableBytes space this process could write (excludes root-reserved blocks)
 */
public record DiskInfo(String mount, String fsType, long totalBytes, long usableBytes) {

  public DiskInfo {
    Objects.requireNonNull(mount, "mount");
    Objects.requireNonNull(fsType, "fsType");
    requireNotNegative(totalBytes, "totalBytes");
    requireNotNegative(usableBytes, "usableBytes");
  }
}
