package io.rigshare.payments.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL per test JVM. marketplace-api's migrations (read from its source folder, since payments may not
 * depend on it) are applied once to a template database; each caller gets a fresh copy of it in milliseconds.
 */
public final class TestDatabases {
  private static final String MIGRATIONS = "filesystem:../marketplace-api/src/main/resources/db/migration";
  private static final String TEMPLATE = "ledger_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabases() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      create(TEMPLATE, null);
      Flyway.configure()
          .dataSource(server.getJdbcUrl("postgres", TEMPLATE), "postgres", "")
          .locations(MIGRATIONS)
          .failOnMissingLocations(true)
          .load()
          .migrate();
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stop));
    }
    return server;
  }

  private static void stop() {
    try {
      server.close();
    } catch (IOException ignored) {
      // The JVM is going away; the server's files are in a temp directory.
    }
  }

  private static void create(String name, String template) {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
  }

  /** A new database with the full schema, and a Jdbi on it with the SqlObject plugin. */
  public static Jdbi fresh() {
    return jdbi(freshDataSource());
  }

  /** A new database with the full schema (a new connection per {@code getConnection()}, no pool). */
  public static synchronized DataSource freshDataSource() {
    server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    create(name, TEMPLATE);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(server.getJdbcUrl("postgres", name));
    ds.setUser("postgres");
    return ds;
  }

  /** A Jdbi with the SqlObject plugin on the given database. */
  public static Jdbi jdbi(DataSource dataSource) {
    return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
  }
}
