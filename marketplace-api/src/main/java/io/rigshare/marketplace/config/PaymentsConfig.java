package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.rigshare.payments.earnings.EarningsService;
import io.rigshare.protocol.crypto.Base58;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Billing, deposits, payouts and the Quartz jobs that run them. Amounts are integer base units of the reward token.
 */
public class PaymentsConfig {
  /** The platform's share of every job charge, in basis points (100 = 1%). */
  @Min(0)
  @Max(10_000)
  @JsonProperty
  private int platformFeeBps = 500;

  /** A queued job its buyer's balance cannot escrow is looked at again after this long (or at once on a deposit). */
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  @JsonProperty
  private Duration fundingRetry = Duration.seconds(5);

  /** Hosts are paid once their settled earnings reach this. */
  @Min(1)
  @JsonProperty
  private long minimumPayout = 1_000_000;

  @Min(1)
  @JsonProperty
  private long minDeposit = 1;

  @Min(1)
  @JsonProperty
  private long maxDeposit = 1_000_000_000_000L;

  @Min(1)
  @JsonProperty
  private long minWithdrawal = 1;

  /** How long a deposit request's QR code is offered. */
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  @JsonProperty
  private Duration depositTtl = Duration.minutes(30);

  /** How long after a deposit request the watcher keeps looking for its payment (a late payment is still credited). */
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  @JsonProperty
  private Duration depositWatchFor = Duration.hours(24);

  @NotBlank @JsonProperty private String depositLabel = "Rigshare";

  @NotBlank @JsonProperty private String depositMessage = "Rigshare balance deposit";

  /** Memo prefix of payout transactions. */
  @NotBlank @JsonProperty private String payoutMemo = "rigshare payout";

  /** Transfers per payout transaction at most (the size limit may allow fewer). */
  @Min(1)
  @Max(64)
  @JsonProperty
  private int maxTransfersPerTransaction = 19;

  @Min(1)
  @JsonProperty
  private int maxHostsPerRun = 10_000;

  /** How long one payout run waits for a transaction before leaving it for the next run. */
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration confirmTimeout = Duration.seconds(60);

  /**
   * The most finished jobs settled per ledger transfer; job ends wait while one is settled (see {@link
   * EarningsService#DEFAULT_BATCH_SIZE}).
   */
  @Min(1)
  @Max(EarningsService.DEFAULT_BATCH_SIZE)
  @JsonProperty
  private int settlementBatch = EarningsService.DEFAULT_BATCH_SIZE;

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration earningsEvery = Duration.minutes(1);

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration payoutsEvery = Duration.hours(1);

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration depositsEvery = Duration.seconds(5);

  /** Runs the Quartz jobs on this instance; every instance may (they form one cluster on the database). */
  @JsonProperty private boolean scheduler = true;

  @Min(1)
  @Max(16)
  @JsonProperty
  private int schedulerThreads = 3;

  /** How long an idle Quartz scheduler waits before looking for triggers again (Quartz's minimum: 1 s). */
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration schedulerIdleWait = Duration.seconds(5);

  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  @JsonProperty
  private Duration clusterCheckinInterval = Duration.seconds(7);

  /** Wallets that may see the operator pages (/api/admin), comma-separated; empty (or null in YAML) for none. */
  @JsonProperty private String operators = "";

  @AssertTrue(message = "payments.minDeposit must not exceed payments.maxDeposit")
  public boolean isDepositRangeValid() {
    return minDeposit <= maxDeposit;
  }

  public int getPlatformFeeBps() {
    return platformFeeBps;
  }

  public Duration getFundingRetry() {
    return fundingRetry;
  }

  public long getMinimumPayout() {
    return minimumPayout;
  }

  public long getMinDeposit() {
    return minDeposit;
  }

  public long getMaxDeposit() {
    return maxDeposit;
  }

  public long getMinWithdrawal() {
    return minWithdrawal;
  }

  public Duration getDepositTtl() {
    return depositTtl;
  }

  public Duration getDepositWatchFor() {
    return depositWatchFor;
  }

  public String getDepositLabel() {
    return depositLabel;
  }

  public String getDepositMessage() {
    return depositMessage;
  }

  public String getPayoutMemo() {
    return payoutMemo;
  }

  public int getMaxTransfersPerTransaction() {
    return maxTransfersPerTransaction;
  }

  public int getMaxHostsPerRun() {
    return maxHostsPerRun;
  }

  public Duration getConfirmTimeout() {
    return confirmTimeout;
  }

  public int getSettlementBatch() {
    return settlementBatch;
  }

  public Duration getEarningsEvery() {
    return earningsEvery;
  }

  public Duration getPayoutsEvery() {
    return payoutsEvery;
  }

  public Duration getDepositsEvery() {
    return depositsEvery;
  }

  public boolean isScheduler() {
    return scheduler;
  }

  public int getSchedulerThreads() {
    return schedulerThreads;
  }

  public Duration getSchedulerIdleWait() {
    return schedulerIdleWait;
  }

  public Duration getClusterCheckinInterval() {
    return clusterCheckinInterval;
  }

  /** The operator wallets, each checked as base58 of 32 bytes at start-up. */
  public Set<String> operatorWallets() {
    Set<String> wallets = new LinkedHashSet<>();
    if (operators == null) {
      return wallets;
    }
    for (String part : operators.split(",")) {
      if (!part.isBlank()) {
        wallets.add(part.strip());
      }
    }
    return wallets;
  }

  @AssertTrue(message = "payments.operators (RIGSHARE_OPERATORS) must be comma-separated base58 wallet addresses")
  public boolean isOperatorsValid() {
    try {
      operatorWallets().forEach(wallet -> Base58.decodeExact(wallet, 32));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
