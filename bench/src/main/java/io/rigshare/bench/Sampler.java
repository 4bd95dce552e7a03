package io.rigshare.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second: connected agents, heartbeats sent, CPU ticks of the API, of its PostgreSQL, of this process and of
 * the whole machine; every {@code metricsEvery}: the API's admin metrics (connections gauge, heap, timers). Reading
 * the admin JSON costs the API a little CPU, hence the lower rate.
 */
final class Sampler implements AutoCloseable {
  record Tick(long atNanos, int authenticated, long heartbeats, long apiTicks, long dbTicks, long selfTicks, long busy,
      long total, long apiRssKib, long listenOverflows, AdminMetrics.Snapshot admin) {}

  private final Fleet fleet;
  private final AdminMetrics admin;
  private final Path dbDir;
  private final long selfPid = ProcessHandle.current().pid();
  private final long startNanos;
  private final List<Tick> ticks = new ArrayList<>();
  private final ScheduledExecutorService exec = Executors.newScheduledThreadPool(2, Fleet.named("sampler"));
  private volatile long apiPid;
  private volatile AdminMetrics.Snapshot latestAdmin;
  private volatile boolean adminFresh;
  private final int total;

  Sampler(Fleet fleet, AdminMetrics admin, Long apiPid, Path dbDir, long startNanos, int total) {
    this.fleet = fleet;
    this.admin = admin;
    this.apiPid = apiPid == null ? -1 : apiPid;
    this.dbDir = dbDir;
    this.startNanos = startNanos;
    this.total = total;
  }

  void start(long metricsEveryMs) {
    exec.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
    exec.scheduleWithFixedDelay(() -> {
      AdminMetrics.Snapshot s = admin.read();
      if (s != null) {
        latestAdmin = s;
        adminFresh = true;
      }
    }, 0, metricsEveryMs, TimeUnit.MILLISECONDS);
  }

  void apiPid(long pid) {
    this.apiPid = pid;
  }

  long apiPid() {
    return apiPid;
  }

  AdminMetrics.Snapshot latestAdmin() {
    return latestAdmin;
  }

  /** A reading taken now, with the admin metrics read now too (for the edges of the measurement window). */
  Tick now() {
    AdminMetrics.Snapshot s = admin.read();
    if (s != null) {
      latestAdmin = s;
    }
    return read(s);
  }

  private void tick() {
    AdminMetrics.Snapshot s = adminFresh ? latestAdmin : null;
    adminFresh = false;
    Tick t = read(s);
    int n;
    synchronized (ticks) {
      ticks.add(t);
      n = ticks.size();
    }
    if (n % 5 == 1) {
      Tick prev;
      synchronized (ticks) {
        prev = ticks.get(Math.max(0, n - 6));
      }
      AdminMetrics.Snapshot a = latestAdmin;
      System.err.printf("t=%5.0fs connected %5d/%d  server %s  heartbeats %7d  API cpu %s  db cpu %s  loadgen cpu %s"
              + "  machine %s%n",
          (t.atNanos - startNanos) / 1e9, t.authenticated, total,
          a == null ? "?" : String.format("%5.0f", a.connections()), t.heartbeats,
          pct(prev.apiTicks, t.apiTicks, prev.atNanos, t.atNanos), pct(prev.dbTicks, t.dbTicks, prev.atNanos, t.atNanos),
          pct(prev.selfTicks, t.selfTicks, prev.atNanos, t.atNanos),
          t.total > prev.total ? String.format("%3.0f%%", 100.0 * (t.busy - prev.busy) / (t.total - prev.total)) : "?");
    }
  }

  private Tick read(AdminMetrics.Snapshot s) {
    long pid = apiPid;
    long pg = dbDir == null ? -1 : ProcStats.postmasterPid(dbDir);
    long[] m = ProcStats.machine();
    return new Tick(System.nanoTime(), fleet.authenticated.get(), fleet.heartbeats.sum(),
        pid > 0 ? ProcStats.cpuTicks(pid) : -1, pg > 0 ? ProcStats.treeTicks(pg) : -1, ProcStats.cpuTicks(selfPid),
        m[0], m[1], pid > 0 ? ProcStats.rssKib(pid) : -1, ProcStats.listenOverflows(), s);
  }

  List<Tick> ticks() {
    synchronized (ticks) {
      return new ArrayList<>(ticks);
    }
  }

  /** Per-second rows for the JSON: time, connected, CPU percentages of one core, heap. */
  List<Map<String, Object>> timeline() {
    List<Tick> all = ticks();
    List<Map<String, Object>> rows = new ArrayList<>();
    Tick prev = null;
    for (Tick t : all) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("t", Math.round((t.atNanos - startNanos) / 1e8) / 10.0);
      row.put("connected", t.authenticated);
      row.put("heartbeatsSent", t.heartbeats);
      if (prev != null) {
        row.put("apiCpuPct", cpuPct(prev.apiTicks, t.apiTicks, prev.atNanos, t.atNanos));
        row.put("dbCpuPct", cpuPct(prev.dbTicks, t.dbTicks, prev.atNanos, t.atNanos));
        row.put("loadgenCpuPct", cpuPct(prev.selfTicks, t.selfTicks, prev.atNanos, t.atNanos));
        row.put("machineBusyPct", t.total > prev.total ? round1(100.0 * (t.busy - prev.busy) / (t.total - prev.total))
            : null);
      }
      if (prev != null && t.listenOverflows >= 0 && prev.listenOverflows >= 0) {
        row.put("listenOverflows", t.listenOverflows - prev.listenOverflows);
      }
      if (t.apiRssKib > 0) {
        row.put("apiRssMiB", t.apiRssKib / 1024);
      }
      if (t.admin != null) {
        row.put("serverConnections", t.admin.connections());
        row.put("heapUsedMiB", Math.round(t.admin.heapUsed() / 1048576.0));
      }
      rows.add(row);
      prev = t;
    }
    return rows;
  }

  /** CPU used between two tick counts as a percentage of one core, or null when unknown. */
  static Double cpuPct(long ticksA, long ticksB, long nanosA, long nanosB) {
    if (ticksA < 0 || ticksB < 0 || ticksB < ticksA || nanosB <= nanosA) {
      return null;
    }
    return round1(100.0 * (ticksB - ticksA) / ProcStats.HZ / ((nanosB - nanosA) / 1e9));
  }

  private static String pct(long a, long b, long na, long nb) {
    Double p = cpuPct(a, b, na, nb);
    return p == null ? "  ?" : String.format("%3.0f%%", p);
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  @Override
  public void close() {
    exec.shutdownNow();
  }
}
