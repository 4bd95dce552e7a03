package io.rigshare.bench;

import io.rigshare.bench.OffersQueries.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server-side time and plan of a query kind, as the API's connections run it: the statement is PREPAREd with the
 * driver's parameter types and EXECUTEd 5 times first (the JDBC driver switches to a named server-side statement
 * after 5 uses, and PostgreSQL may then pick a generic plan), then {@code EXPLAIN (ANALYZE, BUFFERS) EXECUTE} runs N
 * times; the median execution time is reported with the last plan, and whether it was a generic or a custom plan.
 */
final class OffersExplain {
  private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
  private static final Pattern PLANNING = Pattern.compile("Planning Time: ([0-9.]+) ms");
  private static final Pattern INDEX = Pattern.compile("(?:Index Scan|Index Only Scan|Bitmap Index Scan)"
      + "(?: Backward)? (?:using|on) ([a-z_0-9]+)");

  private final Psql db;
  private final boolean lateral;

  OffersExplain(Psql db, boolean lateral) {
    this.db = db;
    this.lateral = lateral;
  }

  Map<String, Object> explain(Spec spec, int runs) throws IOException, InterruptedException {
    String sql;
    List<String[]> params;
    if (spec.summary()) {
      sql = OffersQueries.SUMMARY_SQL;
      params = List.of();
    } else {
      sql = OffersQueries.listSql(spec, lateral);
      List<String> models = spec.model() == null ? List.of()
          : db.query(OffersQueries.modelsSql(spec.model())).stream().map(r -> r[0]).toList();
      params = OffersQueries.parameters(spec, models, lateral);
    }
    String types = String.join(", ", params.stream().map(p -> p[0]).toList());
    String values = String.join(", ", params.stream().map(p -> p[1]).toList());
    String execute = params.isEmpty() ? "EXECUTE bench_q" : "EXECUTE bench_q(" + values + ")";
    StringBuilder script = new StringBuilder();
    script.append("PREPARE bench_q").append(params.isEmpty() ? "" : "(" + types + ")").append(" AS ")
        .append(sql.strip()).append(";\n\\o /dev/null\n");
    for (int i = 0; i < 5; i++) {
      script.append(execute).append(";\n");
    }
    script.append("\\o\n");
    for (int i = 0; i < runs; i++) {
      script.append("EXPLAIN (ANALYZE, BUFFERS) ").append(execute).append(";\n");
    }
    script.append("SELECT 'plans: generic ' || generic_plans || ', custom ' || custom_plans "
        + "FROM pg_prepared_statements WHERE name = 'bench_q';\n");
    List<String> lines = run(script.toString());

    List<Double> executions = new ArrayList<>();
    List<Double> plannings = new ArrayList<>();
    List<String> plan = new ArrayList<>();
    List<String> current = new ArrayList<>();
    String planCounts = null;
    for (String line : lines) {
      if (line.startsWith("plans: ")) {
        planCounts = line.substring("plans: ".length());
        continue;
      }
      current.add(line);
      Matcher p = PLANNING.matcher(line);
      if (p.find()) {
        plannings.add(Double.parseDouble(p.group(1)));
      }
      Matcher e = EXECUTION.matcher(line);
      if (e.find()) {
        executions.add(Double.parseDouble(e.group(1)));
        plan = current;
        current = new ArrayList<>();
      }
    }
    TreeSet<String> indexes = new TreeSet<>();
    boolean seqScanOnNodes = false;
    for (String line : plan) {
      Matcher m = INDEX.matcher(line);
      while (m.find()) {
        indexes.add(m.group(1));
      }
      seqScanOnNodes |= line.contains("Seq Scan on nodes");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("request", OffersQueries.describe(spec));
    r.put("executionMsMedian", median(executions));
    r.put("executionMs", executions);
    r.put("planningMsMedian", median(plannings));
    r.put("planCache", planCounts);
    r.put("indexes", List.copyOf(indexes));
    r.put("seqScanOnNodes", seqScanOnNodes);
    r.put("sql", sql.strip());
    r.put("parameters", values);
    r.put("plan", String.join("\n", plan));
    return r;
  }

  private List<String> run(String script) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"));
    command.addAll(db.connectionArgs());
    command.addAll(List.of("-d", db.database, "-f", "-"));
    Process p = db.process(command).redirectErrorStream(true).start();
    p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("psql timed out on the EXPLAIN script");
    }
    if (p.exitValue() != 0) {
      throw new IOException("psql failed (" + p.exitValue() + ") on the EXPLAIN script: " + out.strip()
          + "\nscript:\n" + script);
    }
    List<String> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return AgentLoad.round(m, 3);
  }
}
