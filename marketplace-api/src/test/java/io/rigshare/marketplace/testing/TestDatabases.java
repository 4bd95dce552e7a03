package io.rigshare.marketplace.testing;

import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM, and a fresh, migrated database per caller, so test classes cannot see each
 * other's rows and still pay the server's start-up once.
 */
public final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabases() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // The JVM is going away; the server's files are in a temp directory.
        }
      }));
    }
    return server;
  }

  /** A new empty database on the shared server, with the schema migrated. */
  public static DatabaseUrl fresh() {
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database", e);
    }
    DatabaseUrl url = new DatabaseUrl(server().getJdbcUrl("postgres", name), "postgres", "");
    Migrations.migrate(url);
    return url;
  }
}
