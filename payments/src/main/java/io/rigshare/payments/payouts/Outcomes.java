package io.rigshare.payments.payouts;

import io.rigshare.contracts.PreparedTransaction;
import io.rigshare.contracts.SignatureStatus;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.TransactionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Awaits many transactions at once: {@link SolanaClient#awaitOutcome} blocks, one transaction per thread. */
final class Outcomes {
  private static final int THREADS = 32;

  private Outcomes() {}

  /**
   * The outcome of each transaction, in order. A wait that throws decides nothing and is reported as
   * {@link TransactionOutcome.TimedOut} with the error.
   */
  static List<TransactionOutcome> awaitAll(
      SolanaClient solana, List<PreparedTransaction> transactions, Duration timeout) {
    if (transactions.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(THREADS, transactions.size()),
            r -> {
              Thread thread = new Thread(r, "payout-await");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<TransactionOutcome>> waits = new ArrayList<>();
      for (PreparedTransaction tx : transactions) {
        waits.add(pool.submit(() -> solana.awaitOutcome(tx, timeout)));
      }
      List<TransactionOutcome> outcomes = new ArrayList<>();
      for (int i = 0; i < waits.size(); i++) {
        outcomes.add(result(transactions.get(i).signature(), waits.get(i)));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static TransactionOutcome result(String signature, Future<TransactionOutcome> wait) {
    try {
      return wait.get();
    } catch (ExecutionException e) {
      return new TransactionOutcome.TimedOut(signature, SignatureStatus.UNKNOWN, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TransactionOutcome.TimedOut(signature, SignatureStatus.UNKNOWN, "interrupted");
    }
  }
}
