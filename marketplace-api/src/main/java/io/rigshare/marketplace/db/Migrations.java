package io.rigshare.marketplace.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the schema in {@code db/migration}. Flyway's lock lets several instances start at once. */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult migrate(DatabaseUrl url) {
    return Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }
}
