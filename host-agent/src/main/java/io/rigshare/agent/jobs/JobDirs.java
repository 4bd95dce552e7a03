package io.rigshare.agent.jobs;

import io.rigshare.agent.config.FilePermissions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data dir>/jobs/<jobId>-<attempt>}: each attempt's fresh working directory (mode 0700, owned by the job's
 * account), removed afterwards.
 *
 * <p>When jobs run as another account, that account must pass through the data directory to reach its working
 * directory, but must read nothing in it: the data directory and {@code jobs/} become 0711 (search, no listing), and
 * every other entry of the data directory loses its group and other bits (the agent writes its files 0600 anyway).
 */
final class JobDirs {
  private static final Logger LOG = LoggerFactory.getLogger(JobDirs.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> PASS_THROUGH = PosixFilePermissions.fromString("rwx--x--x");
  private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final Path dataDir;
  private final Path root;
  private final JobUser user;

  /** {@code user}: the account jobs run as, or null when they run as the agent's own. */
  JobDirs(Path dataDir, JobUser user) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.root = this.dataDir.resolve("jobs");
    this.user = user;
  }

  Path root() {
    return root;
  }

  /** Makes {@code jobs/} ready; says why jobs cannot run here when they cannot. */
  Optional<String> prepare() {
    try {
      Files.createDirectories(root);
      if (user == null) {
        Files.setPosixFilePermissions(root, OWNER_ONLY);
        return Optional.empty();
      }
      Optional<String> blocked = closedAncestor();
      if (blocked.isPresent()) {
        return blocked;
      }
      makeEntriesPrivate();
      Files.setPosixFilePermissions(dataDir, PASS_THROUGH);
      Files.setPosixFilePermissions(root, PASS_THROUGH);
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("cannot prepare " + root + ": " + e.getMessage());
    }
  }

  /** The first directory above the data directory that the job's account cannot pass through. */
  private Optional<String> closedAncestor() throws IOException {
    for (Path dir = dataDir.getParent(); dir != null; dir = dir.getParent()) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
      if (!mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return Optional.of("jobs run as '" + user.name() + "', who cannot reach " + root + ": " + dir
            + " has mode " + FilePermissions.octal(mode) + " (no search permission for others); use a data"
            + " directory others may pass through, such as /var/lib/rigshare-agent (--data-dir), or chmod o+x " + dir);
      }
    }
    return Optional.empty();
  }

  private void makeEntriesPrivate() throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir)) {
      for (Path entry : entries) {
        if (entry.equals(root) || Files.isSymbolicLink(entry)) {
          continue;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> privateMode = EnumSet.noneOf(PosixFilePermission.class);
        privateMode.addAll(mode);
        privateMode.removeAll(NOT_OWNER);
        if (!privateMode.equals(mode)) {
          Files.setPosixFilePermissions(entry, privateMode);
          LOG.info("Made {} private to the agent (mode {} was {}): jobs run as '{}'", entry,
              FilePermissions.octal(privateMode), FilePermissions.octal(mode), user.name());
        }
      }
    }
  }

  /** A fresh, empty working directory for the attempt named {@code name}, owned by the job's account. */
  Path create(String name) throws IOException {
    Path dir = root.resolve(name).normalize();
    if (!root.equals(dir.getParent())) {
      throw new IOException("'" + name + "' is not a plain directory name");
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      delete(dir); // left by an agent that stopped mid-job
    }
    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have taken bits away; it never adds any
    if (user != null) {
      Files.setAttribute(dir, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(dir, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
    }
    return dir;
  }

  /** Removes a working directory and all in it, following no links; logs what it cannot remove. */
  void delete(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attributes) {
          try {
            // A job may leave directories it made unreadable; the agent's own account needs in to empty them.
            Files.setPosixFilePermissions(d, OWNER_ONLY);
          } catch (IOException | UnsupportedOperationException ignored) {
            // root needs no permission bits; anyone else finds out below
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException gone) {
      // nothing to remove
    } catch (IOException e) {
      LOG.warn("Could not remove the job directory {}: {}", dir, e.toString());
    }
  }
}
