package io.rigshare.agent.jobs;

import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import java.time.Instant;
import java.util.HexFormat;

/** Builds and signs {@code finished} frames (the usage receipt of docs/protocol.md section 9). */
final class Receipts {
  /** SHA-256 of no bytes: the result hash of an attempt that never ran. */
  static final String EMPTY_SHA256 = HexFormat.of().formatHex(JobOutput.newSha256().digest());

  private Receipts() {}

  /** The frame with its {@code signature}: the node key's signature of {@link UsageReceipt#text}. */
  static Message.Finished signed(Message.Finished finished, Keypair key) {
    String signature = UsageReceipt.of(finished, key.address()).sign(key);
    return new Message.Finished(finished.jobId(), finished.attempt(), finished.outcome(), finished.exitCode(),
        finished.startedAt(), finished.endedAt(), finished.outputBytes(), finished.resultSha256(),
        finished.outputTruncated(), finished.error(), signature);
  }

  /** An attempt refused before anything ran: {@code startedAt} = {@code endedAt}, no output. */
  static Message.Finished rejected(String jobId, int attempt, Instant at, String reason) {
    Instant time = UsageReceipt.receiptTime(at);
    return new Message.Finished(jobId, attempt, Outcomes.REJECTED, null, time, time, 0, EMPTY_SHA256, false, reason,
        null);
  }

  static String ref(Message.Finished finished) {
    return UsageReceipt.ref(finished.jobId(), finished.attempt());
  }
}
