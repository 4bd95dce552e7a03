package io.rigshare.agent.hardware;

import java.util.Locale;
import java.util.Set;

/** Which mounted file stores are disks worth offering, and which are kernel or container plumbing. */
public final class DiskFilter {

  // Memory-backed, kernel-interface or read-only-image file systems: none is space a job can use.
  private static final Set<String> PSEUDO_TYPES =
      Set.of(
          "tmpfs", "devtmpfs", "ramfs", "proc", "sysfs", "squashfs", "cgroup", "cgroup2",
          "devpts", "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "autofs",
          "fusectl", "configfs", "hugetlbfs", "nsfs", "rpc_pipefs", "binfmt_misc", "efivarfs",
          "selinuxfs", "nfsd", "fuse.lxcfs", "fuse.snapfuse", "fuse.gvfsd-fuse", "devfs",
          "overlay", "aufs", "iso9660", "none", "swap");

  // Union file systems are pseudo when stacked for a container, but inside a container the root
  // itself is one, and it is the disk a job would write to.
  private static final Set<String> UNION_TYPES = Set.of("overlay", "aufs");

  private static final Set<String> PSEUDO_MOUNT_ROOTS = Set.of("/proc", "/sys", "/dev", "/run");

  private DiskFilter() {}

  public static boolean keep(String mount, String fsType, long totalBytes) {
    if (mount == null || mount.isBlank() || totalBytes <= 0) {
      return false;
    }
    String type = fsType == null ? "" : fsType.trim().toLowerCase(Locale.ROOT);
    if (UNION_TYPES.contains(type)) {
      return mount.equals("/");
    }
    if (PSEUDO_TYPES.contains(type)) {
      return false;
    }
    return PSEUDO_MOUNT_ROOTS.stream()
        .noneMatch(root -> mount.equals(root) || mount.startsWith(root + "/"));
  }
}
