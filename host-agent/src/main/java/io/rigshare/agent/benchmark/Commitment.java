package io.rigshare.agent.benchmark;

import io.rigshare.protocol.verify.ChallengeRules;
import io.rigshare.protocol.verify.Merkle;
import io.rigshare.protocol.wire.Message;
import java.util.Arrays;

/**
 * A computed challenge: C (n x n, row-major) and the Merkle tree over its rows, kept so that rows can be opened.
 *
 * @param computeMs device time of generating A and B and multiplying them
 * @param device the OpenCL device that computed it
 */
public record Commitment(int n, float[] c, Merkle tree, long computeMs, String device) {

  public String root() {
    return tree.root();
  }

  public float[] row(int index) {
    return Arrays.copyOfRange(c, index * n, (index + 1) * n);
  }

  /** Row {@code index} with its proof, as {@code verify-rows} carries it. */
  public Message.OpenedRow open(int index) {
    if (index < 0 || index >= n) {
      throw new IndexOutOfBoundsException("row " + index + " is outside 0.." + (n - 1));
    }
    return new Message.OpenedRow(index, ChallengeRules.encodeRow(row(index)), tree.proof(index));
  }

  static Commitment of(int n, float[] c, long computeMs, String device) {
    byte[][] leaves = new byte[n][];
    for (int i = 0; i < n; i++) {
      leaves[i] = Merkle.leaf(i, Arrays.copyOfRange(c, i * n, (i + 1) * n));
    }
    return new Commitment(n, c, Merkle.of(leaves), computeMs, device);
  }
}
