package io.rigshare.bench;

import static io.rigshare.bench.ReportText.map;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report of an {@link OffersLoad} result: the latencies against the target, then the plans. */
final class OffersReport {
  private OffersReport() {}

  static String markdown(Map<String, Object> result) {
    StringBuilder b = new StringBuilder();
    Map<String, Object> run = map(result.get("run"));
    Map<String, Object> data = map(result.get("data"));
    Map<String, Object> measured = map(result.get("measured"));
    Map<String, Object> saturated = map(result.get("saturated"));
    Map<String, Object> explain = map(result.get("explain"));
    Map<String, Object> verdict = map(result.get("verdict"));
    b.append(ReportText.heading("Offers benchmark", result, String.valueOf(data.get("postgres"))));
    b.append(String.format(Locale.ROOT, "Data: %s nodes, %s listed (%s%%), %s models; %s running jobs on %s "
            + "nodes (%s listed nodes fully busy, so not offered); %s jobs in all. Table `nodes` %s, its indexes "
            + "%s; `jobs` %s; shared_buffers %s. Seeding: %s.%n%n",
        num(data.get("nodes")), num(data.get("listed")), data.get("listedPct"), data.get("listedModels"),
        num(data.get("activeJobs")), num(data.get("busyNodes")), num(data.get("listedButFullyBusy")),
        num(data.get("jobs")), data.get("nodesTableSize"), data.get("nodesIndexesSize"), data.get("jobsTableSize"),
        data.get("sharedBuffers"), result.get("seeding")));
    Map<String, Object> pass = map(result.get("reliabilityPass"));
    if (Boolean.TRUE.equals(pass.get("awaited"))) {
      b.append(String.format(Locale.ROOT, "The API's reliability job rewrote every node row before the warm-up "
              + "(%s s from its start; VACUUM ANALYZE after it %s s); listed nodes' reliability: %s.%n%n",
          pass.get("passSeconds"), pass.get("vacuumAnalyzeSeconds"), pass.get("listedReliability")));
    } else if (pass.get("failure") != null) {
      b.append("The API's reliability job did not rewrite the nodes (").append(pass.get("failure"))
          .append("): the seeded reliability values were measured.\n\n");
    }
    b.append(String.format(Locale.ROOT, "Measured: %s clients, %s for %s s after a %s s warm-up; %s requests "
            + "(%s/s), %s errors, %s sent over 1 ms late, %s not sent by the end. CPU, %% of one core: API %s, "
            + "PostgreSQL %s, this tool %s; "
            + "machine busy %s %%; 1-min load average %s to %s.%n%n",
        run.get("clients"), ((Number) run.get("rate")).doubleValue() > 0 ? run.get("rate") + " requests/s in all "
            + "(open loop)" : "flat out", measured.get("seconds"), run.get("warmupSeconds"), measured.get("requests"),
        measured.get("requestsPerSecond"), measured.get("errors"), measured.get("lateSchedules"),
        measured.get("unsentAtEnd"),
        map(measured.get("cpu")).get("apiPctOfOneCore"), map(measured.get("cpu")).get("dbPctOfOneCore"),
        map(measured.get("cpu")).get("loadgenPctOfOneCore"), map(measured.get("cpu")).get("machineBusyPct"),
        map(measured.get("loadAverage")).get("min1m"), map(measured.get("loadAverage")).get("max1m")));
    b.append(String.format(Locale.ROOT, "Node rows updated while measuring: %s; jobs by state at the end: %s.%n%n",
        result.get("nodeRowsUpdatedWhileMeasuring"), result.get("jobStatesAtEnd")));

    b.append("| query kind | requests | p50 | p90 | **p99** | max | SQL ms (EXPLAIN ANALYZE) | plan | indexes |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Object> byKind = map(measured.get("byKind"));
    for (Map.Entry<String, Object> e : byKind.entrySet()) {
      Map<String, Object> m = map(e.getValue());
      Map<String, Object> x = map(explain.get(e.getKey()));
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | **%s** | %s | %s | %s | %s |%n", e.getKey(),
          m.get("count"), m.get("p50"), m.get("p90"), m.get("p99"), m.get("max"), x.get("executionMsMedian"),
          x.get("planCache"), indexes(x)));
    }
    for (Map.Entry<String, Object> e : explain.entrySet()) {
      Map<String, Object> x = map(e.getValue());
      if (Boolean.FALSE.equals(x.get("inHttpMix"))) {
        b.append(String.format(Locale.ROOT, "| %s (EXPLAIN only) | | | | | | %s | %s | %s |%n", e.getKey(),
            x.get("executionMsMedian"), x.get("planCache"), indexes(x)));
      }
    }
    Map<String, Object> lists = map(measured.get("allListQueriesMs"));
    Map<String, Object> overall = map(measured.get("overallMs"));
    b.append(String.format(Locale.ROOT, "| **all list queries** | %s | %s | %s | **%s** | %s | | | |%n",
        lists.get("count"), lists.get("p50"), lists.get("p90"), lists.get("p99"), lists.get("max")));
    b.append(String.format(Locale.ROOT, "| overall (with the summary) | %s | %s | %s | %s | %s | | | |%n%n",
        overall.get("count"), overall.get("p50"), overall.get("p90"), overall.get("p99"), overall.get("max")));
    b.append(String.format(Locale.ROOT, "Latencies in ms, client side (request start to last body byte). "
            + "Target: p99 under %s ms for the offers query: **%s** (p99 %s ms; kinds over: %s).%n%n",
        fmt(verdict.get("targetP99Ms")), Boolean.TRUE.equals(verdict.get("met")) ? "met" : "NOT met",
        verdict.get("listP99Ms"), verdict.get("kindsWithP99OverTarget")));
    if (!saturated.isEmpty()) {
      Map<String, Object> sl = map(saturated.get("allListQueriesMs"));
      Map<String, Object> cpu = map(saturated.get("cpu"));
      b.append(String.format(Locale.ROOT, "Flat out (%s clients, %s s): **%s requests/s**, list queries p50 %s / "
              + "p99 %s ms; CPU %% of one core: API %s, PostgreSQL %s, this tool %s; machine busy %s %%.%n%n",
          run.get("clients"), saturated.get("seconds"), saturated.get("requestsPerSecond"), sl.get("p50"),
          sl.get("p99"), cpu.get("apiPctOfOneCore"), cpu.get("dbPctOfOneCore"), cpu.get("loadgenPctOfOneCore"),
          cpu.get("machineBusyPct")));
    }
    Map<String, Object> checks = map(result.get("checks"));
    StringBuilder bad = new StringBuilder();
    checks.forEach((k, v) -> {
      Object problems = map(v).get("problems");
      if (problems instanceof List<?> l && !l.isEmpty()) {
        bad.append(k).append(": ").append(l).append("; ");
      }
    });
    b.append("Answers checked against the rules (order, filters, page size, free GPUs): ")
        .append(bad.isEmpty() ? "all as expected" : "**problems**: " + bad).append(".\n\n");

    b.append("### Plans\n\nEach statement PREPAREd with the driver's parameter types and executed 5 times first, "
        + "as on one of the API's pooled connections, then `EXPLAIN (ANALYZE, BUFFERS) EXECUTE`; the last of the "
        + "runs is shown. Listing SQL: " + run.get("explainedSql") + ".\n\n");
    for (Map.Entry<String, Object> e : explain.entrySet()) {
      Map<String, Object> x = map(e.getValue());
      b.append("#### ").append(e.getKey()).append(": ").append(x.get("description")).append("\n\n");
      b.append("`").append(x.get("request")).append("`; parameters (").append(x.get("parameters"))
          .append("); execution ms ").append(x.get("executionMs")).append(", planning ms (median) ")
          .append(x.get("planningMsMedian")).append(", plans ").append(x.get("planCache")).append("\n\n");
      b.append("```\n").append(x.get("plan")).append("\n```\n\n");
    }
    return b.toString();
  }

  private static String indexes(Map<String, Object> x) {
    Object list = x.get("indexes");
    String s = list instanceof List<?> l ? String.join(", ", l.stream().map(Object::toString).toList()) : "";
    return Boolean.TRUE.equals(x.get("seqScanOnNodes")) ? s + " **Seq Scan on nodes**" : s;
  }

  private static String num(Object v) {
    return v instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue()) : String.valueOf(v);
  }

  private static String fmt(Object v) {
    return v == null ? "-" : String.valueOf(v);
  }
}
