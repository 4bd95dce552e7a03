package io.rigshare.marketplace.core;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import io.rigshare.contracts.Commitment;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.SolanaConfig;
import io.rigshare.contracts.localnet.LocalnetProcess;
import io.rigshare.marketplace.config.ChainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Solana side as the service sees it: the configured cluster, or the local runtime it starts itself for the
 * one-command default. Later issues pay through {@link #client()}.
 */
public final class Chain implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

  /** What clients may know: where the token lives and where deposits go. */
  public record Info(String cluster, String rpcUrl, String mint, int decimals, String treasury, String explorerUrl) {
    /** The explorer's page of a transaction on this cluster; null for a null signature. */
    public String transactionUrl(String signature) {
      if (signature == null) {
        return null;
      }
      int query = explorerUrl.indexOf('?');
      String base = query < 0 ? explorerUrl : explorerUrl.substring(0, query);
      return base.replaceAll("/+$", "") + "/tx/" + signature + (query < 0 ? "" : explorerUrl.substring(query));
    }
  }

  private final LocalnetProcess localnet;
  private final SolanaClient client;
  private final Info info;

  private Chain(LocalnetProcess localnet, SolanaClient client, Info info) {
    this.localnet = localnet;
    this.client = client;
    this.info = info;
  }

  /** Connects to the configured cluster, or starts the local runtime; null when neither is configured. */
  public static Chain open(ChainConfig config, Path dataDir) throws IOException {
    if (!config.getRpcUrl().isEmpty()) {
      SolanaConfig solana = new SolanaConfig(config.getRpcUrl(), commitment(config), config.getComputeUnitPrice(),
          config.getComputeUnitLimit(), config.getMint(), config.getDecimals(), Path.of(config.getTreasuryKeypair()));
      SolanaClient client = SolanaClient.connect(solana);
      return new Chain(null, client, new Info(config.getCluster(), config.getRpcUrl(), config.getMint(),
          config.getDecimals(), client.treasury(), explorer(config.getCluster(), null)));
    }
    if (!config.isLocalnet()) {
      return null;
    }
    LocalnetProcess.Options options = LocalnetProcess.Options.of(dataDir.resolve("solana"))
        .withPorts(config.getLocalnetPort(), config.getLocalnetPort() == 0 ? null : config.getLocalnetPort() + 1);
    Path server = config.getLocalnetServer().isEmpty() ? LocalnetProcess.locateServer()
        : Path.of(config.getLocalnetServer());
    LocalnetProcess process = LocalnetProcess.start(server, System.getProperty(LocalnetProcess.NODE_PROPERTY, "node"),
        options, Duration.ofSeconds(60));
    LocalnetProcess.Ready ready = process.ready();
    LOG.info("local Solana runtime at {} (mint {}, treasury {}{})", ready.rpcUrl(), ready.mint(), ready.treasury(),
        ready.firstRun() ? ", created now" : "");
    SolanaConfig solana = new SolanaConfig(ready.rpcUrl(), commitment(config), config.getComputeUnitPrice(),
        config.getComputeUnitLimit(), ready.mint(), ready.decimals(), ready.treasuryKeypairPath());
    return new Chain(process, SolanaClient.connect(solana), new Info("localnet", ready.rpcUrl(), ready.mint(),
        ready.decimals(), ready.treasury(), explorer("localnet", ready.rpcUrl())));
  }

  private static Commitment commitment(ChainConfig config) {
    return "finalized".equals(config.getCommitment()) ? Commitment.FINALIZED : Commitment.CONFIRMED;
  }

  static String explorer(String cluster, String localRpc) {
    return switch (cluster) {
      case "mainnet-beta" -> "https://explorer.solana.com";
      case "localnet" -> "https://explorer.solana.com/?cluster=custom&customUrl=" + localRpc;
      default -> "https://explorer.solana.com/?cluster=" + cluster;
    };
  }

  public Info info() {
    return info;
  }

  public SolanaClient client() {
    return client;
  }

  @Override
  public void stop() {
    if (localnet != null) {
      localnet.close();
    }
  }

  /** Healthy when the RPC answers with a block height. */
  public HealthCheck healthCheck() {
    return new HealthCheck() {
      @Override
      protected Result check() {
        long height = client.blockHeight();
        return Result.healthy("block height " + height + " on " + info.cluster());
      }
    };
  }
}
