package io.rigshare.bench;

import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The API's PostgreSQL, reached with the {@code psql} client (the same connection settings pgbench gets): the
 * embedded server of a data dir ({@code postmaster.pid} names its port; user postgres, trust), or a URL.
 */
final class Psql {
  final String host;
  final int port;
  final String user;
  final String database;
  private final String password;

  private Psql(String host, int port, String user, String password, String database) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.database = database;
  }

  /** The embedded server whose data dir is {@code pgDir} (DATA_DIR/pg); its database is {@code rigshare}. */
  static Psql embedded(Path pgDir) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(pgDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("no running PostgreSQL in " + pgDir + " (postmaster.pid unreadable: " + e.getMessage()
          + ")", e);
    }
    if (lines.size() < 4) {
      throw new IOException(pgDir.resolve("postmaster.pid") + " is incomplete; is PostgreSQL still starting?");
    }
    int port = Integer.parseInt(lines.get(3).strip());
    return new Psql("127.0.0.1", port, "postgres", null, "rigshare");
  }

  /** postgres://user[:password]@host:port/database */
  static Psql url(String url) {
    URI u = URI.create(url.replaceFirst("^postgresql:", "postgres:"));
    String user = "postgres";
    String password = null;
    if (u.getUserInfo() != null) {
      String[] parts = u.getUserInfo().split(":", 2);
      user = parts[0];
      password = parts.length > 1 ? parts[1] : null;
    }
    String db = u.getPath() == null || u.getPath().length() <= 1 ? "rigshare" : u.getPath().substring(1);
    return new Psql(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), user, password, db);
  }

  /**
   * Posts a balanced ledger transfer from the treasury to a buyer (kind {@code bench_credit}) through the payments
   * ledger over JDBC, so the bench's jobs can be escrowed as a deposit would allow.
   */
  void credit(String wallet, long amount) {
    // Jdbi refuses a null password; the embedded server trusts local connections, so none is "".
    Jdbi jdbi = Jdbi.create("jdbc:postgresql://" + host + ":" + port + "/" + database, user,
        Objects.requireNonNullElse(password, ""))
        .installPlugin(new SqlObjectPlugin());
    new Ledger(jdbi, Clock.systemUTC()).transfer(UUID.randomUUID(), "bench_credit", "load test buyer " + wallet,
        List.of(Entry.debit(AccountRef.treasury(), amount), Entry.credit(AccountRef.buyer(wallet), amount)));
  }

  String describe() {
    return user + "@" + host + ":" + port + "/" + database;
  }

  /** The connection options pgbench and psql share. */
  List<String> connectionArgs() {
    return List.of("-h", host, "-p", Integer.toString(port), "-U", user);
  }

  ProcessBuilder process(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (password != null) {
      pb.environment().put("PGPASSWORD", password);
    }
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.environment().put("PGOPTIONS", "-c client_min_messages=warning");
    return pb;
  }

  /** Runs SQL; returns the unaligned, tuples-only output lines (fields split on '|'). */
  List<String[]> query(String sql) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"));
    command.addAll(connectionArgs());
    command.addAll(List.of("-d", database, "-c", sql));
    Process p = process(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("psql timed out on: " + ApiClient.abbreviate(sql));
    }
    if (p.exitValue() != 0) {
      throw new IOException("psql failed (" + p.exitValue() + ") on " + ApiClient.abbreviate(sql) + ": "
          + out.strip());
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        rows.add(line.split("\\|", -1));
      }
    }
    return rows;
  }

  /** The first column of the first row as a number (null when empty or NULL). */
  Double number(String sql) throws IOException, InterruptedException {
    List<String[]> rows = query(sql);
    if (rows.isEmpty() || rows.get(0)[0].isEmpty()) {
      return null;
    }
    return Double.parseDouble(rows.get(0)[0]);
  }
}
