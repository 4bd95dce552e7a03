package io.rigshare.contracts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.contracts.Commitment;
import io.rigshare.contracts.PreparedTransaction;
import io.rigshare.contracts.SignatureStatus;
import io.rigshare.contracts.SolanaRpcException;
import io.rigshare.contracts.TransactionOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decision order of {@link OutcomeWaiter} with scripted answers, for the interleavings a live node cannot be
 * made to produce on demand (the chain-backed cases are in ExactlyOnceIntegrationTest).
 */
class OutcomeWaiterTest {
  private static final PreparedTransaction TX = new PreparedTransaction("sig", "AQ==", "hash", 100);

  /** Each instant() call moves one second on, so timeouts pass without waiting for them. */
  private static final class SteppingClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final Deque<SignatureStatus> statuses = new ArrayDeque<>();
  private final Deque<Long> heights = new ArrayDeque<>();
  private final List<String> sends = new ArrayList<>();

  private OutcomeWaiter waiter() {
    return new OutcomeWaiter(
        new SteppingClock(),
        signature -> statuses.size() > 1 ? statuses.poll() : statuses.peek(),
        () -> heights.size() > 1 ? heights.poll() : heights.peek(),
        tx -> sends.add(tx.signature()));
  }

  @Test
  void landingBetweenTheHeightCheckAndTheHistoryReadIsConfirmedNotExpired() {
    statuses.add(SignatureStatus.UNKNOWN);
    statuses.add(new SignatureStatus.Confirmed(99, Commitment.FINALIZED));
    heights.add(101L);

    assertThat(waiter().await(TX, Duration.ofMinutes(1)))
        .isEqualTo(new TransactionOutcome.Confirmed("sig", 99));
  }

  @Test
  void unknownWhileTheBlockhashIsValidIsResentAndNeverExpired() {
    statuses.add(SignatureStatus.UNKNOWN);
    heights.add(100L); // equal to lastValidBlockHeight: still valid

    TransactionOutcome outcome = waiter().await(TX, Duration.ofSeconds(6));

    assertThat(outcome).isInstanceOf(TransactionOutcome.TimedOut.class);
    assertThat(sends).hasSizeGreaterThanOrEqualTo(2).containsOnly("sig");
  }

  @Test
  void expiredNeedsHeightPastTheLastValidOneAndAnUnknownSignature() {
    statuses.add(SignatureStatus.UNKNOWN);
    heights.add(100L);
    heights.add(101L);

    assertThat(waiter().await(TX, Duration.ofMinutes(1)))
        .isEqualTo(new TransactionOutcome.Expired("sig", 101, 100));
  }

  @Test
  void failureBelowTheWantedCommitmentIsWaitedOn() {
    statuses.add(new SignatureStatus.Pending(98, Commitment.PROCESSED, "{\"InstructionError\":[0,\"X\"]}"));
    statuses.add(new SignatureStatus.Failed(98, "{\"InstructionError\":[0,\"X\"]}"));
    heights.add(50L);

    assertThat(waiter().await(TX, Duration.ofMinutes(1)))
        .isEqualTo(new TransactionOutcome.Failed("sig", 98, "{\"InstructionError\":[0,\"X\"]}"));
  }

  @Test
  void refusedResendsAreRememberedNotThrown() {
    statuses.add(SignatureStatus.UNKNOWN);
    heights.add(10L);
    OutcomeWaiter refusing =
        new OutcomeWaiter(
            new SteppingClock(),
            signature -> statuses.peek(),
            heights::peek,
            tx -> {
              throw new SolanaRpcException("sendTransaction", -32002, "Transaction simulation failed", null,
                  "{\"InstructionError\":[1,{\"Custom\":1}]}", List.of());
            });

    TransactionOutcome outcome = refusing.await(TX, Duration.ofSeconds(3));

    assertThat(outcome).isInstanceOf(TransactionOutcome.TimedOut.class);
    assertThat(((TransactionOutcome.TimedOut) outcome).lastError()).contains("-32002");
  }
}
