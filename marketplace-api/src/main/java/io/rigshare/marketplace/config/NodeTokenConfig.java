package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.concurrent.TimeUnit;

/** Single-use registration tokens that bind a new node to a wallet. */
public class NodeTokenConfig {
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  @MaxDuration(value = 7, unit = TimeUnit.DAYS)
  @JsonProperty
  private Duration ttl = Duration.minutes(15);

  /** Unused, unexpired tokens a wallet may hold at once. */
  @Min(1)
  @Max(1000)
  @JsonProperty
  private int maxActivePerWallet = 20;

  /** The agent jar's file name in the command shown to hosts. */
  @NotBlank
  @JsonProperty
  private String agentJarName = "rigshare-agent.jar";

  public java.time.Duration getTtl() {
    return ttl.toJavaDuration();
  }

  public int getMaxActivePerWallet() {
    return maxActivePerWallet;
  }

  public String getAgentJarName() {
    return agentJarName;
  }
}
