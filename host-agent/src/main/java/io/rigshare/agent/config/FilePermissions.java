package io.rigshare.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** POSIX modes as the host sees them in {@code ls -l}: read, shown in octal, and checked for "owner only". */
public final class FilePermissions {
  /** The bits a secret file may have: read and write for its owner (0600) or fewer. */
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private FilePermissions() {}

  /** The file's mode; empty where the file system has no POSIX permissions. */
  public static Optional<Set<PosixFilePermission>> read(Path file) throws IOException {
    try {
      return Optional.of(Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** True when the mode grants nothing beyond 0600 (no group, no others, no execute). */
  public static boolean ownerReadWriteOnly(Set<PosixFilePermission> mode) {
    return OWNER_READ_WRITE.containsAll(mode);
  }

  /** The mode as four octal digits, e.g. {@code 0644}. */
  public static String octal(Set<PosixFilePermission> mode) {
    int bits = 0;
    for (PosixFilePermission permission : mode) {
      // PosixFilePermission is declared owner r,w,x then group r,w,x then others r,w,x.
      bits |= 1 << (8 - permission.ordinal());
    }
    return String.format("0%o%o%o", (bits >> 6) & 7, (bits >> 3) & 7, bits & 7);
  }
}
