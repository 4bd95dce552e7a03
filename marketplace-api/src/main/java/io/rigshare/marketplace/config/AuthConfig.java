package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;

/** Sign-In With Solana and session settings. */
public class AuthConfig {
  /** CAIP-2 chain id written into sign-in messages, e.g. {@code solana:mainnet}. */
  @NotBlank
  @Pattern(regexp = "solana:[A-Za-z0-9]{1,64}", message = "must look like solana:<reference>")
  @JsonProperty
  private String chainId = "solana:localnet";

  @NotBlank
  @Pattern(regexp = "[^\\n]{1,200}", message = "must be one line of at most 200 characters")
  @JsonProperty
  private String statement = "Sign in to Rigshare";

  @MinDuration(value = 30, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.HOURS)
  @JsonProperty
  private Duration challengeTtl = Duration.minutes(5);

  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  @MaxDuration(value = 90, unit = TimeUnit.DAYS)
  @JsonProperty
  private Duration sessionTtl = Duration.hours(24);

  /** How far a wallet's clock may run ahead of ours in Issued At / Not Before. */
  @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
  @JsonProperty
  private Duration clockSkew = Duration.minutes(1);

  public String getChainId() {
    return chainId;
  }

  public String getStatement() {
    return statement;
  }

  public java.time.Duration getChallengeTtl() {
    return challengeTtl.toJavaDuration();
  }

  public java.time.Duration getSessionTtl() {
    return sessionTtl.toJavaDuration();
  }

  public java.time.Duration getClockSkew() {
    return clockSkew.toJavaDuration();
  }
}
