/**
 * Runs the server's jobs (docs/protocol.md section 9).
 *
 * <p>{@link io.rigshare.agent.jobs.JobSupervisor} takes {@code assign} and {@code cancel} frames, runs each attempt
 * once on a {@link io.rigshare.agent.jobs.JobRunner} ({@link io.rigshare.agent.jobs.ProcessRunner}: {@code sh -c}
 * in its own session, as an unprivileged user, under an address-space limit and CPU affinity; {@link
 * io.rigshare.agent.jobs.ContainerRunner}: Docker or Podman), forwards the output as numbered {@code log} chunks
 * ({@link io.rigshare.agent.jobs.JobOutput}), and reports {@code finished} with a signed usage receipt until the
 * server answers. It outlives connections: the link hands it a {@link io.rigshare.agent.jobs.JobSink} while one is
 * up.
 */
package io.rigshare.agent.jobs;
