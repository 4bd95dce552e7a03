package io.rigshare.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The human summary of an {@link AgentLoad} result (the same numbers as the JSON). */
final class Report {
  private Report() {}

  @SuppressWarnings("unchecked")
  static String summary(Map<String, Object> result) {
    Map<String, Object> run = (Map<String, Object>) result.getOrDefault("run", Map.of());
    Map<String, Object> ramp = (Map<String, Object>) result.get("ramp");
    Map<String, Object> w = (Map<String, Object>) result.get("window");
    Map<String, Object> rc = (Map<String, Object>) result.get("reconnect");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"agents / heartbeat interval", run.get("agents") + " / " + run.get("heartbeatSeconds") + " s"});
    if (ramp != null) {
      Map<String, Object> hs = (Map<String, Object>) ramp.get("handshakeMs");
      rows.add(new String[] {"ramp: connected / seconds / rate",
          ramp.get("connected") + " / " + ramp.get("seconds") + " s / " + run.get("rampPerSecond") + " per s"});
      rows.add(new String[] {"ramp: attempts / rate-limited / failed / listen overflows",
          ramp.get("attempts") + " / " + ramp.get("rateLimited") + " / " + ramp.get("connectFailures") + " / "
              + AgentLoad.fmt(ramp.get("listenOverflows"))});
      rows.add(new String[] {"ramp CPU s: API / PostgreSQL / load generator",
          AgentLoad.fmt(ramp.get("apiCpuSeconds")) + " / " + AgentLoad.fmt(ramp.get("dbCpuSeconds")) + " / "
              + AgentLoad.fmt(ramp.get("loadgenCpuSeconds")) + " (API " + AgentLoad.fmt(ramp.get("apiCpuMsPerHandshake"))
              + " ms per handshake)"});
      rows.add(new String[] {"handshake ms p50 / p99 / max", hs.get("p50") + " / " + hs.get("p99") + " / " + hs.get("max")});
    }
    if (w != null) {
      rows.add(new String[] {"window seconds (after settle)", w.get("seconds") + " (" + w.get("settleSeconds") + ")"});
      rows.add(new String[] {"connected end: client / server (client min)",
          w.get("connectedClientEnd") + " / " + AgentLoad.fmt(w.get("connectedServerEnd")) + " ("
              + w.get("connectedClientMin") + ")"});
      rows.add(new String[] {"disconnects in window", AgentLoad.fmt(w.get("disconnectsInWindow"))});
      rows.add(new String[] {"heartbeats sent / handled by server",
          w.get("heartbeatsSent") + " / " + AgentLoad.fmt(w.get("heartbeatsHandledByServer")) + " ("
              + w.get("heartbeatsPerSecond") + "/s)"});
      Map<String, Object> h = (Map<String, Object>) w.get("heartbeatHandle");
      if (h != null) {
        rows.add(new String[] {"gateway.heartbeat.handle us p50 / p99 / max",
            h.get("p50Us") + " / " + h.get("p99Us") + " / " + h.get("maxUs")});
      }
      Map<String, Object> f = (Map<String, Object>) w.get("heartbeatFlush");
      if (f != null) {
        rows.add(new String[] {"gateway.heartbeats.flush ms p50 / p99 / mean",
            f.get("p50Ms") + " / " + f.get("p99Ms") + " / " + f.get("meanMs") + " (" + f.get("flushes") + " flushes, "
                + AgentLoad.fmt(f.get("meanBatchHeartbeats")) + " heartbeats each)"});
      }
      rows.add(new String[] {"API CPU % of one core", AgentLoad.fmt(w.get("apiCpuPctOfOneCore"))});
      rows.add(new String[] {"PostgreSQL CPU % of one core", AgentLoad.fmt(w.get("dbCpuPctOfOneCore"))});
      rows.add(new String[] {"load generator CPU % of one core", AgentLoad.fmt(w.get("loadgenCpuPctOfOneCore"))});
      rows.add(new String[] {"machine busy % (all cores) / loadavg",
          AgentLoad.fmt(w.get("machineBusyPct")) + " / " + AgentLoad.fmt(w.get("loadAverage"))});
      Map<String, Object> heap = (Map<String, Object>) w.get("heap");
      if (heap != null) {
        rows.add(new String[] {"API heap used MiB mean / max / committed",
            heap.get("usedMeanMiB") + " / " + heap.get("usedMaxMiB") + " / " + heap.get("committedMiB")});
      }
      if (w.containsKey("liveHeapAfterGcMiB")) {
        rows.add(new String[] {"API live heap after full GC MiB", AgentLoad.fmt(w.get("liveHeapAfterGcMiB"))});
      }
      rows.add(new String[] {"load generator RSS MiB / threads",
          AgentLoad.fmt(w.get("loadgenRssMiB")) + " / " + AgentLoad.fmt(w.get("loadgenThreads"))});
      rows.add(new String[] {"API RSS MiB / threads", AgentLoad.fmt(w.get("apiRssMiB")) + " / "
          + AgentLoad.fmt(w.get("apiThreads"))});
    }
    if (rc != null) {
      rows.add(new String[] {"reconnect: API answers after s", AgentLoad.fmt(rc.get("secondsUntilApiAnswers"))});
      rows.add(new String[] {"reconnect: all authenticated after s",
          AgentLoad.fmt(rc.get("secondsUntilAllAuthenticated")) + " (" + rc.get("connectedAfter") + "/"
              + rc.get("connectedBefore") + " back)"});
      rows.add(new String[] {"reconnect: back after s p50 / p90 / p99",
          AgentLoad.fmt(((Map<String, Object>) rc.get("reauthenticatedAfterSeconds")).get("p50")) + " / "
              + AgentLoad.fmt(((Map<String, Object>) rc.get("reauthenticatedAfterSeconds")).get("p90")) + " / "
              + AgentLoad.fmt(((Map<String, Object>) rc.get("reauthenticatedAfterSeconds")).get("p99"))});
      rows.add(new String[] {"reconnect: attempts / rate-limited / listen overflows",
          rc.get("attempts") + " / " + rc.get("rateLimited") + " / " + AgentLoad.fmt(rc.get("listenOverflows"))});
      Map<String, Object> hs = (Map<String, Object>) rc.get("handshakeMs");
      rows.add(new String[] {"reconnect: handshake ms p50 / p99", hs.get("p50") + " / " + hs.get("p99")});
    }
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
    StringBuilder sb = new StringBuilder("\nAgent gateway load\n");
    for (String[] r : rows) {
      sb.append(String.format("  %-" + width + "s  %s%n", r[0], r[1]));
    }
    return sb.toString();
  }
}
