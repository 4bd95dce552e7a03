package io.rigshare.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiskFilterTest {

  private static final long GIB = 1L << 30;

  @Test
  void realFileSystemsAreKept() {
    assertThat(DiskFilter.keep("/", "ext4", 252 * GIB)).isTrue();
    assertThat(DiskFilter.keep("/data", "xfs", 4000 * GIB)).isTrue();
    assertThat(DiskFilter.keep("C:\\", "NTFS", 500 * GIB)).isTrue();
  }

  @Test
  void memoryAndKernelFileSystemsAreDropped() {
    assertThat(DiskFilter.keep("/dev/shm", "tmpfs", 24 * GIB)).isFalse();
    assertThat(DiskFilter.keep("/dev", "devtmpfs", 12 * GIB)).isFalse();
    assertThat(DiskFilter.keep("/snap/core22/1380", "squashfs", GIB)).isFalse();
    assertThat(DiskFilter.keep("/proc", "proc", 1)).isFalse();
    assertThat(DiskFilter.keep("/sys/fs/cgroup", "cgroup2", 1)).isFalse();
  }

  @Test
  void overlayCountsOnlyAsTheContainerRoot() {
    assertThat(DiskFilter.keep("/", "overlay", 100 * GIB)).isTrue();
    assertThat(DiskFilter.keep("/var/lib/docker/overlay2/abc/merged", "overlay", 100 * GIB)).isFalse();
  }

  @Test
  void emptyOrNamelessStoresAreDropped() {
    assertThat(DiskFilter.keep("/mnt/cdrom", "ext4", 0)).isFalse();
    assertThat(DiskFilter.keep("", "ext4", GIB)).isFalse();
    assertThat(DiskFilter.keep("/run/user/1000/doc", "fuse", GIB)).isFalse();
  }
}
