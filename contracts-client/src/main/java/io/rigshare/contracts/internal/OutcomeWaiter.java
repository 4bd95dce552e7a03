package io.rigshare.contracts.internal;

import io.rigshare.contracts.PreparedTransaction;
import io.rigshare.contracts.SignatureStatus;
import io.rigshare.contracts.SolanaRpcException;
import io.rigshare.contracts.SolanaUnavailableException;
import io.rigshare.contracts.TransactionOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Resends one transaction's stored bytes until its outcome is known. Expiry is decided in this order, so that no
 * landing can slip between the two reads: first the finalized block height is past the blockhash's last valid
 * height (from then on no block can include it), then the signature is still unknown with history searched (so
 * none did).
 */
final class OutcomeWaiter {
  static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  static final Duration RESEND_INTERVAL = Duration.ofSeconds(2);

  private final Clock clock;
  private final Function<String, SignatureStatus> status;
  private final LongSupplier finalizedBlockHeight;
  private final Consumer<PreparedTransaction> send;

  OutcomeWaiter(
      Clock clock,
      Function<String, SignatureStatus> status,
      LongSupplier finalizedBlockHeight,
      Consumer<PreparedTransaction> send) {
    this.clock = clock;
    this.status = status;
    this.finalizedBlockHeight = finalizedBlockHeight;
    this.send = send;
  }

  TransactionOutcome await(PreparedTransaction tx, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    Instant lastSend = null;
    String lastError = null;
    SignatureStatus current = SignatureStatus.UNKNOWN;
    while (true) {
      try {
        current = status.apply(tx.signature());
        if (current instanceof SignatureStatus.Confirmed confirmed) {
          return new TransactionOutcome.Confirmed(tx.signature(), confirmed.slot());
        }
        if (current instanceof SignatureStatus.Failed failed) {
          return new TransactionOutcome.Failed(tx.signature(), failed.slot(), failed.error());
        }
        if (current instanceof SignatureStatus.Unknown) {
          long height = finalizedBlockHeight.getAsLong();
          if (height > tx.lastValidBlockHeight()) {
            current = status.apply(tx.signature());
            if (current instanceof SignatureStatus.Unknown) {
              return new TransactionOutcome.Expired(tx.signature(), height, tx.lastValidBlockHeight());
            }
            continue; // it landed after all: judge the new status
          }
        }
        if (lastSend == null || !clock.instant().isBefore(lastSend.plus(RESEND_INTERVAL))) {
          lastSend = clock.instant();
          lastError = resend(tx);
        }
      } catch (SolanaUnavailableException e) {
        lastError = e.getMessage();
      } catch (SolanaRpcException e) {
        if (e.code() == SolanaRpcException.INVALID_PARAMS || e.code() == SolanaRpcException.METHOD_NOT_FOUND) {
          throw e;
        }
        lastError = e.getMessage();
      }
      if (!clock.instant().isBefore(deadline)) {
        return new TransactionOutcome.TimedOut(tx.signature(), current, lastError);
      }
      sleep(POLL_INTERVAL);
    }
  }

  /** Returns the error text of a refused send, or null. A refusal decides nothing: state may change until expiry. */
  private String resend(PreparedTransaction tx) {
    try {
      send.accept(tx);
      return null;
    } catch (SolanaRpcException | SolanaUnavailableException e) {
      return e.getMessage();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SolanaUnavailableException("interrupted while awaiting a transaction", e);
    }
  }
}
