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
 * then, on a fresh copy of that database per run, times (a) one hand-written {@code INSERT ... SELECT} of the same
 * per-buyer, per-host and total aggregation into a scratch table and (b) {@link EarningsService#settle()}, which
 * posts the ledger transfers, and checks the ledger and the amounts it posted against (a).
 */
public final class SettlementLoad {
  static final String USAGE = """
      usage: java -cp bench/target/bench-0.1.0-SNAPSHOT-all.jar io.rigshare.bench.SettlementLoad [options]

        --jobs N          job_charges rows to settle                                                [1000000]
        --hosts H         distinct host wallets (one node each)                                       [10000]
        --buyers B        distinct buyer wallets                                                       [1000]
        --batch K         EarningsService batch size (charges per ledger transfer)                  [100000]
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

  record Options(int jobs, int hosts, int buyers, int batch, int runs, Path migrations) {}

  /** One timed run: milliseconds of the reference statement and of settle(), and what settle() reported. */
  record Run(double referenceMillis, double settleMillis, Settlement settlement) {
    /** settle()'s speed as a fraction of the reference statement's. */
    double ratio() {
      return referenceMillis / settleMillis;
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
        String db = "settlement_run_" + r;
        execute(pg, "postgres", "CREATE DATABASE " + db + " TEMPLATE settlement_seed");
        Run run = timeOne(jdbi(pg, db), o.batch());
        runs.add(run);
        out.append(String.format(Locale.ROOT,
            "run %d: reference INSERT ... SELECT %.0f ms, EarningsService.settle() %.0f ms (%d chunks, %,.0f charges/s),"
                + " settle at %.0f%% of the reference's speed%n",
            r, run.referenceMillis(), run.settleMillis(), run.settlement().chunks(),
            run.settlement().jobs() / (run.settleMillis() / 1e3), 100 * run.ratio()));
        execute(pg, "postgres", "DROP DATABASE " + db);
      }
      return runs;
    }
  }

  private static Run timeOne(Jdbi jdbi, int batch) {
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
    return new Run((b - a) / 1e6, (c - b) / 1e6, s);
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
