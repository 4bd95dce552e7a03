package io.rigshare.contracts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.SolanaConfig;
import io.rigshare.contracts.internal.JsonRpc;
import io.rigshare.protocol.crypto.Keypair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real local Solana runtime for a test: {@code node contracts-client/localnet/server.js} on free ports with its
 * ledger in a fresh temporary directory (deleted on close), 100 ms slots. Wraps the production
 * {@link io.rigshare.contracts.localnet.LocalnetProcess} and adds the {@code rigshare_*} test methods.
 */
public final class LocalnetProcess implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final io.rigshare.contracts.localnet.LocalnetProcess process;
  private final Path tempDir;
  private final JsonRpc rpc;

  private LocalnetProcess(io.rigshare.contracts.localnet.LocalnetProcess process, Path tempDir) {
    this.process = process;
    this.tempDir = tempDir;
    this.rpc = new JsonRpc(process.rpcUrl(), Duration.ofSeconds(30));
  }

  /** A fresh ledger in a temporary directory, 100 ms slots. */
  public static LocalnetProcess start() throws IOException {
    Path dir = Files.createTempDirectory("rigshare-localnet-");
    return start(dir, 100, dir);
  }

  /** A ledger in {@code dataDir} (kept on close), {@code slotMs} per slot. */
  public static LocalnetProcess start(Path dataDir, int slotMs) throws IOException {
    return start(dataDir, slotMs, null);
  }

  private static LocalnetProcess start(Path dataDir, int slotMs, Path deleteOnClose) throws IOException {
    var options = io.rigshare.contracts.localnet.LocalnetProcess.Options.of(dataDir).withSlotMs(slotMs);
    return new LocalnetProcess(
        io.rigshare.contracts.localnet.LocalnetProcess.start(options, Duration.ofSeconds(60)), deleteOnClose);
  }

  public io.rigshare.contracts.localnet.LocalnetProcess.Ready ready() {
    return process.ready();
  }

  public String rpcUrl() {
    return process.rpcUrl();
  }

  public io.rigshare.contracts.localnet.LocalnetProcess process() {
    return process;
  }

  /** Config for the runtime's treasury: its mint, decimals and keypair file, confirmed commitment. */
  public SolanaConfig config() {
    var ready = process.ready();
    return SolanaConfig.of(ready.rpcUrl(), ready.mint(), ready.decimals(), ready.treasuryKeypairPath());
  }

  /** A client signing with the runtime's treasury. */
  public SolanaClient treasuryClient() {
    return SolanaClient.connect(config());
  }

  /** A client for the same mint signing with {@code wallet}, whose keypair file is written to the ledger dir. */
  public SolanaClient clientFor(Keypair wallet) {
    return SolanaClient.connect(config().withTreasuryKeypairPath(keypairFile(wallet)));
  }

  /** Raw JSON-RPC call; returns {@code result}, throws SolanaRpcException with the code. */
  public JsonNode call(String method, Object... params) {
    return rpc.call(method, params);
  }

  /** A new wallet holding {@code lamports} and {@code tokens} base units (its token account created). */
  public Keypair newWallet(long lamports, long tokens) {
    Keypair wallet = Keypair.generate(RANDOM);
    faucet(wallet.address(), tokens, lamports);
    return wallet;
  }

  /** Mints {@code tokens} base units to owner's token account (created if missing), plus lamports; one transaction. */
  public String faucet(String owner, long tokens, long lamports) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("owner", owner);
    params.put("amount", Long.toString(tokens));
    params.put("lamports", Long.toString(lamports));
    return call("rigshare_faucet", params).path("signature").asText();
  }

  /** Advances 151 blocks: every outstanding blockhash expires. Returns the new block height. */
  public long expireBlockhash() {
    return call("rigshare_expireBlockhash").path("blockHeight").asLong();
  }

  public long warpSlots(int n) {
    return call("rigshare_warpSlots", Map.of("n", n)).path("blockHeight").asLong();
  }

  /** The next {@code n} sends that would land return their signature and never land; 0 cancels. */
  public void dropNextTransactions(int n) {
    call("rigshare_dropNextTransactions", Map.of("n", n));
  }

  public void setTokenBalance(String owner, long amount) {
    call("rigshare_setTokenBalance", Map.of("owner", owner, "amount", Long.toString(amount)));
  }

  /** An independent read: getTokenAccountBalance of the account, in base units. */
  public long tokenAccountBalance(String tokenAccount) {
    return Long.parseLong(call("getTokenAccountBalance", tokenAccount).path("value").path("amount").asText());
  }

  /** Sends base64 bytes with skipPreflight, so that a failing transaction lands with its error. */
  public String sendSkippingPreflight(String base64) {
    return call("sendTransaction", base64, Map.of("encoding", "base64", "skipPreflight", true)).asText();
  }

  /** Writes the wallet's Solana CLI keypair file into the ledger directory and returns its path. */
  public Path keypairFile(Keypair wallet) {
    Path file = process.ready().dataDir().resolve("wallets").resolve(wallet.address() + ".json");
    try {
      if (!Files.exists(file)) {
        wallet.save(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    process.close();
    if (tempDir != null) {
      try (Stream<Path> files = Files.walk(tempDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // A temporary directory left behind is harmless.
      }
    }
  }
}
