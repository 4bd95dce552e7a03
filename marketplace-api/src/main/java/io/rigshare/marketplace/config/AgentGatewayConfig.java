package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The WebSocket gateway host agents connect to. */
public class AgentGatewayConfig {
  @Min(0)
  @Max(65535)
  @JsonProperty
  private int port = 8090;

  @NotBlank @JsonProperty private String bindHost = "0.0.0.0";

  /** The URL agents are told to use; empty derives ws(s)://<publicUrl host>:<port>/agent/v1. */
  @JsonProperty private String publicUrl = "";

  @Valid @NotNull @JsonProperty private Tls tls = new Tls();

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
  @JsonProperty
  private Duration heartbeatInterval = Duration.seconds(15);

  /** Heartbeats a node may miss before it is marked offline. */
  @Min(2)
  @Max(100)
  @JsonProperty
  private int missedHeartbeats = 3;

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration challengeTtl = Duration.seconds(30);

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration maxClockSkew = Duration.seconds(60);

  /** New connections accepted per second on this instance, all sources together. */
  @Min(1)
  @JsonProperty
  private int handshakesPerSecond = 200;

  /** New connections per minute from one IP address. */
  @Min(1)
  @JsonProperty
  private int handshakesPerIpPerMinute = 600;

  @MinDuration(value = 1, unit = TimeUnit.HOURS)
  @JsonProperty
  private Duration telemetryRetention = Duration.days(7);

  public static class Tls {
    /** A PKCS12 or JKS key store with the certificate; empty serves plain ws://. */
    @JsonProperty private String keyStorePath = "";
    @JsonProperty private String keyStorePassword = "";
    @JsonProperty private String keyStoreType = "PKCS12";

    public boolean enabled() {
      return keyStorePath != null && !keyStorePath.isBlank();
    }

    public String getKeyStorePath() {
      return keyStorePath;
    }

    public String getKeyStorePassword() {
      return keyStorePassword == null ? "" : keyStorePassword;
    }

    public String getKeyStoreType() {
      return keyStoreType;
    }
  }

  public int getPort() {
    return port;
  }

  public String getBindHost() {
    return bindHost;
  }

  public String getPublicUrl() {
    return publicUrl == null ? "" : publicUrl.strip();
  }

  public Tls getTls() {
    return tls;
  }

  public java.time.Duration getHeartbeatInterval() {
    return heartbeatInterval.toJavaDuration();
  }

  public int getMissedHeartbeats() {
    return missedHeartbeats;
  }

  public java.time.Duration getChallengeTtl() {
    return challengeTtl.toJavaDuration();
  }

  public java.time.Duration getMaxClockSkew() {
    return maxClockSkew.toJavaDuration();
  }

  public int getHandshakesPerSecond() {
    return handshakesPerSecond;
  }

  public int getHandshakesPerIpPerMinute() {
    return handshakesPerIpPerMinute;
  }

  public java.time.Duration getTelemetryRetention() {
    return telemetryRetention.toJavaDuration();
  }
}
