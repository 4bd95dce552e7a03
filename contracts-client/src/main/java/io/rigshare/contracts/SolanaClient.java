package io.rigshare.contracts;

import io.rigshare.contracts.internal.RpcSolanaClient;
import io.rigshare.protocol.crypto.Keypair;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The treasury's view of Solana. Thread-safe. Every method that talks to the node may throw
 * {@link SolanaRpcException} (the node answered with an error, code kept) or {@link SolanaUnavailableException}
 * (no usable answer).
 *
 * <p>Exactly-once payouts: {@link #prepare} signs and returns without sending; store the result; {@link #send} it
 * (again and again if unsure); {@link #awaitOutcome} resends the same bytes until the outcome is known. Sign a
 * replacement only after {@link TransactionOutcome.Expired}.
 */
public interface SolanaClient extends AutoCloseable {
  /** Bytes in one Solana packet, the most a serialized transaction may take (PACKET_DATA_SIZE). */
  int MAX_TRANSACTION_BYTES = 1232;

  /** Loads the treasury keypair from the config's Solana CLI keypair file. */
  static SolanaClient connect(SolanaConfig config) {
    Keypair treasury;
    try {
      treasury = Keypair.load(config.treasuryKeypairPath());
    } catch (IOException | IllegalArgumentException e) {
      throw new ContractsException("cannot read treasury keypair " + config.treasuryKeypairPath(), e);
    }
    return connect(config, treasury, Clock.systemUTC());
  }

  /** @param clock measures the {@link #awaitOutcome} timeout */
  static SolanaClient connect(SolanaConfig config, Keypair treasury, Clock clock) {
    return new RpcSolanaClient(config, treasury, clock);
  }

  SolanaConfig config();

  /** The treasury wallet address (signer and fee payer), base58. */
  String treasury();

  /** The associated token account of {@code owner} for the configured mint. */
  String tokenAccountOf(String owner);

  /**
   * Splits transfers, in order, into batches that each fit one transaction with this memo and the configured
   * compute-budget instructions; sizes come from serializing the real message.
   *
   * @throws TransactionTooLargeException if a single transfer does not fit (the memo is too long)
   */
  List<List<Transfer>> planBatches(List<Transfer> transfers, String memo);

  /** The exact serialized size in bytes of the signed transaction {@link #prepare} would build. */
  int transactionSize(List<Transfer> transfers, String memo);

  /**
   * Fetches a blockhash, builds one transaction (compute budget, memo, one {@code transferChecked} per transfer) and
   * signs it with the treasury key. Sends nothing.
   *
   * @throws TransactionTooLargeException if it exceeds {@link #MAX_TRANSACTION_BYTES}; use {@link #planBatches}
   */
  PreparedTransaction prepare(List<Transfer> transfers, String memo);

  /**
   * Signed transactions that create the owners' associated token accounts with {@code CreateIdempotent} (the
   * treasury pays the rent), as many per transaction as fit. Creating an existing account succeeds and changes
   * nothing, so these may be re-signed freely.
   */
  List<PreparedTransaction> prepareTokenAccounts(List<String> owners, String memo);

  /** Owners (in the given order, without repeats) whose associated token account does not exist yet. */
  List<String> ownersWithoutTokenAccount(Collection<String> owners);

  /**
   * Creates the missing associated token accounts: prepares, sends and awaits each transaction, re-signing after an
   * expiry (safe: creation is idempotent).
   *
   * @return the outcomes of the transactions sent; empty if every account existed
   */
  List<TransactionOutcome> createTokenAccounts(Collection<String> owners, String memo, Duration timeout);

  /**
   * Sends the stored bytes with preflight. Resending is harmless: if the transaction already landed the node's
   * {@code AlreadyProcessed} answer is treated as success.
   *
   * @return the signature
   * @throws SolanaRpcException when preflight refuses it (code -32002, with the transaction error and logs)
   */
  String send(PreparedTransaction transaction);

  /** The status of one signature, history searched. */
  SignatureStatus status(String signature);

  /** Statuses of many signatures (batched 256 per request), history searched; keys in the given order. */
  Map<String, SignatureStatus> statuses(List<String> signatures);

  /**
   * Sends the stored bytes and keeps resending them until the transaction is confirmed or failed at the configured
   * commitment, or expired, or {@code timeout} passes.
   */
  TransactionOutcome awaitOutcome(PreparedTransaction transaction, Duration timeout);

  /**
   * Token transfers in the confirmed transactions that carry {@code reference} (a Solana Pay reference key), newest
   * first, one observation per credited token account (for failed transactions: per attempted transfer).
   */
  List<DepositObservation> findDeposits(String reference);

  /** The balance of {@code owner}'s associated token account; zero if it does not exist. */
  TokenAmount tokenBalance(String owner);

  /** Lamports held by {@code address}; zero if the account does not exist. */
  long solBalance(String address);

  /** The current block height at the configured commitment. */
  long blockHeight();

  @Override
  void close();
}
