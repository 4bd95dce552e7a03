package io.rigshare.marketplace.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.marketplace.db.NodeDao;
import io.rigshare.marketplace.db.NodeDao.Node;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bodies of the node endpoints. */
public final class NodeApi {
  private NodeApi() {}

  public record View(
      UUID id,
      String name,
      String state,
      boolean connected,
      String nodeKey,
      JsonNode hardware,
      Instant lastHeartbeatAt,
      String agentVersion,
      Message.NodeLimits limits,
      long limitsVersion,
      boolean limitsAcknowledged,
      String limitsError,
      List<String> runners,
      Long pricePerGpuHour,
      boolean priceByOwner,
      String region,
      String gpuModel,
      int gpuCount,
      long vramMib,
      Long score,
      String verification,
      String verificationReason,
      Instant verifiedAt,
      Integer reliability,
      Instant benchmarkAt,
      Instant createdAt) {
    /** {@code pricePerGpuHour} is the owner's price, or {@code defaultPrice} when the owner set none. */
    public static View of(Node node, long defaultPrice) {
      return new View(
          node.id(), node.name(), node.state(), "online".equals(node.status()), node.nodeKey(), tree(node.hardware()), node.lastHeartbeatAt(),
          node.agentVersion(), NodeDao.limits(node.limits()), node.limitsVersion(),
          node.limitsAckedVersion() >= node.limitsVersion() && node.limitsAckError() == null, node.limitsAckError(),
          node.runners() == null ? List.of() : List.of(node.runners()),
          node.pricePerGpuHour() == null ? defaultPrice : node.pricePerGpuHour(), node.priceByOwner(), node.region(),
          node.gpuModel(), node.gpuCount(), node.vramMib(), node.benchmarkScore(), node.verification(),
          node.verificationReason(), node.verifiedAt(), node.reliability(), node.benchmarkAt(), node.createdAt());
    }
  }

  public record Detail(View node, List<NodeDao.Transition> transitions) {}

  public record Page(List<View> items, int page, int size, long total) {}

  public record GpuLimitBody(@Min(0) @Max(63) int index, boolean offered, @Min(1) @Max(100) int vramPercent) {}

  public record LimitsBody(
      @Min(1) @Max(4096) Integer cpuCores,
      @PositiveOrZero Long memoryBytes,
      @PositiveOrZero Long diskBytes,
      @Valid @Size(max = 64) List<@NotNull @Valid GpuLimitBody> gpus) {
    public Message.NodeLimits toLimits() {
      List<Message.GpuLimit> gpuLimits = gpus == null ? List.of()
          : gpus.stream().map(g -> new Message.GpuLimit(g.index(), g.offered(), g.vramPercent())).toList();
      return new Message.NodeLimits(cpuCores, memoryBytes, diskBytes, gpuLimits);
    }
  }

  public record UpdateRequest(
      @Size(min = 1, max = 64) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not hold control characters")
          String name,
      Boolean maintenance,
      @Valid LimitsBody limits,
      @Min(1) @Max(1_000_000_000_000_000L) Long pricePerGpuHour,
      @Size(max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not hold control characters")
          String region) {}

  public record TelemetryPoint(
      Instant at,
      int gpuIndex,
      Double utilizationPercent,
      Double temperatureC,
      Long memoryUsedMib,
      Long memoryTotalMib,
      Double powerDrawW,
      Double cpuLoadPercent,
      Long memoryUsedBytes) {}

  public record Telemetry(UUID nodeId, Instant from, Instant to, long resolutionSeconds, List<TelemetryPoint> points) {}

  public record AgentConfig(
      String agentUrl, String domain, List<Integer> protocolVersions, int heartbeatIntervalSeconds,
      Instant serverTime) {}

  private static JsonNode tree(String json) {
    try {
      return json == null ? null : Wire.mapper().readTree(json);
    } catch (Exception e) {
      return null;
    }
  }
}
