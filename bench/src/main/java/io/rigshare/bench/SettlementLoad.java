package io.rigshare.bench;

import io.rigshare.payments.earnings.EarningsService;
import io.rigshare.payments.earnings.Settlement;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.LedgerCheck;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The settlement benchmark (docs/benchmarks.md, "Settlement"): on an embedded PostgreSQL with marketplace-api's
 * migrations, seeds N ended jobs' charges over H hosts and B buyers (with the buyers' escrow funded in the ledger),
 * then, per run, times on fresh copies of that database: (a) one hand-written {@code INSERT ... SELECT} of the same
 * per-buyer, per-host and total aggregation into a scratch table, (b) the same aggregation posted into the real
 * ledger by hand (one transfer, its entries by one {@code INSERT ... SELECT}, the accounts created beforehand and not
 * timed) and (c) {@link EarningsService#settle()}, which posts the ledger transfers; it checks the amounts (b) and (c)
 * posted against (a), and the ledger.
 */
public final class SettlementLoad {
  static final String USAGE = """
      usage: java -cp bench/target/bench-0.1.0-SNAPSHOT-all.jar io.rigshare.bench.SettlementLoad [options]

        --jobs N          job_charges rows to settle                                                [1000000]
        --hosts H         distinct host wallets (one node each)                                       [10000]
        --buyers B        distinct buyer wallets                                                       [1000]
        --batch K         EarningsService batch size (charges per ledger transfer)                 [1000000]
        --runs R          timed runs, each on a fresh copy of the seeded database                         [3]
        --migrations DIR  marketplace-api's Flyway migrations  [marketplace-api/src/main/resources/db/migration]
      """;

  /** The aggregation settle() performs per chunk, here over all rows in one statement. */
  static final String REFERENCE = """
      INSERT INTO settlement_reference
      SELECT GROUPING(buyer, host), buyer, host, count(*), sum(escrow)::bigint, sum(charge)::bigint,
             sum(fee)::bigint, sum(host_amount)::bigint, sum(refund)::bigint
      FROM job_charges
      GROUP BY GROUPING SETS ((buyer), (host), ())""";

  /**
   * The aggregation posted into the ledger by hand as the entries of transfer {@code :transfer}, all legs in one
   * statement (the accounts must exist): per buyer {@code escrow -escrow} and {@code buyer +refund}, per host {@code
   * host_earnings +(charge - fee)}, {@code platform_fees +fee}, zero legs dropped, in account id order.
   */
  static final String LEDGER_REFERENCE = """
      INSERT INTO ledger_entries (transfer_id, account_id, amount)
      SELECT CAST(:transfer AS uuid), a.id, l.amount
      FROM (SELECT GROUPING(buyer, host) AS level, buyer, host, sum(escrow)::bigint AS escrow,
                   sum(fee)::bigint AS fees, sum(host_amount)::bigint AS host_amount, sum(refund)::bigint AS refunded
            FROM job_charges
            GROUP BY GROUPING SETS ((buyer), (host), ())) g
      CROSS JOIN LATERAL (VALUES (1, 'escrow', g.buyer, -g.escrow), (1, 'buyer', g.buyer, g.refunded),
                                 (2, 'host_earnings', g.host, g.host_amount), (3, 'platform_fees', NULL, g.fees))
                 AS l(level, kind, owner, amount)
      JOIN ledger_accounts a ON a.kind = l.kind AND coalesce(a.owner, '') = coalesce(l.owner, '')
      WHERE l.level = g.level AND l.amount <> 0
      ORDER BY a.id""";

  /** The accounts {@link #LEDGER_REFERENCE} posts to, created before it is timed. */
  static final String LEDGER_REFERENCE_ACCOUNTS = """
      INSERT INTO ledger_accounts (kind, owner, allow_negative, created_at)
      SELECT k.kind, k.owner, false, now()
      FROM (SELECT DISTINCT 'buyer' AS kind, buyer AS owner FROM job_charges
            UNION ALL SELECT DISTINCT 'host_earnings', host FROM job_charges WHERE host IS NOT NULL
            UNION ALL SELECT 'platform_fees', NULL) k
      ORDER BY 1, 2""";

  record Options(int jobs, int hosts, int buyers, int batch, int runs, Path migrations) {}

  /**
   * One timed run: milliseconds of the scratch-table reference, of the ledger reference and of settle(), and what
   * settle() reported.
   */
  record Run(double referenceMillis, double ledgerReferenceMillis, double settleMillis, Settlement settlement) {
    /** settle()'s speed as a fraction of the scratch-table reference's. */
    double ratio() {
      return referenceMillis / settleMillis;
    }

    /** settle()'s speed as a fraction of the ledger reference's. */
    double ledgerRatio() {
      return ledgerReferenceMillis / settleMillis;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("settlement-load: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    List<Run> runs = run(o, System.out);
    System.exit(runs.size() == o.runs() ? 0 : 1);
  }

  static Options parse(String[] args) {
    int jobs = 1_000_000;
    int hosts = 10_000;
    int buyers = 1_000;
    int batch = EarningsService.DEFAULT_BATCH_SIZE;
    int runs = 3;
    Path migrations = Path.of("marketplace-api/src/main/resources/db/migration");
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--jobs" -> jobs = positive(flag, value);
        case "--hosts" -> hosts = positive(flag, value);
        case "--buyers" -> buyers = positive(flag, value);
        case "--batch" -> batch = positive(flag, value);
        case "--runs" -> runs = positive(flag, value);
        case "--migrations" -> migrations = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (!Files.isDirectory(migrations)) {
      throw new IllegalArgumentException("no migrations folder " + migrations.toAbsolutePath());
    }
    return new Options(jobs, hosts, buyers, batch, runs, migrations);
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value.replace("_", ""));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " must be a positive integer: " + value);
  }

  /** Seeds once, then times each run on a fresh copy; prints as it goes and returns the runs. */
  static List<Run> run(Options o, Appendable out) throws IOException, SQLException {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      long t0 = System.nanoTime();
      execute(pg, "postgres", "CREATE DATABASE settlement_seed");
      Flyway.configure().dataSource(pg.getJdbcUrl("postgres", "settlement_seed"), "postgres", "")
          .locations("filesystem:" + o.migrations().toAbsolutePath()).failOnMissingLocations(true).load().migrate();
      seed(jdbi(pg, "settlement_seed"), o);
      out.append(String.format(Locale.ROOT, "seeded %,d charges over %,d hosts and %,d buyers in %.1f s%n",
          o.jobs(), o.hosts(), o.buyers(), (System.nanoTime() - t0) / 1e9));
      List<Run> runs = new ArrayList<>();
      for (int r = 1; r <= o.runs(); r++) {
        String ledgerDb = "settlement_ledger_" + r;
        execute(pg, "postgres", "CREATE DATABASE " + ledgerDb + " TEMPLATE settlement_seed");
        double ledgerMillis = timeLedgerReference(jdbi(pg, ledgerDb));
        execute(pg, "postgres", "DROP DATABASE " + ledgerDb);
        String db = "settlement_run_" + r;
        execute(pg, "postgres", "CREATE DATABASE " + db + " TEMPLATE settlement_seed");
        Run run = timeOne(jdbi(pg, db), o.batch(), ledgerMillis);
        runs.add(run);
        out.append(String.format(Locale.ROOT,
            "run %d: reference INSERT ... SELECT into a scratch table %.0f ms, into the ledger %.0f ms;"
                + " EarningsService.settle() %.0f ms (%d chunks, %,.0f charges/s): settle at %.0f%% of the scratch"
                + " reference's speed, %.0f%% of the ledger reference's%n",
            r, run.referenceMillis(), run.ledgerReferenceMillis(), run.settleMillis(), run.settlement().chunks(),
            run.settlement().jobs() / (run.settleMillis() / 1e3), 100 * run.ratio(), 100 * run.ledgerRatio()));
        execute(pg, "postgres", "DROP DATABASE " + db);
      }
      return runs;
    }
  }

  /**
   * Times {@link #LEDGER_REFERENCE} with its transfer row, commit included, on accounts created beforehand; checks
   * that it drained every escrow into the right totals and left a sound ledger.
   */
  private static double timeLedgerReference(Jdbi jdbi) {
    jdbi.useHandle(h -> {
      h.execute(LEDGER_REFERENCE_ACCOUNTS);
      h.execute("VACUUM ANALYZE ledger_accounts");
      h.execute("SELECT count(*), sum(escrow) FROM job_charges"); // as warm as the other two
    });
    UUID transfer = UUID.randomUUID();
    long a = System.nanoTime();
    jdbi.useTransaction(h -> {
      h.execute("INSERT INTO ledger_transfers (id, kind, memo, created_at) VALUES (?, 'settlement', 'reference', now())",
          transfer);
      h.createUpdate(LEDGER_REFERENCE).bind("transfer", transfer).execute();
    });
    long b = System.nanoTime();
    jdbi.useHandle(h -> {
      long wrong = h.createQuery("""
              SELECT (SELECT count(*) FROM ledger_accounts WHERE kind = 'escrow' AND balance <> 0)
                   + (SELECT CASE WHEN sum(balance) = (SELECT sum(host_amount) FROM job_charges) THEN 0 ELSE 1 END
                      FROM ledger_accounts WHERE kind = 'host_earnings')
                   + (SELECT CASE WHEN balance = (SELECT sum(fee) FROM job_charges) THEN 0 ELSE 1 END
                      FROM ledger_accounts WHERE kind = 'platform_fees')""")
          .mapTo(Long.class).one();
      if (wrong != 0) {
        throw new IllegalStateException("the ledger reference posted wrong amounts (" + wrong + " checks failed)");
      }
    });
    var report = new LedgerCheck(jdbi).run();
    if (!report.healthy()) {
      throw new IllegalStateException("ledger check after the ledger reference: " + report.problems());
    }
    return (b - a) / 1e6;
  }

  private static Run timeOne(Jdbi jdbi, int batch, double ledgerMillis) {
    jdbi.useHandle(h -> {
      h.execute("""
          CREATE TABLE settlement_reference (level int, buyer text, host text, jobs bigint, escrow bigint,
                                             charged bigint, fees bigint, host_amount bigint, refunded bigint)""");
      h.execute("SELECT count(*), sum(escrow) FROM job_charges"); // both variants start with the table in cache
    });
    long a = System.nanoTime();
    jdbi.useHandle(h -> h.execute(REFERENCE));
    long b = System.nanoTime();
    Ledger ledger = new Ledger(jdbi, Clock.systemUTC());
    Settlement s = new EarningsService(jdbi, ledger, Clock.systemUTC(), batch).settle();
    long c = System.nanoTime();
    verify(jdbi, ledger, s);
    return new Run((b - a) / 1e6, ledgerMillis, (c - b) / 1e6, s);
  }

  /** Everything settled once, amounts equal to the reference aggregation, and a sound ledger. */
  private static void verify(Jdbi jdbi, Ledger ledger, Settlement s) {
    long[] ref = jdbi.withHandle(h -> h.createQuery(
            "SELECT jobs, charged, fees, refunded, host_amount FROM settlement_reference WHERE level = 3")
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)})
        .one());
    if (s.jobs() != ref[0] || s.charged() != ref[1] || s.fees() != ref[2] || s.refunded() != ref[3]) {
      throw new IllegalStateException("settle() reported " + s + ", the reference " + java.util.Arrays.toString(ref));
    }
    long earnings = jdbi.withHandle(h -> h.createQuery(
        "SELECT coalesce(sum(balance), 0)::bigint FROM ledger_accounts WHERE kind = 'host_earnings'")
        .mapTo(Long.class).one());
    if (earnings != ref[4] || ledger.balance(AccountRef.platformFees()) != ref[2]) {
      throw new IllegalStateException("host earnings " + earnings + " or fees differ from the reference");
    }
    var report = new LedgerCheck(jdbi).run();
    if (!report.healthy()) {
      throw new IllegalStateException("ledger check: " + report.problems());
    }
  }

  /**
   * Hosts (a node each), one ended job per charge, the charges (every 20th billed nothing: no host, all refunded),
   * then one transfer funding each buyer's escrow with exactly its charges' escrow.
   */
  static void seed(Jdbi jdbi, Options o) {
    jdbi.useHandle(h -> {
      h.execute("""
          INSERT INTO node_tokens (id, wallet, token_hash, created_at, expires_at)
          SELECT md5('token' || i)::uuid, 'host-' || i, decode(md5('a' || i) || md5('b' || i), 'hex'), now(),
                 now() + interval '1 hour'
          FROM generate_series(1, ?) i""", o.hosts());
      h.execute("""
          INSERT INTO nodes (id, wallet, node_key, token_id, name, status, created_at, updated_at)
          SELECT md5('node' || i)::uuid, 'host-' || i, 'key-' || i, md5('token' || i)::uuid, 'rig-' || i, 'online',
                 now(), now()
          FROM generate_series(1, ?) i""", o.hosts());
      h.execute("""
          INSERT INTO jobs (id, buyer, request_sha256, runtime, runtime_type, gpu_count, min_vram_mib, gpu_models,
                            min_score, max_price_per_hour, time_limit_seconds, state, available_at, created_at,
                            queued_at, updated_at, escrow)
          SELECT md5('job' || i)::uuid, 'buyer-' || (i % ?), 'sha', '{}', 'process', 1, 0, '{}', 0, 3600, 3600,
                 'succeeded', now(), now(), now(), now(), 3600
          FROM generate_series(1, ?) i""", o.buyers(), o.jobs());
      h.execute("""
          INSERT INTO job_charges (job_id, attempt, buyer, host, node_id, escrow, charge, fee, billed_seconds,
                                   price_per_hour, outcome, ended_at, created_at)
          SELECT md5('job' || i)::uuid, 1, 'buyer-' || (i % ?),
                 CASE WHEN i % 20 = 0 THEN NULL ELSE 'host-' || (1 + (i * 7919) % ?) END,
                 CASE WHEN i % 20 = 0 THEN NULL ELSE md5('node' || (1 + (i * 7919) % ?))::uuid END,
                 3600, c.charge, c.charge * 250 / 10000, c.charge, 3600,
                 CASE WHEN i % 20 = 0 THEN 'expired' ELSE 'succeeded' END,
                 now() - (i % 720) * interval '1 hour', now()
          FROM generate_series(1::bigint, ?) i,
               LATERAL (SELECT CASE WHEN i % 20 = 0 THEN 0 ELSE 1 + (i * 31) % 3600 END AS charge) c
          ORDER BY i""", o.buyers(), o.hosts(), o.hosts(), o.jobs());
      h.execute("VACUUM ANALYZE job_charges");
    });
    List<Entry> legs = new ArrayList<>();
    long total = 0;
    for (var row : jdbi.withHandle(h -> h.createQuery(
            "SELECT buyer, sum(escrow)::bigint AS escrow FROM job_charges GROUP BY buyer")
        .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2)}).list())) {
      legs.add(Entry.credit(AccountRef.escrow((String) row[0]), (Long) row[1]));
      total += (Long) row[1];
    }
    legs.add(Entry.debit(AccountRef.treasury(), total));
    new Ledger(jdbi, Clock.systemUTC()).transfer(UUID.randomUUID(), "deposit", "bench escrow", legs);
    jdbi.useHandle(h -> h.execute("VACUUM ANALYZE"));
  }

  private static Jdbi jdbi(EmbeddedPostgres pg, String db) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(pg.getJdbcUrl("postgres", db));
    ds.setUser("postgres");
    return Jdbi.create(ds).installPlugin(new SqlObjectPlugin());
  }

  private static void execute(EmbeddedPostgres pg, String db, String sql) throws SQLException {
    try (Connection c = pg.getDatabase("postgres", db).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
