package io.rigshare.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;
import org.junit.jupiter.api.Test;

/** The shipped config.yml, read the way the service reads it, with chosen environment variables. */
class ConfigurationTest {

  private static RigshareConfiguration load(Map<String, String> env) throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("config.yml")) || !Files.exists(dir.resolve("marketplace-api"))) {
      dir = dir.getParent();
    }
    StringSubstitutor substitutor = new StringSubstitutor(StringLookupFactory.INSTANCE.mapStringLookup(env));
    // A prefix of its own: "dw.*" system properties set by other tests in the same JVM must not leak in.
    YamlConfigurationFactory<RigshareConfiguration> factory =
        new YamlConfigurationFactory<>(
            RigshareConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "config-test");
    return factory.build(
        new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
        dir.resolve("config.yml").toString());
  }

  @Test
  void shippedConfigLoadsWithItsDefaults() throws Exception {
    RigshareConfiguration config = load(Map.of());
    assertThat(config.getPublicUrl()).isEqualTo("http://localhost:8080");
    assertThat(config.siwsDomain()).isEqualTo("localhost:8080");
    assertThat(config.getDataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
    assertThat(config.getDatabase().getUrl()).isEmpty();
    assertThat(config.getAuth().getChallengeTtl()).hasMinutes(5);
    assertThat(config.getAuth().getSessionTtl()).hasHours(24);
    assertThat(config.getNodeTokens().getTtl()).hasMinutes(15);
    assertThat(config.getRateLimits().getChallenge().getPerIp()).isPositive();
  }

  @Test
  void environmentVariablesOverrideTheDefaults() throws Exception {
    RigshareConfiguration config = load(Map.of(
        "RIGSHARE_PUBLIC_URL", "https://rigshare.example",
        "RIGSHARE_DATA_DIR", "/var/lib/rigshare",
        "DATABASE_URL", "postgres://app:s3cret@db.internal:6543/market",
        "RIGSHARE_NODE_TOKEN_TTL", "30 minutes"));
    assertThat(config.siwsDomain()).isEqualTo("rigshare.example");
    assertThat(config.getDataDir()).isEqualTo(Path.of("/var/lib/rigshare"));
    assertThat(config.getNodeTokens().getTtl()).hasMinutes(30);
    var url = io.rigshare.marketplace.db.DatabaseUrl.parse(config.getDatabase().getUrl(), "", "");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/market");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("s3cret");
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> load(Map.of("RIGSHARE_PUBLIC_URL", "localhost")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("RIGSHARE_PUBLIC_URL");
    assertThatThrownBy(() -> load(Map.of("DATABASE_URL", "mysql://x/y")))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(() -> load(Map.of("RIGSHARE_HTTP_PORT", "eighty")))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> load(Map.of("RIGSHARE_NODE_TOKEN_TTL", "2 seconds")))
        .hasMessageContaining("nodeTokens.ttl");
    assertThatThrownBy(() -> load(Map.of("RIGSHARE_CHAIN_ID", "ethereum:1")))
        .hasMessageContaining("auth.chainId");
  }
}
