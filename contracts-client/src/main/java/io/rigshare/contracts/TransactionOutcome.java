package io.rigshare.contracts;

import java.util.Objects;

/**
 * How waiting for a {@link PreparedTransaction} ended. Only {@link Expired} allows signing a replacement: the
 * blockhash is past its last valid block height at finalized commitment and the signature is still unknown with
 * history searched, so these bytes can never land. {@link TimedOut} decides nothing; wait again later.
 */
public sealed interface TransactionOutcome {
  enum Kind {
    CONFIRMED,
    FAILED,
    EXPIRED,
    TIMED_OUT
  }

  String signature();

  Kind kind();

  record Confirmed(String signature, long slot) implements TransactionOutcome {
    @Override
    public Kind kind() {
      return Kind.CONFIRMED;
    }
  }

  /** Landed and failed: the fee is spent, nothing was transferred. @param error the error as JSON */
  record Failed(String signature, long slot, String error) implements TransactionOutcome {
    public Failed {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public Kind kind() {
      return Kind.FAILED;
    }
  }

  /** @param blockHeight the finalized block height seen, greater than {@code lastValidBlockHeight} */
  record Expired(String signature, long blockHeight, long lastValidBlockHeight) implements TransactionOutcome {
    @Override
    public Kind kind() {
      return Kind.EXPIRED;
    }
  }

  /**
   * @param lastStatus the last status read
   * @param lastError the last error met while resending or reading (for example a preflight failure), or null
   */
  record TimedOut(String signature, SignatureStatus lastStatus, String lastError) implements TransactionOutcome {
    @Override
    public Kind kind() {
      return Kind.TIMED_OUT;
    }
  }
}
