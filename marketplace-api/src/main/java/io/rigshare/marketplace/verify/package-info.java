/**
 * Benchmark verification on the server (docs/protocol.md section 10, "What the server checks"): the intake of
 * benchmark reports and their plausibility against the GPU catalog, challenges (a seeded matrix product committed
 * by Merkle root, opened rows checked in O(n²)), deadlines, and re-challenges at random intervals. The shared
 * arithmetic lives in {@code io.rigshare.protocol.verify}; this package only decides and records.
 */
package io.rigshare.marketplace.verify;
