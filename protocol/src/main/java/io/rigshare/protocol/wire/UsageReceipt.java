package io.rigshare.protocol.wire;

import io.rigshare.protocol.crypto.Base58;
import io.rigshare.protocol.crypto.Ed25519;
import io.rigshare.protocol.crypto.Keypair;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The usage receipt a node signs when a job attempt ends: the exact bytes are this UTF-8 text, one {@code key:value}
 * per line, {@code \n} separated, no trailing newline. Payments bill only from receipts that verify.
 *
 * <pre>
 * rigshare-usage-receipt
 * version:1
 * job:0b7c1e9a-4d7e-4c53-a7f5-28f0c1b5d0a2
 * attempt:1
 * node:TL6VR87Pbkt7Kd3yLjYapd9KSNR9kgfVWVSaiq9Jx92
 * outcome:succeeded
 * exit:0
 * start:2026-11-23T10:00:00.250Z
 * end:2026-11-23T10:00:41.003Z
 * output-bytes:1834
 * result-sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * </pre>
 *
 * {@code exit} is {@code none} when the process has no exit status (killed by a signal, or never started); {@code
 * start} and {@code end} are the same instant when nothing ran.
 */
public record UsageReceipt(
    String jobId,
    int attempt,
    String nodeKey,
    String outcome,
    Integer exitCode,
    Instant startedAt,
    Instant endedAt,
    long outputBytes,
    String resultSha256) {
  public static final int VERSION = 1;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The receipt a {@code finished} frame carries, for the node with this key. */
  public static UsageReceipt of(Message.Finished finished, String nodeKey) {
    return new UsageReceipt(finished.jobId(), finished.attempt(), nodeKey, finished.outcome(), finished.exitCode(),
        finished.startedAt(), finished.endedAt(), finished.outputBytes(), finished.resultSha256());
  }

  /** The {@code ref} of the server's answer to a {@code finished} frame for this attempt. */
  public static String ref(String jobId, int attempt) {
    return "fin:" + jobId + ":" + attempt;
  }

  public String text() {
    return "rigshare-usage-receipt\n"
        + "version:" + VERSION + '\n'
        + "job:" + jobId + '\n'
        + "attempt:" + attempt + '\n'
        + "node:" + nodeKey + '\n'
        + "outcome:" + outcome + '\n'
        + "exit:" + (exitCode == null ? "none" : exitCode.toString()) + '\n'
        + "start:" + TIME.format(startedAt) + '\n'
        + "end:" + TIME.format(endedAt) + '\n'
        + "output-bytes:" + outputBytes + '\n'
        + "result-sha256:" + resultSha256;
  }

  public byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  /** Signs with the node's key; returns the base58 signature. */
  public String sign(Keypair node) {
    return Base58.encode(node.sign(bytes()));
  }

  /** Whether {@code signature} (base58) verifies for {@link #nodeKey}; false for anything malformed, never throws. */
  public boolean verify(String signature) {
    try {
      byte[] key = Base58.decodeExact(nodeKey, Ed25519.PUBLIC_KEY_BYTES);
      byte[] sig = Base58.decodeExact(signature, Ed25519.SIGNATURE_BYTES);
      return Ed25519.verify(key, bytes(), sig);
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /** Truncates to the millisecond, the precision the receipt text carries. */
  public static Instant receiptTime(Instant instant) {
    return Instant.ofEpochMilli(instant.toEpochMilli());
  }
}
