package io.rigshare.marketplace;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.rigshare.marketplace.config.AgentGatewayConfig;
import io.rigshare.marketplace.config.AuthConfig;
import io.rigshare.marketplace.config.ChainConfig;
import io.rigshare.marketplace.config.DatabaseConfig;
import io.rigshare.marketplace.config.JobsConfig;
import io.rigshare.marketplace.config.PaymentsConfig;
import io.rigshare.marketplace.config.PricingConfig;
import io.rigshare.marketplace.config.NodeTokenConfig;
import io.rigshare.marketplace.config.RateLimitConfig;
import io.rigshare.marketplace.config.VerificationConfig;
import io.rigshare.marketplace.db.DatabaseUrl;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;

/** Everything an operator sets; {@code config.yml} at the repository root is the annotated reference. */
public class RigshareConfiguration extends Configuration {
  /** The origin users reach; its host:port is the Sign-In With Solana domain. */
  @NotBlank @JsonProperty private String publicUrl = "http://localhost:8080";

  @NotBlank @JsonProperty private String dataDir = "./data";

  @Valid @NotNull @JsonProperty private DatabaseConfig database = new DatabaseConfig();
  @Valid @NotNull @JsonProperty private AuthConfig auth = new AuthConfig();
  @Valid @NotNull @JsonProperty private NodeTokenConfig nodeTokens = new NodeTokenConfig();
  @Valid @NotNull @JsonProperty private RateLimitConfig rateLimits = new RateLimitConfig();
  @Valid @NotNull @JsonProperty private AgentGatewayConfig agentGateway = new AgentGatewayConfig();
  @Valid @NotNull @JsonProperty private ChainConfig chain = new ChainConfig();
  @Valid @NotNull @JsonProperty private JobsConfig jobs = new JobsConfig();
  @Valid @NotNull @JsonProperty private PricingConfig pricing = new PricingConfig();
  @Valid @NotNull @JsonProperty private VerificationConfig verification = new VerificationConfig();
  @Valid @NotNull @JsonProperty private PaymentsConfig payments = new PaymentsConfig();

  /** Largest request body accepted on /api, in bytes. */
  @Min(1024)
  @Max(16 * 1024 * 1024)
  @JsonProperty
  private int maxRequestBytes = 64 * 1024;

  public URI publicUri() {
    return URI.create(publicUrl.strip().replaceAll("/+$", ""));
  }

  /** Host and port as a browser shows them: the SIWS domain. */
  public String siwsDomain() {
    URI uri = publicUri();
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  @AssertTrue(message = "publicUrl (RIGSHARE_PUBLIC_URL) must be an absolute http(s) URL such as https://rigshare.example")
  public boolean isPublicUrlValid() {
    try {
      URI uri = publicUri();
      return (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @AssertTrue(
      message = "database.url (DATABASE_URL) must be empty, jdbc:postgresql://host:port/db or postgres://user:pass@host:port/db")
  public boolean isDatabaseUrlValid() {
    try {
      return database.getUrl().isEmpty() || DatabaseUrl.parse(database.getUrl(), "", "") != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public String getPublicUrl() {
    return publicUri().toString();
  }

  public Path getDataDir() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  public DatabaseConfig getDatabase() {
    return database;
  }

  public AuthConfig getAuth() {
    return auth;
  }

  public NodeTokenConfig getNodeTokens() {
    return nodeTokens;
  }

  public RateLimitConfig getRateLimits() {
    return rateLimits;
  }

  public ChainConfig getChain() {
    return chain;
  }

  public PricingConfig getPricing() {
    return pricing;
  }

  public VerificationConfig getVerification() {
    return verification;
  }

  public JobsConfig getJobs() {
    return jobs;
  }

  public AgentGatewayConfig getAgentGateway() {
    return agentGateway;
  }

  public int getMaxRequestBytes() {
    return maxRequestBytes;
  }

  public PaymentsConfig getPayments() {
    return payments;
  }
}
