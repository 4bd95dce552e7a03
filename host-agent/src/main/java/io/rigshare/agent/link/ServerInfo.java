package io.rigshare.agent.link;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET {api}/api/agent/config} (docs/protocol.md §1): where the agent connects and what the
 * server speaks.
 */
public record ServerInfo(
    String agentUrl,
    String domain,
    List<Integer> protocolVersions,
    Integer heartbeatIntervalSeconds,
    Instant serverTime) {

  public ServerInfo {
    protocolVersions = protocolVersions == null ? List.of() : List.copyOf(protocolVersions);
  }

  /** True when the server lists the version, or lists none (an older server that only speaks version 1). */
  public boolean speaks(int version) {
    return protocolVersions.isEmpty() || protocolVersions.contains(version);
  }
}
