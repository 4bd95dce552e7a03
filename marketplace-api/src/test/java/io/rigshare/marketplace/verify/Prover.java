package io.rigshare.marketplace.verify;

import io.rigshare.protocol.verify.ChallengeMatrices;
import io.rigshare.protocol.verify.ChallengeRules;
import io.rigshare.protocol.verify.Merkle;
import io.rigshare.protocol.wire.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's side of a challenge in plain Java, for small n: C = A x B in float32 (one fma per product, in k order,
 * as the agent's kernels add them), the Merkle tree over its rows, and the answers, honest or forged.
 */
final class Prover {
  final Message.Verify verify;
  final float[][] c;
  final Merkle tree;

  private Prover(Message.Verify verify, float[][] c) {
    this.verify = verify;
    this.c = c;
    byte[][] leaves = new byte[c.length][];
    for (int i = 0; i < c.length; i++) {
      leaves[i] = Merkle.leaf(i, c[i]);
    }
    this.tree = Merkle.of(leaves);
  }

  static Prover honest(Message.Verify verify) {
    return new Prover(verify, product(ChallengeMatrices.parseSeed(verify.seed()), verify.n()));
  }

  /** Commits to a C whose element (i, 0) is off by 0.5 in every row: consistent proofs, wrong values. */
  static Prover wrongValues(Message.Verify verify) {
    float[][] c = product(ChallengeMatrices.parseSeed(verify.seed()), verify.n());
    for (float[] row : c) {
      row[0] += 0.5f;
    }
    return new Prover(verify, c);
  }

  static float[][] product(long seed, int n) {
    float[] a = ChallengeMatrices.matrix(seed, ChallengeMatrices.DOMAIN_A, n);
    float[] b = ChallengeMatrices.matrix(seed, ChallengeMatrices.DOMAIN_B, n);
    float[][] c = new float[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0;
        for (int k = 0; k < n; k++) {
          sum = Math.fma(a[i * n + k], b[k * n + j], sum);
        }
        c[i][j] = sum;
      }
    }
    return c;
  }

  Message.VerifyCommit commit() {
    return commit(tree.root());
  }

  Message.VerifyCommit commit(String root) {
    return new Message.VerifyCommit(verify.id(), root, 1, 2, "simulated GPU");
  }

  Message.VerifyRows rows(Message.VerifyOpen open) {
    List<Message.OpenedRow> rows = new ArrayList<>();
    for (int index : open.rows()) {
      rows.add(new Message.OpenedRow(index, ChallengeRules.encodeRow(c[index]), tree.proof(index)));
    }
    return new Message.VerifyRows(verify.id(), rows);
  }

  /** The right values with the proof of another row. */
  Message.VerifyRows rowsWithBadProofs(Message.VerifyOpen open) {
    List<Message.OpenedRow> rows = new ArrayList<>();
    for (int index : open.rows()) {
      rows.add(new Message.OpenedRow(index, ChallengeRules.encodeRow(c[index]),
          tree.proof((index + 1) % c.length)));
    }
    return new Message.VerifyRows(verify.id(), rows);
  }
}
