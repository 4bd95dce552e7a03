package io.rigshare.payments.earnings;

import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Settles ended jobs' charges ({@code job_charges}, written by marketplace-api) into the ledger, and reports a host's
 * earnings. Quartz's {@code EarningsJob} calls {@link #settle()}; so may anyone else, any number of times, from any
 * number of threads and instances.
 *
 * <p><b>Exactly once.</b> Charges are settled in {@code seq} order, up to a watermark ({@code
 * settlement_watermark.settled_seq}): every row at or below it has been posted once, none above it. A chunk's
 * transaction locks the watermark row ({@code FOR UPDATE}: concurrent settlers queue there and each then reads the
 * watermark its predecessor committed), then takes {@code LOCK TABLE job_charges IN SHARE MODE}. That lock conflicts
 * with the {@code ROW EXCLUSIVE} lock every inserter holds from the start of its INSERT to its commit, so it waits
 * until all in-flight inserters have committed or rolled back, and keeps new ones out until the chunk commits. A seq
 * is drawn from {@code job_charges_seq} only inside such an INSERT (the column default), so once the lock is held
 * every seq ever drawn belongs to a committed row or to none; with {@code CACHE 1} no session holds back a lower seq
 * to use later. Hence no row can appear later at or below any seq read now, and moving the watermark to the chunk's
 * last seq can never skip a row. The chunk's ledger transfer, its {@code settlements} row and the new watermark
 * commit together, or not at all. The transfer id is derived from the seq range, so even a replayed range could not
 * post twice.
 *
 * <p>Inserters wait while a chunk is being settled (see {@link #DEFAULT_BATCH_SIZE} for how long). A transaction
 * that inserts a charge must not hold a lock on a ledger account at that moment (post the ledger transfer after the
 * insert), or it could deadlock with a settler; PostgreSQL would then abort one of them.
 *
 * <p>A chunk is the seq range from the watermark to at most {@code batchSize} past the first unsettled seq, ended
 * early at the highest seq: seqs are distinct integers, so it holds at least one charge and at most {@code batchSize}
 * (fewer where rolled-back inserts left gaps). Both ends are found by two probes of the primary key.
 *
 * <p>Each chunk is one transfer of kind {@code settlement}: per buyer, {@code escrow:buyer -sum(escrow)} and {@code
 * buyer:buyer +sum(refund)}; per host, {@code host_earnings:host +sum(charge - fee)}; {@code platform_fees
 * +sum(fee)}; zero legs dropped. It fails with the ledger's {@code InsufficientFundsException} if a buyer's escrow
 * holds less than its charges' escrow (a bug upstream), and then settles nothing until that is corrected.
 */
public final class EarningsService {
  /**
   * The most charges per chunk (one ledger transfer, one transaction) unless the caller says otherwise. Large on
   * purpose: a chunk costs mostly its legs, one per buyer and per host in it, and nearly every host appears in every
   * large chunk, so fewer chunks post far fewer legs (docs/benchmarks.md, "Settlement": 1,000,000 charges over 10,000
   * hosts settle about five times faster in one chunk than in ten).
   *
   * <p>The price is the SHARE lock on {@code job_charges}: a job ending while a chunk is settled waits to insert its
   * charge until the chunk commits, about 1 s for a full chunk of 1,000,000 on the benchmark machine, holding the
   * locks its transaction already took; it waits, it does not fail. Full chunks are met only when catching up a backlog (settlement stopped for a long while):
   * {@code EarningsJob} runs every minute by default, so a chunk normally holds one minute of ended jobs and the lock
   * is held for milliseconds. A caller that cannot afford a second's stall of job ends passes a smaller batch.
   */
  public static final int DEFAULT_BATCH_SIZE = 1_000_000;

  private static final int BUYER = 1;
  private static final int HOST = 2;
  private static final int TOTAL = 3;

  private final Jdbi jdbi;
  private final Ledger ledger;
  private final Clock clock;
  private final int batchSize;

  /** The {@link Jdbi} must have the SqlObject plugin installed; {@code batchSize} is the most charges per chunk. */
  public EarningsService(Jdbi jdbi, Ledger ledger, Clock clock, int batchSize) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0: " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /**
   * Settles every charge committed before this call and not yet settled, chunk by chunk (see the class comment), and
   * returns what this call posted. Charges committed while it runs may be settled too, or left for the next call.
   */
  public Settlement settle() {
    Settlement total = Settlement.NONE;
    while (true) {
      Optional<Chunk> chunk = jdbi.inTransaction(this::settleChunk);
      if (chunk.isEmpty()) {
        return total;
      }
      total = total.plus(chunk.get().settled());
      if (chunk.get().reachedLast()) {
        return total;
      }
    }
  }

  /** What one chunk posted, and whether it ended at the highest seq committed when it was taken. */
  private record Chunk(Settlement settled, boolean reachedLast) {}

  private Optional<Chunk> settleChunk(Handle h) {
    EarningsDao dao = h.attach(EarningsDao.class);
    long after = dao.lockWatermark();
    h.execute("LOCK TABLE job_charges IN SHARE MODE");
    EarningsDao.Pending pending = dao.pending(after);
    if (pending.first() == null) {
      return Optional.empty();
    }
    long upTo = Math.min(pending.last(), pending.first() - 1 + batchSize);
    List<Entry> legs = new ArrayList<>();
    EarningsDao.Group total = null;
    for (EarningsDao.Group g : dao.aggregate(after, upTo)) {
      switch (g.level()) {
        case BUYER -> {
          legs.add(Entry.debit(AccountRef.escrow(g.buyer()), g.escrow()));
          legs.add(Entry.credit(AccountRef.buyer(g.buyer()), g.refunded()));
        }
        case HOST -> {
          if (g.host() != null) {
            legs.add(Entry.credit(AccountRef.hostEarnings(g.host()), g.hostAmount()));
          }
        }
        case TOTAL -> {
          legs.add(Entry.credit(AccountRef.platformFees(), g.fees()));
          total = g;
        }
        default -> throw new IllegalStateException("unexpected grouping level " + g.level());
      }
    }
    Objects.requireNonNull(total, "the chunk's total row");
    UUID id = UUID.nameUUIDFromBytes(("rigshare settlement " + after + " " + upTo).getBytes(StandardCharsets.UTF_8));
    UUID transfer = null;
    if (total.escrow() > 0) {
      ledger.transfer(h, id, "settlement", "job_charges seq " + after + " < seq <= " + upTo, legs);
      transfer = id;
    }
    dao.insertSettlement(
        id, after, upTo, transfer, total.jobs(), total.charged(), total.fees(), total.refunded(),
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    dao.moveWatermark(upTo);
    Settlement settled = new Settlement(1, total.jobs(), total.charged(), total.fees(), total.refunded());
    return Optional.of(new Chunk(settled, upTo == pending.last()));
  }

  /**
   * The host's earnings from charges that ended on the UTC days {@code from} to {@code to} inclusive, grouped by day
   * or node (ordered by key; by node name then id for NODE), with totals. Paid and pending are first in, first out:
   * the host's charges in seq order (all of them, not only this range) are paid from {@code paidToDate}, the total of
   * the host's confirmed payouts, until it runs out; the rest, and every charge not settled yet, is pending.
   */
  public EarningsReport report(String hostWallet, LocalDate from, LocalDate to, GroupBy groupBy, long paidToDate) {
    Objects.requireNonNull(hostWallet, "hostWallet");
    Objects.requireNonNull(groupBy, "groupBy");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("report ends before it starts: " + from + " to " + to);
    }
    if (paidToDate < 0) {
      throw new IllegalArgumentException("paidToDate must be >= 0: " + paidToDate);
    }
    var start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    var end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<EarningsDao.ReportRow> found =
        jdbi.withHandle(
            h -> {
              EarningsDao dao = h.attach(EarningsDao.class);
              return groupBy == GroupBy.DAY
                  ? dao.reportByDay(hostWallet, start, end, paidToDate)
                  : dao.reportByNode(hostWallet, start, end, paidToDate);
            });
    List<EarningsReport.Row> rows = new ArrayList<>(found.size());
    long jobs = 0;
    long seconds = 0;
    long earned = 0;
    long paid = 0;
    for (EarningsDao.ReportRow r : found) {
      rows.add(new EarningsReport.Row(r.key(), r.nodeName(), r.jobs(), r.billedSeconds(), r.earned(),
          r.earned() - r.paid(), r.paid()));
      jobs += r.jobs();
      seconds += r.billedSeconds();
      earned = Math.addExact(earned, r.earned());
      paid = Math.addExact(paid, r.paid());
    }
    EarningsReport.Row totals = new EarningsReport.Row("total", null, jobs, seconds, earned, earned - paid, paid);
    return new EarningsReport(hostWallet, from, to, groupBy, paidToDate, rows, totals);
  }

  /**
   * Writes the report as CSV (RFC 4180, CRLF line ends): a header line {@code
   * key,node_name,jobs,billed_seconds,earned,pending,paid}, one line per row, then the totals line (key {@code
   * total}). A node name that a spreadsheet would read as a formula is prefixed with {@code '}.
   *
   * @throws UncheckedIOException if {@code out} fails
   */
  public void writeCsv(EarningsReport report, Appendable out) {
    try {
      out.append("key,node_name,jobs,billed_seconds,earned,pending,paid\r\n");
      for (EarningsReport.Row r : report.rows()) {
        writeRow(r, out);
      }
      writeRow(report.totals(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeRow(EarningsReport.Row r, Appendable out) throws IOException {
    out.append(csvField(r.key())).append(',').append(csvField(r.nodeName())).append(',')
        .append(Long.toString(r.jobs())).append(',').append(Long.toString(r.billedSeconds())).append(',')
        .append(Long.toString(r.earned())).append(',').append(Long.toString(r.pending())).append(',')
        .append(Long.toString(r.paid())).append("\r\n");
  }

  static String csvField(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
