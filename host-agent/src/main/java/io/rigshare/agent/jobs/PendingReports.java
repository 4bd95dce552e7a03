package io.rigshare.agent.jobs;

import io.rigshare.agent.config.AtomicFiles;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code finished} reports the server has not answered yet, by {@code fin:<jobId>:<attempt>}. With a directory,
 * each is also a file there (mode 0600, written atomically), so a report survives an agent restart and is sent
 * again: the receipt is what the host is paid from.
 */
final class PendingReports {
  private static final Logger LOG = LoggerFactory.getLogger(PendingReports.class);

  private final Path dir;
  private final Map<String, Message.Finished> reports = new LinkedHashMap<>();

  /** {@code dir}: where to keep them across restarts; null for memory only. */
  PendingReports(Path dir) {
    this.dir = dir;
    if (dir != null) {
      load();
    }
  }

  synchronized void put(Message.Finished finished) {
    String ref = Receipts.ref(finished);
    reports.put(ref, finished);
    if (dir != null) {
      try {
        createDir();
        AtomicFiles.write(file(ref), Wire.encode(finished) + "\n");
      } catch (IOException e) {
        LOG.warn("Could not store the report of {} in {}; it is kept in memory only: {}", ref, dir, e.toString());
      }
    }
  }

  synchronized Optional<Message.Finished> get(String ref) {
    return Optional.ofNullable(reports.get(ref));
  }

  /** Forgets the report; false when there was none. */
  synchronized boolean remove(String ref) {
    boolean removed = reports.remove(ref) != null;
    if (removed && dir != null) {
      try {
        Files.deleteIfExists(file(ref));
      } catch (IOException e) {
        LOG.warn("Could not delete {}: {}", file(ref), e.toString());
      }
    }
    return removed;
  }

  synchronized List<Message.Finished> all() {
    return List.copyOf(reports.values());
  }

  private Path file(String ref) {
    // Hashed: the ref holds the job id as the server sent it, which is not trusted as a file name.
    byte[] digest = JobOutput.newSha256().digest(ref.getBytes(StandardCharsets.UTF_8));
    return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
  }

  private void createDir() throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private void load() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> damaged = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        Wire.Decoded decoded = Wire.decode(Files.readString(file, StandardCharsets.UTF_8));
        if (decoded.message() instanceof Message.Finished finished && file.equals(file(Receipts.ref(finished)))) {
          reports.put(Receipts.ref(finished), finished);
        } else {
          damaged.add(file);
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not read the unanswered job reports in {}: {}", dir, e.toString());
    }
    damaged.forEach(file -> LOG.warn("Ignoring {}: not a job report", file));
    if (!reports.isEmpty()) {
      LOG.info("{} job reports from before the restart wait for the server's answer", reports.size());
    }
  }
}
