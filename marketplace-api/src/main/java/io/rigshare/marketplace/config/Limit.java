package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;

/** A token-bucket budget: so many requests per {@code period} from one IP and from one wallet. */
public class Limit {
  @Min(1)
  @Max(1_000_000)
  @JsonProperty
  private int perIp;

  @Min(1)
  @Max(1_000_000)
  @JsonProperty
  private int perWallet;

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration period = Duration.minutes(1);

  public Limit() {}

  public Limit(int perIp, int perWallet) {
    this.perIp = perIp;
    this.perWallet = perWallet;
  }

  public int getPerIp() {
    return perIp;
  }

  public int getPerWallet() {
    return perWallet;
  }

  public java.time.Duration getPeriod() {
    return period.toJavaDuration();
  }
}
