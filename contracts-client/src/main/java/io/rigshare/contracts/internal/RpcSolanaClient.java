package io.rigshare.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.contracts.Commitment;
import io.rigshare.contracts.ContractsException;
import io.rigshare.contracts.DepositObservation;
import io.rigshare.contracts.PreparedTransaction;
import io.rigshare.contracts.SignatureStatus;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.SolanaConfig;
import io.rigshare.contracts.SolanaRpcException;
import io.rigshare.contracts.TokenAmount;
import io.rigshare.contracts.TransactionOutcome;
import io.rigshare.contracts.Transfer;
import io.rigshare.protocol.crypto.Keypair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

/** {@link SolanaClient} over JSON-RPC, transactions built with solanaj and signed with the treasury key. */
public final class RpcSolanaClient implements SolanaClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int TOKEN_ACCOUNT_AMOUNT_OFFSET = 64;

  private final SolanaConfig config;
  private final Clock clock;
  private final SolanaRpc rpc;
  private final TransactionFactory factory;
  private final OutcomeWaiter waiter;

  public RpcSolanaClient(SolanaConfig config, Keypair treasury, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rpc = new SolanaRpc(config.rpcUrl(), REQUEST_TIMEOUT);
    this.factory =
        new TransactionFactory(
            treasury, config.mint(), config.decimals(), config.computeUnitPrice(), config.computeUnitLimit());
    this.waiter =
        new OutcomeWaiter(clock, this::status, () -> rpc.blockHeight(Commitment.FINALIZED), this::send);
  }

  @Override
  public SolanaConfig config() {
    return config;
  }

  @Override
  public String treasury() {
    return factory.payer().toBase58();
  }

  @Override
  public String tokenAccountOf(String owner) {
    return TransactionFactory.associatedTokenAddress(new PublicKey(owner), factory.mint()).toBase58();
  }

  @Override
  public List<List<Transfer>> planBatches(List<Transfer> transfers, String memo) {
    return factory.plan(transfers, factory::transfer, memo, "transfer");
  }

  @Override
  public int transactionSize(List<Transfer> transfers, String memo) {
    return factory.size(memo, transferInstructions(transfers));
  }

  @Override
  public PreparedTransaction prepare(List<Transfer> transfers, String memo) {
    List<TransactionInstruction> payload = transferInstructions(transfers);
    factory.header(memo); // refuse an empty memo before asking the node anything
    SolanaRpc.Blockhash blockhash = rpc.latestBlockhash(config.commitment());
    return prepared(factory.sign(memo, payload, blockhash.blockhash(), transfers.size() + " transfers"), blockhash);
  }

  @Override
  public List<PreparedTransaction> prepareTokenAccounts(List<String> owners, String memo) {
    List<List<String>> batches = factory.plan(owners, factory::createTokenAccount, memo, "token account creation");
    if (batches.isEmpty()) {
      return List.of();
    }
    SolanaRpc.Blockhash blockhash = rpc.latestBlockhash(config.commitment());
    List<PreparedTransaction> prepared = new ArrayList<>();
    for (List<String> batch : batches) {
      prepared.add(prepared(signCreation(batch, memo, blockhash), blockhash));
    }
    return prepared;
  }

  @Override
  public List<String> ownersWithoutTokenAccount(Collection<String> owners) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(owners));
    List<String> accounts = distinct.stream().map(this::tokenAccountOf).toList();
    List<Boolean> exist = rpc.accountsExist(accounts, config.commitment());
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i++) {
      if (!exist.get(i)) {
        missing.add(distinct.get(i));
      }
    }
    return missing;
  }

  @Override
  public List<TransactionOutcome> createTokenAccounts(Collection<String> owners, String memo, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    List<String> missing = ownersWithoutTokenAccount(owners);
    List<TransactionOutcome> outcomes = new ArrayList<>();
    for (List<String> batch : factory.plan(missing, factory::createTokenAccount, memo, "token account creation")) {
      TransactionOutcome outcome;
      do {
        // Re-signing after an expiry is safe here: CreateIdempotent cannot create an account twice.
        SolanaRpc.Blockhash blockhash = rpc.latestBlockhash(config.commitment());
        PreparedTransaction tx = prepared(signCreation(batch, memo, blockhash), blockhash);
        send(tx);
        outcome = awaitOutcome(tx, remaining(deadline));
      } while (outcome instanceof TransactionOutcome.Expired && clock.instant().isBefore(deadline));
      outcomes.add(outcome);
    }
    return outcomes;
  }

  @Override
  public String send(PreparedTransaction transaction) {
    String signature;
    try {
      signature = rpc.sendTransaction(transaction.transactionBase64(), config.commitment());
    } catch (SolanaRpcException e) {
      if (e.isAlreadyProcessed()) {
        return transaction.signature();
      }
      throw e;
    }
    if (!signature.equals(transaction.signature())) {
      throw new ContractsException(
          "node answered signature " + signature + " for transaction " + transaction.signature());
    }
    return signature;
  }

  @Override
  public SignatureStatus status(String signature) {
    return statuses(List.of(signature)).get(signature);
  }

  @Override
  public Map<String, SignatureStatus> statuses(List<String> signatures) {
    return rpc.signatureStatuses(signatures, config.commitment());
  }

  @Override
  public TransactionOutcome awaitOutcome(PreparedTransaction transaction, Duration timeout) {
    return waiter.await(transaction, timeout);
  }

  @Override
  public List<DepositObservation> findDeposits(String reference) {
    // getTransaction and getSignaturesForAddress refuse "processed".
    Commitment commitment =
        config.commitment().isAtLeast(Commitment.CONFIRMED) ? config.commitment() : Commitment.CONFIRMED;
    List<DepositObservation> observations = new ArrayList<>();
    for (String signature : rpc.signaturesForAddress(reference, commitment)) {
      JsonNode transaction = rpc.transaction(signature, commitment);
      observations.addAll(DepositParser.parse(signature, transaction));
    }
    return observations;
  }

  @Override
  public TokenAmount tokenBalance(String owner) {
    String account = tokenAccountOf(owner);
    byte[] data = rpc.accountData(account, config.commitment());
    if (data == null) {
      return TokenAmount.zero(config.decimals());
    }
    if (data.length < TOKEN_ACCOUNT_AMOUNT_OFFSET + 8
        || !Arrays.equals(Arrays.copyOfRange(data, 0, 32), factory.mint().toByteArray())) {
      throw new ContractsException(account + " is not a token account of mint " + config.mint());
    }
    long amount = 0;
    for (int i = 7; i >= 0; i--) {
      amount = (amount << 8) | (data[TOKEN_ACCOUNT_AMOUNT_OFFSET + i] & 0xFF);
    }
    if (amount < 0) {
      throw new ArithmeticException(account + " holds more than 2^63-1 base units");
    }
    return TokenAmount.of(amount, config.decimals());
  }

  @Override
  public long solBalance(String address) {
    return rpc.balance(address, config.commitment());
  }

  @Override
  public long blockHeight() {
    return rpc.blockHeight(config.commitment());
  }

  @Override
  public void close() {
    // java.net.http.HttpClient holds no resources that need closing on Java 17.
  }

  private List<TransactionInstruction> transferInstructions(List<Transfer> transfers) {
    if (transfers.isEmpty()) {
      throw new IllegalArgumentException("no transfers");
    }
    return transfers.stream().map(factory::transfer).toList();
  }

  private TransactionFactory.Signed signCreation(List<String> owners, String memo, SolanaRpc.Blockhash blockhash) {
    List<TransactionInstruction> payload = owners.stream().map(factory::createTokenAccount).toList();
    return factory.sign(memo, payload, blockhash.blockhash(), owners.size() + " token account creations");
  }

  private static PreparedTransaction prepared(TransactionFactory.Signed signed, SolanaRpc.Blockhash blockhash) {
    return new PreparedTransaction(
        signed.signature(),
        Base64.getEncoder().encodeToString(signed.wire()),
        blockhash.blockhash(),
        blockhash.lastValidBlockHeight());
  }

  private Duration remaining(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
