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
