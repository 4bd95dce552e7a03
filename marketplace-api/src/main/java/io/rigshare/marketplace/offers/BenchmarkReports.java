package io.rigshare.marketplace.offers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Reads what pricing and reliability need from a stored benchmark report (docs/protocol.md section 10). */
final class BenchmarkReports {
  private BenchmarkReports() {}

  /**
   * The largest relative run-to-run spread in the report (0.02 = 2%): every {@code spreadPercent} field, wherever it
   * is, divided by 100. Null without a report or without spreads.
   */
  static Double spread(String json) {
    JsonNode tree = ReliabilityJob.tree(json);
    if (tree == null) {
      return null;
    }
    double[] max = {-1};
    walk(tree, max);
    return max[0] < 0 ? null : max[0];
  }

  private static void walk(JsonNode node, double[] max) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("spreadPercent") && field.getValue().isNumber()) {
          max[0] = Math.max(max[0], field.getValue().asDouble() / 100);
        } else {
          walk(field.getValue(), max);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> walk(child, max));
    }
  }
}
