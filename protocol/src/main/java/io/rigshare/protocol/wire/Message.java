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
})
public sealed interface Message {

  /** Agent → server, first frame: which protocol versions the agent speaks and who it claims to be. */
  record Hello(int protocolVersion, String agentVersion, String nodeKey) implements Message {}

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

  /** Agent → server every heartbeat interval. */
  record Heartbeat(long seq, Telemetry telemetry) implements Message {}

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
