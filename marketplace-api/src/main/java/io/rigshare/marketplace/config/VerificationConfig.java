package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark challenges (docs/protocol.md section 10, "What the server checks"): their size, their deadline, how many
 * rows are opened, and how often an honest node is challenged again.
 */
public class VerificationConfig {
  /** The challenge size n; 0 picks it from the claimed model (8192 from 3 GiB of VRAM, else 4096). Tests use 64. */
  @Min(0)
  @Max(8192)
  @JsonProperty
  private int challengeN = 0;

  /** The deadline's fixed part: kernel build, network and scheduling. */
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration deadlineAllowance = Duration.seconds(5);

  /** The fraction of the catalog's FP32 peak an honest device is assumed to reach at least, for the deadline. */
  @DecimalMin("0.01")
  @DecimalMax("1.0")
  @JsonProperty
  private double deadlineEfficiency = 0.25;

  /** The rate (bytes per second) at which even a slow host reads C back and hashes it, for the deadline. */
  @Min(1_000_000)
  @JsonProperty
  private long hashBytesPerSecond = 100_000_000;

  /** How long the agent has to send the opened rows after the server asked for them. */
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration rowsTimeout = Duration.seconds(60);

  /** Rows opened per challenge (at least 2; sent in as many verify-open frames as the frame rules need). */
  @Min(2)
  @Max(64)
  @JsonProperty
  private int rowsOpened = 4;

  /** The mean interval between re-challenges of an honest node; each is drawn uniformly from 0.5x to 1.5x of it. */
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration rechallengeMean = Duration.hours(4);

  /** When a node answered VERIFY_BUSY (it runs a job), the next try comes this much later. */
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration busyRetry = Duration.minutes(15);

  /** How often each instance looks for late challenges and for its nodes due for a re-challenge. */
  @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration sweepInterval = Duration.seconds(5);

  /** Row checks running at once on this instance: each holds B (256 MiB at n = 8192). */
  @Min(1)
  @Max(64)
  @JsonProperty
  private int maxConcurrentChecks = 2;

  @AssertTrue(message = "verification.challengeN: 0 (from the model) or a multiple of 64 from 64 to 8192")
  public boolean isChallengeNValid() {
    return challengeN == 0 || (challengeN >= 64 && challengeN % 64 == 0);
  }

  public int getChallengeN() {
    return challengeN;
  }

  public java.time.Duration getDeadlineAllowance() {
    return java.time.Duration.ofMillis(deadlineAllowance.toMilliseconds());
  }

  public double getDeadlineEfficiency() {
    return deadlineEfficiency;
  }

  public long getHashBytesPerSecond() {
    return hashBytesPerSecond;
  }

  public java.time.Duration getRowsTimeout() {
    return java.time.Duration.ofMillis(rowsTimeout.toMilliseconds());
  }

  public int getRowsOpened() {
    return rowsOpened;
  }

  public java.time.Duration getRechallengeMean() {
    return java.time.Duration.ofMillis(rechallengeMean.toMilliseconds());
  }

  public java.time.Duration getBusyRetry() {
    return java.time.Duration.ofMillis(busyRetry.toMilliseconds());
  }

  public java.time.Duration getSweepInterval() {
    return java.time.Duration.ofMillis(sweepInterval.toMilliseconds());
  }

  public int getMaxConcurrentChecks() {
    return maxConcurrentChecks;
  }
}
