package io.rigshare.bench;

import static io.rigshare.bench.ReportText.map;

import java.util.Locale;
import java.util.Map;

/** The Markdown summary of a {@link DispatchLoad} result: the figures against the targets, then the hot spots. */
final class DispatchReport {
  private DispatchReport() {}

  static String markdown(Map<String, Object> result) {
    StringBuilder b = new StringBuilder();
    Map<String, Object> run = map(result.get("run"));
    b.append(ReportText.heading("Dispatch benchmark", result, String.format(Locale.ROOT,
        "%s agents, %s submitters, cpuJobsPerNode %s, max in flight %s", run.get("agents"), run.get("submitters"),
        or(run.get("cpuJobsPerNode"), "(attached)"), run.get("maxInFlight"))));
    Map<String, Object> idle = map(result.get("idle"));
    Map<String, Object> tp = map(result.get("throughput"));
    Map<String, Object> pg = map(result.get("pgbench"));
    Map<String, Object> verdict = map(result.get("verdict"));
    b.append("| figure | value | target |\n|---|---|---|\n");
    row(b, "**jobs/s, queued to succeeded** (phase 2, " + tp.get("seconds") + " s)",
        bold(tp.get("completedPerSecond")), ">= 2,000");
    row(b, "submitted/s in the window; backlog at its end", tp.get("submittedPerSecond") + "; "
        + tp.get("backlogAtEnd"), "");
    for (Map.Entry<String, Object> e : pg.entrySet()) {
      Map<String, Object> run3 = map(e.getValue());
      row(b, "pgbench `" + e.getKey() + "` TPS (" + run3.get("clients") + " clients; latency avg ms)",
          run3.get("tps") + " (" + run3.get("latencyAverageMs") + ")", "");
      row(b, "jobs/s / pgbench `" + e.getKey() + "` TPS", bold(verdict.get("ratioToPgbench_" + e.getKey())),
          "plain".equals(e.getKey()) ? ">= 0.5" : "");
    }
    row(b, "**idle: queued -> running** p50 / p90 / p99 / max, ms (client: submit start to `started` sent)",
        pct(idle.get("clientQueuedToRunningMs"), true), "p99 < 50");
    Map<String, Object> idleServer = map(idle.get("server"));
    row(b, "idle: queued -> running, server timestamps", pct(idleServer.get("queuedToRunningMs"), true), "");
    row(b, "idle: queued -> assigned / assigned -> running / running -> finished (server p50, p99)",
        p50p99(idleServer.get("queuedToAssignedMs")) + " / " + p50p99(idleServer.get("assignedToRunningMs")) + " / "
            + p50p99(idleServer.get("runningToFinishedMs")), "");
    row(b, "idle: submit HTTP p50 / p99; queued -> succeeded p50 / p99 (client)",
        p50p99(idle.get("submitHttpMs")) + "; " + p50p99(idle.get("clientQueuedToSucceededMs")), "");
    row(b, "load: queued -> running p50 / p90 / p99 / max (client)", pct(tp.get("clientQueuedToRunningMs"), true),
        "");
    Map<String, Object> tpServer = map(tp.get("server"));
    row(b, "load: queued -> assigned / assigned -> running / running -> finished (server p50, p99)",
        p50p99(tpServer.get("queuedToAssignedMs")) + " / " + p50p99(tpServer.get("assignedToRunningMs")) + " / "
            + p50p99(tpServer.get("runningToFinishedMs")), "");
    row(b, "load: submit HTTP p50 / p99", p50p99(tp.get("submitHttpMs")), "");
    row(b, "database commits per job; commits/s; WAL bytes per job", tp.get("dbCommitsPerJob") + "; "
        + tp.get("dbCommitsPerSecond") + "; " + tp.get("walBytesPerJob"), "");
    Map<String, Object> cpu = map(tp.get("cpu"));
    row(b, "phase 2 CPU, % of one core: API / PostgreSQL / load generator; machine busy %",
        cpu.get("apiPctOfOneCore") + " / " + cpu.get("dbPctOfOneCore") + " / " + cpu.get("loadgenPctOfOneCore")
            + "; " + cpu.get("machineBusyPct") + " %", "");
    Map<String, Object> perJob = map(tp.get("cpuMsPerJob"));
    row(b, "CPU ms per job: API / PostgreSQL / load generator", perJob.get("api") + " / " + perJob.get("db") + " / "
        + perJob.get("loadgen"), "");
    row(b, "jobs/s the machine's cores would carry at that cost: server alone; with this load generator",
        perJob.get("serverOnlyCeilingJobsPerSecond") + "; " + perJob.get("withLoadgenCeilingJobsPerSecond"), "");
    row(b, "jobs left unfinished (warm-up, idle, throughput)", map(result.get("warmup")).get("unfinished") + ", "
        + idle.get("unfinished") + ", " + tp.get("unfinished"), "0");
    row(b, "agent errors; submission failures", result.get("agentErrors") + "; " + result.get("submissionFailures"),
        "none");
    hotSpots(b, map(tp.get("apiProfile")));
    jfr(b, map(tp.get("apiJfr")));
    return b.toString();
  }

  private static void jfr(StringBuilder b, Map<String, Object> jfr) {
    if (jfr.isEmpty()) {
      return;
    }
    b.append("\n### JFR profile of the API during phase 2 (").append(jfr.get("cpuSamples"))
        .append(" CPU samples, % of them)\n");
    list(b, "by thread group", map(jfr.get("byThreadGroupPct")));
    list(b, "known suspects (inclusive: samples with any such frame on the stack)", map(jfr.get("knownSuspectsPct")));
    list(b, "self time by library (JDK frames charged to their caller's library)", map(jfr.get("selfByLibraryPct")));
    list(b, "library anywhere on the stack (inclusive)", map(jfr.get("anywhereOnStackPct")));
    list(b, "our nearest method (inclusive)", map(jfr.get("ourNearestMethodPct")));
    list(b, "top frames (self)", map(jfr.get("topFramesPct")));
    b.append("\nSQL statements (JDBI's jdbi.statement events): ").append(jfr.get("sqlStatements")).append(", ")
        .append(jfr.get("sqlStatementsPerJob")).append(" per job; by total time:\n\n")
        .append("| statement | count | per job | total ms | mean ms | max ms |\n|---|---|---|---|---|---|\n");
    map(jfr.get("sqlByTotalTime")).forEach((k, v) -> {
      Map<String, Object> m = map(v);
      b.append("| `").append(k.replace("|", "\\|")).append("` | ").append(m.get("count")).append(" | ")
          .append(m.get("perJob")).append(" | ").append(m.get("totalMs")).append(" | ").append(m.get("meanMs"))
          .append(" | ").append(m.get("maxMs")).append(" |\n");
    });
  }

  private static void hotSpots(StringBuilder b, Map<String, Object> profile) {
    if (profile.isEmpty()) {
      return;
    }
    b.append("\n### API during phase 2\n\nCPU by thread group, % of one core:\n\n");
    map(profile.get("cpuPctOfOneCoreByThreadGroup")).forEach((k, v) -> b.append("- `").append(k).append("`: ")
        .append(v).append('\n'));
    Map<String, Object> js = map(profile.get("jstack"));
    b.append("\njstack, ").append(js.get("samples")).append(" samples; runnable threads by what they were doing:\n");
    list(b, "on CPU (top frame <- first of ours)", map(js.get("onCpu")));
    list(b, "talking to PostgreSQL (JDBC socket read or write, by our caller)", map(js.get("talkingToPostgres")));
    list(b, "blocked on a monitor", map(js.get("blocked")));
  }

  private static void list(StringBuilder b, String title, Map<String, Object> counts) {
    b.append("\n").append(title).append(":\n\n");
    if (counts.isEmpty()) {
      b.append("- none\n");
    }
    counts.forEach((k, v) -> b.append("- ").append(v).append(v instanceof Double ? " %" : " x").append(" `")
        .append(k).append("`\n"));
  }

  private static void row(StringBuilder b, String what, Object value, String target) {
    b.append("| ").append(what).append(" | ").append(value == null ? "-" : value).append(" | ").append(target)
        .append(" |\n");
  }

  private static String pct(Object o, boolean withMax) {
    Map<String, Object> m = map(o);
    if (m.isEmpty()) {
      return "-";
    }
    return m.get("p50") + " / " + m.get("p90") + " / " + m.get("p99") + (withMax ? " / " + m.get("max") : "")
        + (m.containsKey("count") ? " (n=" + m.get("count") + ")" : "");
  }

  private static String p50p99(Object o) {
    Map<String, Object> m = map(o);
    return m.isEmpty() ? "-" : m.get("p50") + ", " + m.get("p99");
  }

  private static String bold(Object v) {
    return v == null ? "-" : "**" + v + "**";
  }

  private static Object or(Object v, Object fallback) {
    return v == null ? fallback : v;
  }
}
