/**
 * The node's WebSocket link to the server, as docs/protocol.md describes it.
 *
 * <p>{@link io.rigshare.agent.link.AgentLink} is the reconnect loop, on its own thread, with {@link
 * io.rigshare.agent.link.Backoff} (exponential, full jitter) between attempts; each attempt asks the API where to
 * connect ({@link io.rigshare.agent.link.HttpDiscovery}) and opens a new socket whose protocol side is a
 * {@code LinkSession}: hello, proof, metrics, heartbeats, and acks for the owner's limits ({@link
 * io.rigshare.agent.link.LimitsHandler}, checked by {@link io.rigshare.agent.link.LimitsValidator}); job frames go
 * to and from the {@link io.rigshare.agent.jobs.JobSupervisor} in the {@link io.rigshare.agent.link.LinkContext},
 * which outlives connections. {@link io.rigshare.agent.link.Refusals} says which server errors end the agent instead
 * of being retried.
 */
package io.rigshare.agent.link;
