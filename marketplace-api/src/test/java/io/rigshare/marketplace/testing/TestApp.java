package io.rigshare.marketplace.testing;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.rigshare.marketplace.RigshareApplication;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.db.DatabaseUrl;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The real application with its clock replaced by {@link #CLOCK}, which tests move. */
public class TestApp extends RigshareApplication {
  public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

  /** The app on a fresh database of the shared test server, with test-config.yml and these overrides. */
  public static DropwizardAppExtension<RigshareConfiguration> extension(ConfigOverride... overrides) {
    return new DropwizardAppExtension<>(
        TestApp.class, ResourceHelpers.resourceFilePath("test-config.yml"), onFreshDatabase(overrides));
  }

  /** Like {@link #extension}, for tests that start and stop the app themselves. */
  public static DropwizardTestSupport<RigshareConfiguration> support(ConfigOverride... overrides) {
    return new DropwizardTestSupport<>(
        TestApp.class, ResourceHelpers.resourceFilePath("test-config.yml"), onFreshDatabase(overrides));
  }

  private static ConfigOverride[] onFreshDatabase(ConfigOverride... overrides) {
    DatabaseUrl db = TestDatabases.fresh();
    List<ConfigOverride> all = new ArrayList<>(List.of(
        ConfigOverride.config("database.url", db.jdbcUrl()), ConfigOverride.config("database.user", db.user())));
    all.addAll(List.of(overrides));
    return all.toArray(ConfigOverride[]::new);
  }

  @Override
  protected Clock clock() {
    return CLOCK;
  }
}
