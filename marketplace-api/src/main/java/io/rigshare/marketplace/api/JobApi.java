package io.rigshare.marketplace.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rigshare.marketplace.db.JobDao;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies of the job endpoints (docs/openapi.yaml). The JSON names are a public contract. */
public final class JobApi {
  private JobApi() {}

  /** {@code process}: {@code command} runs through {@code sh -c}. {@code container}: {@code image}, optional command. */
  public record Runtime(String type, String command, String image, Map<String, String> env, Boolean network) {}

  public record Requirements(Integer gpuCount, Long minVramGb, List<String> gpuModels, Long minScore) {}

  public record SubmitRequest(
      Runtime runtime,
      Requirements requirements,
      Long maxPricePerHour,
      Long timeLimitSeconds,
      Instant startDeadline,
      UUID nodeId) {}

  public record Receipt(
      int attempt,
      String nodeKey,
      String outcome,
      Integer exitCode,
      Instant startedAt,
      Instant endedAt,
      long outputBytes,
      String resultSha256,
      String signature,
      Instant verifiedAt) {
    public static Receipt of(JobDao.Receipt r) {
      return r == null ? null : new Receipt(r.attempt(), r.nodeKey(), r.outcome(), r.exitCode(), r.startedAt(),
          r.endedAt(), r.outputBytes(), r.resultSha256(), r.signature(), r.verifiedAt());
    }
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record View(
      UUID id,
      String state,
      String reason,
      Runtime runtime,
      Requirements requirements,
      long maxPricePerHour,
      int timeLimitSeconds,
      Instant startDeadline,
      UUID targetNodeId,
      int attempt,
      UUID nodeId,
      List<Integer> gpus,
      Long pricePerHour,
      boolean cancelRequested,
      Instant createdAt,
      Instant queuedAt,
      Instant assignedAt,
      Instant startedAt,
      Instant finishedAt,
      Long durationMs,
      Integer exitCode,
      Long outputBytes,
      String outputSha256,
      Boolean outputTruncated,
      long logBytes,
      boolean logsTruncated,
      Receipt receipt,
      Billing billing,
      Waiting waiting) {}

  /**
   * The job's money, amounts as digit strings of base units: what its escrow holds (from its first assignment), and
   * once it ended what its receipt bills, the platform's fee, the refund, and whether settlement has moved it.
   */
  public record Billing(
      String escrow, String charge, String fee, String refund, Integer billedSeconds, boolean settled) {
    public static Billing of(Long escrow, JobDao.Charge charge) {
      if (charge == null) {
        return escrow == null ? null : new Billing(escrow.toString(), null, null, null, null, false);
      }
      return new Billing(Long.toString(charge.escrow()), Long.toString(charge.charge()), Long.toString(charge.fee()),
          Long.toString(charge.refund()), charge.billedSeconds(), charge.settled());
    }
  }

  /** Why a queued job is not being matched, with a stable code (INSUFFICIENT_BALANCE). */
  public record Waiting(String code, String message) {}

  public record Transition(int attempt, Instant at, String from, String to, String reason) {}

  public record Attempt(
      int attempt,
      UUID nodeId,
      List<Integer> gpus,
      Instant queuedAt,
      Instant assignedAt,
      Instant startedAt,
      Instant endedAt,
      String outcome,
      String reason) {}

  /** {@code GET /api/jobs/{id}}: the job, its attempts and every transition; {@code role} is buyer or host. */
  public record Detail(View job, String role, List<Attempt> attempts, List<Transition> transitions) {}

  public record Page(List<View> items, int page, int size, long total) {}

  /** A host's view of its node's work: one row per attempt that ran (or was assigned) there. */
  public record NodeJob(
      UUID jobId,
      int attempt,
      String jobState,
      String runtimeType,
      List<Integer> gpus,
      Instant assignedAt,
      Instant startedAt,
      Instant endedAt,
      String outcome,
      String reason,
      Long pricePerHour) {}

  public record NodeJobPage(List<NodeJob> items, int page, int size, long total) {}

  public record LogChunk(int attempt, long seq, String stream, Instant at, String data) {
    public static LogChunk of(JobDao.LogChunk c) {
      return new LogChunk(c.attempt(), c.seq(), c.stream(), c.at(), c.data());
    }
  }

  /** {@code GET /api/jobs/{id}/logs}: chunks after the cursor; pass {@code next} as {@code after} to go on. */
  public record Logs(
      UUID jobId, String state, List<LogChunk> chunks, String next, boolean complete, boolean truncated) {}

  public record LatencyStats(long samples, Long p50Ms, Long p90Ms, Long p99Ms, Long maxMs) {}

  /** {@code GET /api/queue/stats}. */
  public record QueueStats(
      Map<String, Long> counts,
      Long oldestQueuedAgeSeconds,
      LatencyStats dispatchLatency,
      int windowSeconds,
      Instant at) {}
}
