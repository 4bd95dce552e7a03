package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The Solana cluster and the reward token. With {@code rpcUrl} empty and {@code localnet} on, the service starts the
 * local Solana runtime (contracts-client/localnet) with its state in {@code $RIGSHARE_DATA_DIR/solana}; it creates a
 * reward-token mint and a funded treasury on first run. With {@code rpcUrl} set, the operator's cluster, mint and
 * treasury key file are used.
 */
public class ChainConfig {
  @JsonProperty private String rpcUrl = "";
  @JsonProperty private boolean localnet = true;
  /** server.js of the local runtime; empty finds contracts-client/localnet/server.js from the working directory. */
  @JsonProperty private String localnetServer = "";

  @Min(0)
  @Max(65535)
  @JsonProperty
  private int localnetPort = 8899;

  @NotBlank
  @Pattern(regexp = "localnet|devnet|testnet|mainnet-beta", message = "must be localnet, devnet, testnet or mainnet-beta")
  @JsonProperty
  private String cluster = "localnet";

  @JsonProperty private String mint = "";
  @JsonProperty private String treasuryKeypair = "";

  @Min(0)
  @Max(18)
  @JsonProperty
  private int decimals = 6;

  /** Priority fee of payout transactions, in micro-lamports per compute unit (0: none). */
  @Min(0)
  @Max(100_000_000)
  @JsonProperty
  private long computeUnitPrice = 0;

  /** Compute units a payout transaction may use (its SetComputeUnitLimit); at most Agave's 1,400,000. */
  @Min(1)
  @Max(1_400_000)
  @JsonProperty
  private int computeUnitLimit = 200_000;

  /** The commitment payouts and deposits wait for: confirmed or finalized. */
  @NotBlank
  @Pattern(regexp = "confirmed|finalized", message = "must be confirmed or finalized")
  @JsonProperty
  private String commitment = "confirmed";

  @AssertTrue(message = "chain: with SOLANA_RPC_URL set, RIGSHARE_MINT and RIGSHARE_TREASURY_KEYPAIR are required")
  public boolean isExternalClusterComplete() {
    return getRpcUrl().isEmpty() || (!mint.isBlank() && !treasuryKeypair.isBlank());
  }

  public long getComputeUnitPrice() {
    return computeUnitPrice;
  }

  public int getComputeUnitLimit() {
    return computeUnitLimit;
  }

  public String getCommitment() {
    return commitment;
  }

  public String getRpcUrl() {
    return rpcUrl == null ? "" : rpcUrl.strip();
  }

  public boolean isLocalnet() {
    return localnet;
  }

  public String getLocalnetServer() {
    return localnetServer == null ? "" : localnetServer.strip();
  }

  public int getLocalnetPort() {
    return localnetPort;
  }

  public String getCluster() {
    return cluster;
  }

  public String getMint() {
    return mint;
  }

  public String getTreasuryKeypair() {
    return treasuryKeypair;
  }

  public int getDecimals() {
    return decimals;
  }
}
