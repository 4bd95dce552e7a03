package io.rigshare.agent.config;

import java.time.Instant;

/**
 * {@code node.json}: who this machine is on the marketplace, written when the server confirms a registration (and
 * refreshed from each {@code authenticated}).
 *
 * @param nodeId the server's id for this node
 * @param wallet the owner's wallet the node is bound to
 * @param apiUrl the API the node registered with
 * @param registeredAt when this machine learned it was registered
 */
public record NodeState(String nodeId, String wallet, String apiUrl, Instant registeredAt) {}
