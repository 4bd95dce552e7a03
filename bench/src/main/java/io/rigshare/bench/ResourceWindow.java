package io.rigshare.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU used over a window, from /proc: the API process, the PostgreSQL server tree, this tool, the whole machine. */
final class ResourceWindow {
  private final Long apiPid;
  private final Path pgDir;
  private final long startNanos = System.nanoTime();
  private final long api;
  private final long db;
  private final long self;
  private final long[] machine;

  ResourceWindow(Long apiPid, Path pgDir) {
    this.apiPid = apiPid;
    this.pgDir = pgDir;
    this.api = apiTicks();
    this.db = dbTicks();
    this.self = ProcStats.cpuTicks(ProcessHandle.current().pid());
    this.machine = ProcStats.machine();
  }

  Map<String, Object> end() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("apiPctOfOneCore", pct(api, apiTicks(), seconds));
    r.put("dbPctOfOneCore", pct(db, dbTicks(), seconds));
    r.put("loadgenPctOfOneCore", pct(self, ProcStats.cpuTicks(ProcessHandle.current().pid()), seconds));
    r.put("machineBusyPct", DispatchLoad.busyPct(machine, ProcStats.machine()));
    r.put("loadAverage", AgentLoad.loadAverage());
    return r;
  }

  private long apiTicks() {
    return apiPid == null ? -1 : ProcStats.cpuTicks(apiPid);
  }

  private long dbTicks() {
    long pg = pgDir == null ? -1 : ProcStats.postmasterPid(pgDir);
    return pg > 0 ? ProcStats.treeTicks(pg) : -1;
  }

  private static Double pct(long before, long after, double seconds) {
    return before < 0 || after < 0 ? null : AgentLoad.round(100.0 * (after - before) / ProcStats.HZ / seconds, 1);
  }
}
