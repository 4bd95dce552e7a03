package io.rigshare.marketplace.verify;

import io.rigshare.marketplace.db.VerificationDao.Challenge;
import io.rigshare.protocol.verify.ChallengeMatrices;
import io.rigshare.protocol.verify.ChallengeRules;
import io.rigshare.protocol.verify.Merkle;
import io.rigshare.protocol.verify.RowCheck;
import io.rigshare.protocol.wire.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Checks the rows a node opened: each was asked for and not answered before, its bytes prove into the committed
 * Merkle root, and its values match the server's own O(n²) computation from the seed ({@link RowCheck}). Checks run
 * a few at a time: each holds B, 256 MiB at n = 8192.
 */
final class RowChecks {
  private final Semaphore permits;

  RowChecks(Semaphore permits) {
    this.permits = permits;
  }

  /** Why the rows fail, or null when all pass. */
  String check(Challenge c, List<Message.OpenedRow> rows) {
    if (rows.isEmpty()) {
      return "verify-rows carried no row";
    }
    Set<Integer> asked = new HashSet<>(List.of(c.rows()));
    Set<Integer> seen = new HashSet<>(List.of(c.checked()));
    for (Message.OpenedRow row : rows) {
      if (!asked.contains(row.index()) || !seen.add(row.index())) {
        return "row " + row.index() + " was not asked for, or was answered twice";
      }
    }
    byte[][] bytes = new byte[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      Message.OpenedRow row = rows.get(i);
      try {
        bytes[i] = ChallengeRules.decodeRow(row.values(), c.n());
      } catch (IllegalArgumentException | NullPointerException e) {
        return "row " + row.index() + ": its values are not " + c.n() + " float32 values in base64";
      }
      if (!Merkle.verify(c.root(), c.n(), row.index(), bytes[i], row.proof())) {
        return "bad Merkle proof: row " + row.index() + " does not prove into the committed root";
      }
    }
    permits.acquireUninterruptibly();
    try {
      RowCheck check = new RowCheck(ChallengeMatrices.parseSeed(c.seed()), c.n());
      for (int i = 0; i < rows.size(); i++) {
        RowCheck.Result result = check.check(rows.get(i).index(), bytes[i]);
        if (!result.ok()) {
          return "wrong row: " + result.reason();
        }
      }
      return null;
    } finally {
      permits.release();
    }
  }
}
