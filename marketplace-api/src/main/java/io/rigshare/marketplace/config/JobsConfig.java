package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;

/** The job queue: leases, retries, matching and log limits. */
public class JobsConfig {
  /** How long an assignment lives without a heartbeat that lists it; then the job is requeued. */
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration leaseTtl = Duration.seconds(45);

  /** Attempts a job gets before a lapsed lease fails it. */
  @Min(1)
  @Max(100)
  @JsonProperty
  private int maxAttempts = 3;

  /** Wait before a requeued job's next attempt, doubled per attempt up to {@link #retryBackoffMax}. */
  @JsonProperty private Duration retryBackoff = Duration.seconds(2);

  @JsonProperty private Duration retryBackoffMax = Duration.minutes(5);

  /** The safety-net poll of the dispatcher and the lease sweeper; LISTEN/NOTIFY wakes them sooner. */
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
  @JsonProperty
  private Duration pollInterval = Duration.seconds(1);

  /** An assign frame the agent has not answered with started is sent again after this long. */
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration assignResend = Duration.seconds(5);

  /** Jobs considered per matching pass. */
  @Min(1)
  @Max(10_000)
  @JsonProperty
  private int matchBatch = 500;

  /** Jobs without GPUs that one node runs at once. */
  @Min(0)
  @Max(1024)
  @JsonProperty
  private int cpuJobsPerNode = 2;

  /** Price per GPU-hour, in base units of the reward token, of a node whose owner set none. */
  @Min(1)
  @JsonProperty
  private long defaultPricePerGpuHour = 1_000_000;

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @MaxDuration(value = 365, unit = TimeUnit.DAYS)
  @JsonProperty
  private Duration maxTimeLimit = Duration.days(7);

  /** Output an agent forwards per attempt; the rest is counted and hashed, not sent. */
  @Min(0)
  @JsonProperty
  private long maxOutputBytes = 64L * 1024 * 1024;

  /** Log text stored per job; later chunks are dropped and the job's logs marked truncated. */
  @Min(0)
  @JsonProperty
  private long maxLogBytesPerJob = 8L * 1024 * 1024;

  /** Log streams (follow=true) one instance serves at once; more get 503. */
  @Min(1)
  @JsonProperty
  private int maxFollowers = 256;

  public java.time.Duration getLeaseTtl() {
    return leaseTtl.toJavaDuration();
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public java.time.Duration getRetryBackoff() {
    return retryBackoff.toJavaDuration();
  }

  public java.time.Duration getRetryBackoffMax() {
    return retryBackoffMax.toJavaDuration();
  }

  public java.time.Duration getPollInterval() {
    return pollInterval.toJavaDuration();
  }

  public java.time.Duration getAssignResend() {
    return assignResend.toJavaDuration();
  }

  public int getMatchBatch() {
    return matchBatch;
  }

  public int getCpuJobsPerNode() {
    return cpuJobsPerNode;
  }

  public long getDefaultPricePerGpuHour() {
    return defaultPricePerGpuHour;
  }

  public java.time.Duration getMaxTimeLimit() {
    return maxTimeLimit.toJavaDuration();
  }

  public long getMaxOutputBytes() {
    return maxOutputBytes;
  }

  public long getMaxLogBytesPerJob() {
    return maxLogBytesPerJob;
  }

  public int getMaxFollowers() {
    return maxFollowers;
  }
}
