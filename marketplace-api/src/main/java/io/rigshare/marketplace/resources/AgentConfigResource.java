package io.rigshare.marketplace.resources;

import io.rigshare.marketplace.api.NodeApi.AgentConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Public discovery for agents: where the WebSocket is, and the server's time for clock-skew checks. */
@Path("/agent/config")
@Produces(MediaType.APPLICATION_JSON)
public class AgentConfigResource {
  private final Supplier<String> agentUrl;
  private final String domain;
  private final int heartbeatSeconds;
  private final Clock clock;

  public AgentConfigResource(Supplier<String> agentUrl, String domain, int heartbeatSeconds, Clock clock) {
    this.agentUrl = agentUrl;
    this.domain = domain;
    this.heartbeatSeconds = heartbeatSeconds;
    this.clock = clock;
  }

  @GET
  public AgentConfig get() {
    return new AgentConfig(agentUrl.get(), domain, List.of(1), heartbeatSeconds, clock.instant());
  }
}
