package io.rigshare.contracts;

import java.util.Objects;

/**
 * What the cluster says about a signature, judged against the configured commitment. Read with history searched, so
 * {@link Unknown} means no node record at all: not yet landed, dropped, or never sent.
 */
public sealed interface SignatureStatus {
  enum State {
    /** Succeeded and reached the configured commitment. */
    CONFIRMED,
    /** Executed with an error (fee charged, no transfer) and reached the configured commitment. */
    FAILED,
    /** Seen in a block, not yet at the configured commitment. */
    PENDING,
    /** Not known to the node. */
    UNKNOWN
  }

  State state();

  SignatureStatus UNKNOWN = new Unknown();

  record Confirmed(long slot, Commitment commitment) implements SignatureStatus {
    @Override
    public State state() {
      return State.CONFIRMED;
    }
  }

  /** @param error the transaction error as JSON, e.g. {@code {"InstructionError":[0,{"Custom":1}]}} */
  record Failed(long slot, String error) implements SignatureStatus {
    public Failed {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public State state() {
      return State.FAILED;
    }
  }

  /** @param error the error as JSON when it already failed at the lower commitment, else null */
  record Pending(long slot, Commitment reached, String error) implements SignatureStatus {
    @Override
    public State state() {
      return State.PENDING;
    }
  }

  record Unknown() implements SignatureStatus {
    @Override
    public State state() {
      return State.UNKNOWN;
    }
  }
}
