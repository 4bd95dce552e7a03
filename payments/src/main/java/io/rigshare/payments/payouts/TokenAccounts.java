package io.rigshare.payments.payouts;

import io.rigshare.contracts.ContractsException;
import io.rigshare.contracts.PreparedTransaction;
import io.rigshare.contracts.SolanaClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates recipients' associated token accounts before a transfer to them is signed, in transactions of their own
 * ({@code CreateIdempotent}: re-signing and resending can never create one twice), all sent at once and awaited
 * together.
 */
final class TokenAccounts {
  private static final int ROUNDS = 3;

  private final SolanaClient solana;
  private final String memo;
  private final Duration timeout;

  TokenAccounts(SolanaClient solana, String memo, Duration timeout) {
    this.solana = solana;
    this.memo = memo;
    this.timeout = timeout;
  }

  /** What {@link #ensure} did: how many accounts it found missing, and those still missing at the end. */
  record Result(int missingBefore, Set<String> stillMissing) {}

  Result ensure(Collection<String> owners) {
    List<String> missing = solana.ownersWithoutTokenAccount(owners);
    int before = missing.size();
    for (int round = 0; round < ROUNDS && !missing.isEmpty(); round++) {
      List<PreparedTransaction> transactions = solana.prepareTokenAccounts(missing, memo);
      for (PreparedTransaction tx : transactions) {
        try {
          solana.send(tx);
        } catch (ContractsException e) {
          // Undecided: the wait below resends, and the accounts are read back afterwards anyway.
        }
      }
      Outcomes.awaitAll(solana, transactions, timeout);
      missing = solana.ownersWithoutTokenAccount(missing);
    }
    return new Result(before, new HashSet<>(missing));
  }
}
