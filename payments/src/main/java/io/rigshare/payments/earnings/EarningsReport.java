package io.rigshare.payments.earnings;

import java.time.LocalDate;
import java.util.List;

/**
 * A host's earnings over the UTC days {@code from} to {@code to} inclusive, grouped by day or node, and their totals.
 * {@code paidToDate} is what the report was computed against: the total of the host's confirmed payouts.
 */
public record EarningsReport(
    String hostWallet, LocalDate from, LocalDate to, GroupBy groupBy, long paidToDate, List<Row> rows, Row totals) {
  public EarningsReport {
    rows = List.copyOf(rows);
  }

  /**
   * One group: {@code key} is the ISO date (DAY) or the node id (NODE), {@code nodeName} the node's name (NODE only,
   * else null). {@code earned} is the host's share of the charges ({@code charge - fee}) and always equals {@code paid
   * + pending}.
   */
  public record Row(String key, String nodeName, long jobs, long billedSeconds, long earned, long pending, long paid) {}
}
