package io.rigshare.agent.link;

/** Finds out where the agent connects; {@link HttpDiscovery} asks the API. */
@FunctionalInterface
public interface Discovery {

  /** The server's answer; throws {@link DiscoveryException} when it cannot be had. */
  ServerInfo discover();
}
