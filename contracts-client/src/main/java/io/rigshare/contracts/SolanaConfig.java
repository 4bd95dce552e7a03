package io.rigshare.contracts;

import io.rigshare.protocol.crypto.Base58;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how to reach Solana.
 *
 * @param rpcUrl JSON-RPC endpoint, http or https
 * @param commitment what "confirmed" means for sends, statuses and reads
 * @param computeUnitPrice priority fee in micro-lamports per compute unit; 0 adds no SetComputeUnitPrice
 * @param computeUnitLimit compute units requested per transaction; 0 adds no SetComputeUnitLimit (the runtime's
 *     default applies). Size it from mainnet measurements, never from the local runtime (its programs are leaner)
 * @param mint the SPL token paid and received (classic Token program), base58
 * @param decimals the mint's decimals, checked on chain by every {@code transferChecked}
 * @param treasuryKeypairPath Solana CLI keypair file (JSON array of 64 numbers) that signs and pays fees
 */
public record SolanaConfig(
    String rpcUrl,
    Commitment commitment,
    long computeUnitPrice,
    int computeUnitLimit,
    String mint,
    int decimals,
    Path treasuryKeypairPath) {

  /** The most a transaction may ask for (Agave's MAX_COMPUTE_UNIT_LIMIT). */
  public static final int MAX_COMPUTE_UNIT_LIMIT = 1_400_000;

  public SolanaConfig {
    Objects.requireNonNull(rpcUrl, "rpcUrl");
    String scheme = URI.create(rpcUrl).getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("rpcUrl must be http or https: " + rpcUrl);
    }
    Objects.requireNonNull(commitment, "commitment");
    if (computeUnitPrice < 0) {
      throw new IllegalArgumentException("computeUnitPrice must not be negative");
    }
    if (computeUnitLimit < 0 || computeUnitLimit > MAX_COMPUTE_UNIT_LIMIT) {
      throw new IllegalArgumentException("computeUnitLimit must be 0..." + MAX_COMPUTE_UNIT_LIMIT);
    }
    Objects.requireNonNull(mint, "mint");
    Base58.decodeExact(mint, 32);
    TokenAmount.checkDecimals(decimals);
    Objects.requireNonNull(treasuryKeypairPath, "treasuryKeypairPath");
  }

  /** Confirmed commitment and no compute-budget instructions. */
  public static SolanaConfig of(String rpcUrl, String mint, int decimals, Path treasuryKeypairPath) {
    return new SolanaConfig(rpcUrl, Commitment.CONFIRMED, 0, 0, mint, decimals, treasuryKeypairPath);
  }

  public SolanaConfig withComputeBudget(long computeUnitPrice, int computeUnitLimit) {
    return new SolanaConfig(
        rpcUrl, commitment, computeUnitPrice, computeUnitLimit, mint, decimals, treasuryKeypairPath);
  }

  public SolanaConfig withCommitment(Commitment commitment) {
    return new SolanaConfig(
        rpcUrl, commitment, computeUnitPrice, computeUnitLimit, mint, decimals, treasuryKeypairPath);
  }

  public SolanaConfig withTreasuryKeypairPath(Path treasuryKeypairPath) {
    return new SolanaConfig(
        rpcUrl, commitment, computeUnitPrice, computeUnitLimit, mint, decimals, treasuryKeypairPath);
  }
}
