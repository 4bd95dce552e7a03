/**
 * Benchmark verification, shared by the agent and the API (docs/protocol.md section 10): the challenge matrices
 * generated from a seed ({@link io.rigshare.protocol.verify.ChallengeMatrices}), the Merkle commitment over the rows
 * of their product ({@link io.rigshare.protocol.verify.Merkle}), the server's O(n²) check of an opened row ({@link
 * io.rigshare.protocol.verify.RowCheck}), the rules that keep frames small ({@link
 * io.rigshare.protocol.verify.ChallengeRules}), the score formula ({@link io.rigshare.protocol.verify.BenchmarkScore})
 * and the table of known GPUs ({@link io.rigshare.protocol.verify.GpuCatalog}). Pure Java: no OpenCL here.
 */
package io.rigshare.protocol.verify;
