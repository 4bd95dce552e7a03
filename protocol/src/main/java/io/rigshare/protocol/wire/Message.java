package io.rigshare.protocol.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.hardware.HardwareReport;
import java.time.Instant;
import java.util.List;

/**
 * Every frame on the agent link: a JSON object whose {@code type} names the record below. docs/protocol.md is the
 * normative description, with an example of each; the names here are the wire names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Message.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = Message.Challenge.class, name = "challenge"),
  @JsonSubTypes.Type(value = Message.Auth.class, name = "auth"),
  @JsonSubTypes.Type(value = Message.Register.class, name = "register"),
  @JsonSubTypes.Type(value = Message.Registered.class, name = "registered"),
  @JsonSubTypes.Type(value = Message.Authenticated.class, name = "authenticated"),
  @JsonSubTypes.Type(value = Message.Heartbeat.class, name = "heartbeat"),
  @JsonSubTypes.Type(value = Message.Metrics.class, name = "metrics"),
  @JsonSubTypes.Type(value = Message.Limits.class, name = "limits"),
  @JsonSubTypes.Type(value = Message.Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = Message.Error.class, name = "error"),
  @JsonSubTypes.Type(value = Message.Assign.class, name = "assign"),
  @JsonSubTypes.Type(value = Message.Cancel.class, name = "cancel"),
  @JsonSubTypes.Type(value = Message.Started.class, name = "started"),
  @JsonSubTypes.Type(value = Message.Log.class, name = "log"),
  @JsonSubTypes.Type(value = Message.Finished.class, name = "finished"),
  @JsonSubTypes.Type(value = Message.Benchmark.class, name = "benchmark"),
  @JsonSubTypes.Type(value = Message.Verify.class, name = "verify"),
  @JsonSubTypes.Type(value = Message.VerifyCommit.class, name = "verify-commit"),
  @JsonSubTypes.Type(value = Message.VerifyOpen.class, name = "verify-open"),
  @JsonSubTypes.Type(value = Message.VerifyRows.class, name = "verify-rows"),
})
public sealed interface Message {

  /**
   * Agent → server, first frame: which protocol versions the agent speaks, who it claims to be, and which job runners
   * ({@code process}, {@code container}) it offers. An agent that offers no runner is never assigned a job.
   */
  record Hello(int protocolVersion, String agentVersion, String nodeKey, List<String> runners) implements Message {
    public Hello {
      runners = runners == null ? List.of() : List.copyOf(runners);
    }

    public Hello(int protocolVersion, String agentVersion, String nodeKey) {
      this(protocolVersion, agentVersion, nodeKey, List.of());
    }
  }

  /** Server → agent: a fresh nonce to sign; valid on this connection only, until {@code expiresAt}. */
  record Challenge(int protocolVersion, String nonce, String domain, Instant serverTime, Instant expiresAt)
      implements Message {}

  /** Agent → server: proof of the registered node key ({@link AuthProof#PURPOSE_AUTH}). */
  record Auth(String nodeKey, Instant signedAt, String signature) implements Message {}

  /** Agent → server, first run: redeem a registration token and bind {@code nodeKey} to its wallet. */
  record Register(
      String token, String nodeKey, Instant signedAt, String signature, String name, HardwareReport hardware)
      implements Message {}

  /** Server → agent after {@link Register}. */
  record Registered(String nodeId, String wallet, int heartbeatIntervalSeconds, Limits limits) implements Message {}

  /** Server → agent after {@link Auth}. */
  record Authenticated(String nodeId, String wallet, int heartbeatIntervalSeconds, Limits limits)
      implements Message {}

  /**
   * Agent → server every heartbeat interval. {@code jobs} lists the job attempts the agent is running (or still
   * reporting); the server extends their leases and cancels any it no longer assigns to this node.
   */
  record Heartbeat(long seq, Telemetry telemetry, List<JobRef> jobs) implements Message {
    public Heartbeat {
      jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    public Heartbeat(long seq, Telemetry telemetry) {
      this(seq, telemetry, List.of());
    }
  }

  /** Agent → server when the hardware report changes (and once after authenticating). */
  record Metrics(HardwareReport hardware) implements Message {}

  /**
   * Server → agent: the owner's resource limits, to enforce on jobs. Acknowledged with an {@link Ack} whose
   * {@code ref} is {@code id}. {@code version} increases with every change.
   */
  record Limits(String id, long version, NodeLimits limits) implements Message {}

  /** Either side: acknowledges the frame whose {@code id} is {@code ref}. */
  record Ack(String ref, boolean ok, String error) implements Message {}

  /** Either side: a refusal. {@code ref} names the refused frame's id or type when known. */
  record Error(String code, String message, String ref) implements Message {}

  /**
   * Server → agent: run attempt {@code attempt} of job {@code jobId}. Sent again (same job and attempt) until the
   * agent reports {@link Started}; the agent runs each (jobId, attempt) at most once.
   */
  record Assign(String jobId, int attempt, JobRuntime runtime, JobResources resources) implements Message {}

  /** Server → agent: stop this attempt now (the buyer cancelled, or the attempt is no longer the agent's). */
  record Cancel(String jobId, int attempt, String reason) implements Message {}

  /** Agent → server: the attempt's process or container started at {@code startedAt}. */
  record Started(String jobId, int attempt, Instant startedAt) implements Message {}

  /**
   * Agent → server: a chunk of the attempt's output. {@code seq} counts chunks of this attempt from 0 over both
   * streams; {@code stream} is {@code stdout} or {@code stderr}; {@code data} is the chunk's bytes (at most 8,192)
   * decoded as UTF-8, malformed sequences replaced.
   */
  record Log(String jobId, int attempt, long seq, String stream, String data) implements Message {}

  /**
   * Agent → server: the attempt ended, with the usage receipt signed by the node key over {@link UsageReceipt#text}.
   * Repeated until the server answers with an {@link Ack} whose {@code ref} is {@link UsageReceipt#ref}, or an
   * {@link Error} with that ref ({@code STALE_ATTEMPT}, {@code INVALID_RECEIPT}).
   *
   * @param outcome {@code succeeded}, {@code failed}, {@code timed_out}, {@code cancelled} or {@code rejected} (the
   *     agent would not run it; nothing ran)
   * @param exitCode the process's exit status; null when it never started or was killed by a signal
   */
  record Finished(
      String jobId,
      int attempt,
      String outcome,
      Integer exitCode,
      Instant startedAt,
      Instant endedAt,
      long outputBytes,
      String resultSha256,
      boolean outputTruncated,
      String error,
      String signature)
      implements Message {}

  /**
   * Agent → server, after authenticating when the agent holds a report, and after every new run: what each OpenCL
   * device measured, and the score ({@link io.rigshare.protocol.verify.BenchmarkScore}, formula {@code
   * formulaVersion}). {@code score} is null when no GPU earned one; {@code cpuScore} is for information, never priced.
   *
   * @param trigger why it ran: {@code registration}, {@code hardware-change}, {@code schedule} or {@code manual}
   * @param error why there are no results (no OpenCL platform, ...); null when the run worked
   */
  record Benchmark(
      List<BenchmarkResult> results,
      Integer score,
      Integer cpuScore,
      int formulaVersion,
      Instant ranAt,
      long durationMs,
      String trigger,
      String error)
      implements Message {
    public Benchmark {
      results = results == null ? List.of() : List.copyOf(results);
    }
  }

  /**
   * Server → agent: compute C = A x B for the n x n matrices generated from {@code seed} (16 hex digits) on GPU
   * {@code gpuIndex} (the hardware report's index; null: the agent's choice) and commit to it. Answered with a
   * {@link VerifyCommit}, or an {@link Error} whose {@code ref} is {@code id}.
   */
  record Verify(String id, String seed, int n, Integer gpuIndex) implements Message {}

  /**
   * Agent → server: the Merkle root (64 hex digits) over the rows of C. {@code computeMs}: generating the matrices and
   * multiplying them on the device; {@code elapsedMs}: from receiving {@code verify} to sending this; {@code device}:
   * the OpenCL device that computed.
   */
  record VerifyCommit(String id, String root, long computeMs, long elapsedMs, String device) implements Message {}

  /** Server → agent: open these rows of the committed C (at most {@code ChallengeRules.maxRowsPerFrame(n)}). */
  record VerifyOpen(String id, List<Integer> rows) implements Message {
    public VerifyOpen {
      rows = rows == null ? List.of() : List.copyOf(rows);
    }
  }

  /** Agent → server: the opened rows, in the order asked, each with its Merkle proof. */
  record VerifyRows(String id, List<OpenedRow> rows) implements Message {
    public VerifyRows {
      rows = rows == null ? List.of() : List.copyOf(rows);
    }
  }

  /** Row {@code index} of C: {@code values} is base64 of its float32 values, little-endian; {@code proof} in hex. */
  record OpenedRow(int index, String values, List<String> proof) {
    public OpenedRow {
      proof = proof == null ? List.of() : List.copyOf(proof);
    }
  }

  /**
   * One OpenCL device's benchmark. {@code kind} is {@code GPU}, {@code CPU}, {@code ACCELERATOR} or {@code OTHER}
   * (from CL_DEVICE_TYPE). {@code gpuIndex} and {@code gpuUuid} name the hardware report's GPU this device is, null
   * when it is none or could not be matched. Measurements are null when not taken (the device failed, or, for VRAM,
   * a CPU device). {@code score} is set only for a GPU that passed ({@code note} says why not); {@code cpuScore} only
   * for a CPU device.
   */
  record BenchmarkResult(
      String device,
      String vendor,
      String platform,
      String driverVersion,
      String kind,
      Integer gpuIndex,
      String gpuUuid,
      String pciBusId,
      int computeUnits,
      int clockMhz,
      long globalMemBytes,
      int sgemmN,
      Measurement sgemmGflops,
      boolean sgemmVerified,
      Measurement deviceBandwidthGBps,
      Measurement hostToDeviceGBps,
      Long allocatableVramBytes,
      Integer score,
      Integer cpuScore,
      String note,
      String error) {}

  /**
   * A repeated measurement: the median, min and max of the last {@code runs} runs, their spread ((max - min) /
   * median, in percent), and whether that spread reached the target.
   */
  record Measurement(double median, double min, double max, double spreadPercent, int runs, boolean stable) {}

  /** One job attempt, as heartbeats list them. */
  record JobRef(String jobId, int attempt) {}

  /**
   * What to run. {@code type} is {@code process} ({@code command} runs through {@code sh -c}) or {@code container}
   * ({@code image}, with {@code command} as the container's command when set). {@code network}: whether the job may
   * reach the network (containers only; processes share the host's).
   */
  record JobRuntime(String type, String command, String image, java.util.Map<String, String> env, boolean network) {
    public JobRuntime {
      env = env == null ? java.util.Map.of() : java.util.Map.copyOf(env);
    }
  }

  /**
   * The limits the attempt runs under: wall time, the GPU indices assigned to it, and the owner's CPU, memory and
   * output caps (null: the host's own limit applies).
   */
  record JobResources(
      int timeLimitSeconds, List<Integer> gpus, Integer cpuCores, Long memoryBytes, long maxOutputBytes) {
    public JobResources {
      gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }
  }

  /** What a heartbeat carries. Readings are nullable where the host cannot provide them. */
  record Telemetry(
      List<GpuSample> gpus,
      Double cpuLoadPercent,
      Long memoryUsedBytes,
      Long memoryTotalBytes,
      Long diskFreeBytes,
      Integer runningJobs) {
    public Telemetry {
      gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }
  }

  /** Owner-set limits; a null field means "no limit". */
  record NodeLimits(Integer cpuCores, Long memoryBytes, Long diskBytes, List<GpuLimit> gpus) {
    public NodeLimits {
      gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }

    public static NodeLimits none() {
      return new NodeLimits(null, null, null, List.of());
    }
  }

  /** Whether GPU {@code index} is offered, and what share of its VRAM jobs may use. */
  record GpuLimit(int index, boolean offered, int vramPercent) {}
}
