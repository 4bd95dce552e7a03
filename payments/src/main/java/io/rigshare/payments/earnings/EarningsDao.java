package io.rigshare.payments.earnings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Settlement bookkeeping and the earnings report over {@code job_charges} (migration V7). */
@RegisterConstructorMapper(EarningsDao.Group.class)
@RegisterConstructorMapper(EarningsDao.ReportRow.class)
@RegisterConstructorMapper(EarningsDao.Pending.class)
interface EarningsDao {
  /**
   * One aggregate of a chunk: {@code level} 1 = one buyer, 2 = one host (null host: charges that paid nobody), 3 = the
   * whole chunk.
   */
  record Group(
      int level, String buyer, String host, long jobs, long escrow, long charged, long fees, long hostAmount,
      long refunded) {}

  record ReportRow(String key, String nodeName, long jobs, long billedSeconds, long earned, long paid) {}

  /** The lowest and highest seq above a watermark; both null when there is none. */
  record Pending(Long first, Long last) {}

  @SqlQuery("SELECT settled_seq FROM settlement_watermark FOR UPDATE")
  long lockWatermark();

  /** Two probes of the primary key, whatever the number of rows above {@code after}. */
  @SqlQuery("SELECT min(seq) AS first, max(seq) AS last FROM job_charges WHERE seq > :after")
  Pending pending(long after);

  /** Per buyer, per host and in total, in one scan of the chunk. */
  @SqlQuery("""
      SELECT GROUPING(buyer, host) AS level, buyer, host, count(*) AS jobs,
             sum(escrow)::bigint AS escrow, sum(charge)::bigint AS charged, sum(fee)::bigint AS fees,
             sum(host_amount)::bigint AS host_amount, sum(refund)::bigint AS refunded
      FROM job_charges
      WHERE seq > :after AND seq <= :upTo
      GROUP BY GROUPING SETS ((buyer), (host), ())
      """)
  List<Group> aggregate(long after, long upTo);

  @SqlUpdate("""
      INSERT INTO settlements (id, from_seq, to_seq, transfer_id, jobs, charged, fees, refunded, settled_at)
      VALUES (:id, :fromSeq, :toSeq, :transferId, :jobs, :charged, :fees, :refunded, :settledAt)
      """)
  void insertSettlement(
      UUID id, long fromSeq, long toSeq, UUID transferId, long jobs, long charged, long fees, long refunded,
      Instant settledAt);

  @SqlUpdate("UPDATE settlement_watermark SET settled_seq = :upTo")
  void moveWatermark(long upTo);

  /**
   * The host's charges ended in [from, to), grouped by UTC day; paid is FIFO over all the host's settled charges in
   * seq order against {@code paidToDate}.
   */
  @SqlQuery(REPORT_HEAD + """
      SELECT to_char(c.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS key, NULL AS node_name,
      """ + REPORT_SUMS + """
      FROM charges c
      WHERE c.ended_at >= :from AND c.ended_at < :to
      GROUP BY 1 ORDER BY 1
      """)
  List<ReportRow> reportByDay(String host, Instant from, Instant to, long paidToDate);

  /** As {@link #reportByDay}, grouped by node, with the node's name. */
  @SqlQuery(REPORT_HEAD + """
      SELECT coalesce(c.node_id::text, '') AS key, n.name AS node_name,
      """ + REPORT_SUMS + """
      FROM charges c LEFT JOIN nodes n ON n.id = c.node_id
      WHERE c.ended_at >= :from AND c.ended_at < :to
      GROUP BY 1, 2 ORDER BY 2, 1
      """)
  List<ReportRow> reportByNode(String host, Instant from, Instant to, long paidToDate);

  /**
   * Every charge of the host with what is paid of it: charges are paid in seq order, the first ones until {@code
   * paidToDate} runs out; charges not yet settled (seq above the watermark) are pending whatever was paid.
   */
  String REPORT_HEAD = """
      WITH charges AS (
        SELECT j.node_id, j.ended_at, j.billed_seconds, j.host_amount,
               CASE WHEN j.seq > w.settled_seq THEN 0
                    ELSE least(greatest(:paidToDate - (sum(j.host_amount) OVER (ORDER BY j.seq) - j.host_amount), 0),
                               j.host_amount)
               END AS paid
        FROM job_charges j CROSS JOIN settlement_watermark w
        WHERE j.host = :host
      )
      """;

  String REPORT_SUMS = """
             count(*) AS jobs, sum(c.billed_seconds)::bigint AS billed_seconds,
             sum(c.host_amount)::bigint AS earned, sum(c.paid)::bigint AS paid
      """;
}
