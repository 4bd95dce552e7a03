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

  @AssertTrue(message = "chain: with SOLANA_RPC_URL set, RIGSHARE_MINT and RIGSHARE_TREASURY_KEYPAIR are required")
  public boolean isExternalClusterComplete() {
    return getRpcUrl().isEmpty() || (!mint.isBlank() && !treasuryKeypair.isBlank());
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
