/**
 * The GPU benchmark and the answer to the server's verification challenge (docs/protocol.md section 10), through
 * OpenCL (JOCL): {@link io.rigshare.agent.benchmark.BenchmarkRunner} measures every OpenCL device (SGEMM, memory
 * bandwidth, host-to-device transfer, allocatable VRAM), {@link io.rigshare.agent.benchmark.ChallengeComputation}
 * computes and commits to a challenge's product, and {@link io.rigshare.agent.benchmark.AgentBenchmarks} decides when
 * to benchmark and answers the link's {@code verify} frames. The kernels are in {@code kernels.cl} beside this package.
 */
package io.rigshare.agent.benchmark;
