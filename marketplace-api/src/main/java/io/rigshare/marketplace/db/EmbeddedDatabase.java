package io.rigshare.marketplace.db;

import io.dropwizard.lifecycle.Managed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL run from the zonky binaries with its files in {@code <dataDir>/pg}, so the one-command start keeps its
 * data across restarts. If an earlier process died without stopping its server (kill -9), that orphaned server is
 * shut down first: it would otherwise hold the data directory.
 */
public final class EmbeddedDatabase implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String DATABASE = "rigshare";

  private final Path directory;
  private EmbeddedPostgres postgres;

  public EmbeddedDatabase(Path directory) {
    this.directory = directory;
  }

  /** Starts the server (blocking) and returns the URL of the {@code rigshare} database, creating it if needed. */
  public DatabaseUrl startNow() throws IOException {
    Files.createDirectories(directory);
    stopOrphanedServer();
    Instant started = Instant.now();
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(directory)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            // Dropwizard's lifecycle stops us after everything that writes; the library's own JVM hook would stop
            // the database at the same moment as the gateway and lose its last writes.
            .setRegisterShutdownHook(false)
            .setServerConfig("max_connections", "200")
            .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      createDatabaseIfMissing(c);
    } catch (SQLException e) {
      throw new IOException("could not prepare the embedded database", e);
    }
    LOG.info(
        "embedded PostgreSQL on port {} with data in {} ({} ms)",
        postgres.getPort(),
        directory,
        Duration.between(started, Instant.now()).toMillis());
    return new DatabaseUrl(postgres.getJdbcUrl("postgres", DATABASE), "postgres", "");
  }

  @Override
  public void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  private static void createDatabaseIfMissing(Connection c) throws SQLException {
    try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (Statement create = c.createStatement()) {
      create.execute("CREATE DATABASE " + DATABASE);
    }
  }

  private void stopOrphanedServer() throws IOException {
    Optional<ProcessHandle> orphan = runningPostmaster(directory);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn("stopping PostgreSQL (pid {}) left running by an earlier process on {}", process.pid(), directory);
    // SIGINT is PostgreSQL's fast shutdown: it ends sessions and checkpoints. ProcessHandle only sends TERM/KILL.
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
      process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("fast shutdown did not finish; killing pid {}", process.pid());
      process.destroyForcibly();
    }
  }

  /** The live postmaster recorded in {@code postmaster.pid}, if that process still runs PostgreSQL. */
  static Optional<ProcessHandle> runningPostmaster(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
    long pid;
    try {
      pid = Long.parseLong(first);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(cmd -> cmd.contains("postgres")).orElse(false));
  }
}
