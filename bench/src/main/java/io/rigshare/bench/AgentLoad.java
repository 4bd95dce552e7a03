package io.rigshare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.wire.Wire;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The agent-gateway load benchmark: connects N simulated agents to a running API over the real protocol, holds them
 * with realistic heartbeats, and reports what it cost the server (docs/benchmarks.md, bench/README.md). With
 * {@code --reconnect-test} it then restarts the API and times how long the fleet takes to come back.
 *
 * <p>Every loop is bounded in time (--connect-timeout, --duration, --reconnect-timeout) and in attempts per agent;
 * traffic goes only to loopback addresses.
 */
public final class AgentLoad {
  private static final int MAX_ATTEMPTS_PER_AGENT = 200;

  private final LoadOptions o;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Object> result = new LinkedHashMap<>();
  private long overflowsAtStart;
  private long[] rampStartTicks;

  private AgentLoad(LoadOptions o) {
    this.o = o;
  }

  public static void main(String[] args) {
    BenchTool.main("agent-load", LoadOptions.USAGE, args, LoadOptions::parse, o -> new AgentLoad(o).run());
  }

  private int run() throws Exception {
    URI api = loopback(o.api);
    URI admin = loopback(o.admin);
    JsonNode agentConfig = agentConfig(api);
    URI agentUrl = loopback(URI.create(agentConfig.path("agentUrl").asText()));
    int serverInterval = agentConfig.path("heartbeatIntervalSeconds").asInt(15);
    int interval = o.heartbeatSeconds != null ? o.heartbeatSeconds : serverInterval;
    if (interval != serverInterval) {
      System.err.printf("note: agents heartbeat every %d s, the server expects every %d s%n", interval, serverInterval);
    }
    double ramp = o.rampPerSecond != null ? o.rampPerSecond : Math.max(1, (double) o.agents / interval);
    describeRun(api, admin, agentUrl, interval, serverInterval, ramp);

    List<Keypair> keys = prepareKeys(api, agentUrl, interval);
    if (keys.size() < o.agents) {
      System.err.printf("only %d node keys available, %d asked for%n", keys.size(), o.agents);
      return 1;
    }
    keys = keys.subList(0, o.agents);
    if (o.registerOnly) {
      System.out.printf("%d node keys ready in %s%n", keys.size(), o.keys);
      return 0;
    }

    long t0 = System.nanoTime();
    overflowsAtStart = ProcStats.listenOverflows();
    rampStartTicks = new long[] {o.apiPid == null ? -1 : ProcStats.cpuTicks(o.apiPid), dbTicks(),
        ProcStats.cpuTicks(ProcessHandle.current().pid())};
    AdminMetrics metrics = new AdminMetrics(http, admin);
    try (Fleet fleet = new Fleet(agentUrl, interval, o.seed, o.clients, o.threads, MAX_ATTEMPTS_PER_AGENT);
        Sampler sampler = new Sampler(fleet, metrics, o.apiPid, o.dbDir, t0, o.agents)) {
      sampler.start(o.metricsEvery.toMillis());
      List<LoadAgent> agents = new ArrayList<>(o.agents);
      for (int i = 0; i < o.agents; i++) {
        LoadAgent agent = new LoadAgent(fleet, i, keys.get(i), LoadAgent.Mode.RUN, null);
        agents.add(agent);
        fleet.timers.schedule(agent::start, Math.round(i * 1000.0 / ramp), TimeUnit.MILLISECONDS);
      }
      try {
        rampUp(fleet, t0, ramp);
        steadyWindow(fleet, sampler, interval);
        if (o.reconnectTest) {
          reconnect(fleet, sampler, api);
        }
      } finally {
        stopAll(fleet, agents);
        result.put("timeline", sampler.timeline());
        result.put("clientCloses", fleet.closes());
        result.put("clientErrors", fleet.errors());
        result.put("clientProblems", fleet.problems());
      }
    }
    Path out = o.out != null ? o.out
        : Path.of("bench", "target", "agent-load-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC).format(Instant.now()) + ".json");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, Wire.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result),
        StandardCharsets.UTF_8);
    System.out.print(Report.summary(result));
    System.out.println("JSON written to " + out);
    return 0;
  }

  // ---- phases -------------------------------------------------------------------------------------------------

  private void rampUp(Fleet fleet, long t0, double ramp) throws InterruptedException {
    long deadline = t0 + o.connectTimeout.toNanos();
    long allStartedAt = t0 + Math.round((o.agents - 1) * 1e9 / ramp);
    while (System.nanoTime() < deadline) {
      if (fleet.authenticated.get() >= o.agents) {
        break;
      }
      if (System.nanoTime() > allStartedAt && fleet.authenticated.get() + fleet.gaveUp.get() >= o.agents) {
        break;
      }
      Thread.sleep(100);
    }
    long now = System.nanoTime();
    Latencies hs = fleet.handshakeLatency;
    Latencies up = fleet.upgradeLatency;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("connected", fleet.authenticated.get());
    r.put("allConnected", fleet.authenticated.get() >= o.agents);
    r.put("seconds", round((now - t0) / 1e9, 1));
    r.put("attempts", fleet.attempts.sum());
    r.put("rateLimited", fleet.errorCount("RATE_LIMITED"));
    r.put("connectFailures", fleet.connectFailures.sum());
    r.put("handshakeTimeouts", fleet.handshakeTimeouts.sum());
    r.put("gaveUp", fleet.gaveUp.get());
    r.put("listenOverflows", overflowDelta(overflowsAtStart));
    long[] ticks = {o.apiPid == null ? -1 : ProcStats.cpuTicks(o.apiPid), dbTicks(),
        ProcStats.cpuTicks(ProcessHandle.current().pid())};
    String[] names = {"apiCpuSeconds", "dbCpuSeconds", "loadgenCpuSeconds"};
    for (int i = 0; i < 3; i++) {
      r.put(names[i], ticks[i] < 0 || rampStartTicks[i] < 0 ? null
          : round((ticks[i] - rampStartTicks[i]) / (double) ProcStats.HZ, 1));
    }
    if (ticks[0] >= 0 && rampStartTicks[0] >= 0 && fleet.handshakes.sum() > 0) {
      r.put("apiCpuMsPerHandshake", round((ticks[0] - rampStartTicks[0]) * 1000.0 / ProcStats.HZ
          / fleet.handshakes.sum(), 2));
    }
    r.put("handshakeMs", latencySummary(hs));
    r.put("upgradeMs", latencySummary(up));
    result.put("ramp", r);
    System.err.printf("ramp: %d/%d connected after %.1f s (handshake p50 %.1f ms, p99 %.1f ms)%n",
        fleet.authenticated.get(), o.agents, (now - t0) / 1e9,
        Latencies.percentile(hs.sorted(), 50) / 1e6, Latencies.percentile(hs.sorted(), 99) / 1e6);
  }

  private void steadyWindow(Fleet fleet, Sampler sampler, int interval) throws Exception {
    long settleMs = Math.min(interval * 1000L, o.duration.toMillis() / 3);
    long windowMs = o.duration.toMillis() - settleMs;
    Thread.sleep(settleMs);
    long closesBefore = totalCloses(fleet);
    Sampler.Tick a = sampler.now();
    Thread.sleep(windowMs);
    Sampler.Tick b = sampler.now();
    double seconds = (b.atNanos() - a.atNanos()) / 1e9;
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("settleSeconds", round(settleMs / 1000.0, 1));
    w.put("seconds", round(seconds, 1));
    w.put("connectedClientEnd", b.authenticated());
    w.put("connectedClientMin", sampler.ticks().stream()
        .filter(t -> t.atNanos() >= a.atNanos() && t.atNanos() <= b.atNanos())
        .mapToInt(Sampler.Tick::authenticated).min().orElse(b.authenticated()));
    w.put("connectedServerEnd", b.admin() == null ? null : Math.round(b.admin().connections()));
    w.put("disconnectsInWindow", totalCloses(fleet) - closesBefore);
    w.put("listenOverflows", a.listenOverflows() < 0 ? null : b.listenOverflows() - a.listenOverflows());
    long sent = b.heartbeats() - a.heartbeats();
    w.put("heartbeatsSent", sent);
    w.put("heartbeatsPerSecond", round(sent / seconds, 1));
    if (a.admin() != null && b.admin() != null) {
      AdminMetrics.Timer ha = a.admin().handle();
      AdminMetrics.Timer hb = b.admin().handle();
      AdminMetrics.Timer fa = a.admin().flush();
      AdminMetrics.Timer fb = b.admin().flush();
      long handled = hb.count() - ha.count();
      long flushes = fb.count() - fa.count();
      w.put("heartbeatsHandledByServer", handled);
      Map<String, Object> handle = new LinkedHashMap<>();
      handle.put("p50Us", round(hb.p50() / 1e3, 1));
      handle.put("p75Us", round(hb.p75() / 1e3, 1));
      handle.put("p99Us", round(hb.p99() / 1e3, 1));
      handle.put("meanUs", round(hb.mean() / 1e3, 1));
      handle.put("maxUs", round(hb.max() / 1e3, 1));
      w.put("heartbeatHandle", handle);
      Map<String, Object> flush = new LinkedHashMap<>();
      flush.put("p50Ms", round(fb.p50() / 1e6, 2));
      flush.put("p99Ms", round(fb.p99() / 1e6, 2));
      flush.put("meanMs", round(fb.mean() / 1e6, 2));
      flush.put("maxMs", round(fb.max() / 1e6, 2));
      flush.put("flushes", flushes);
      flush.put("meanBatchHeartbeats", flushes == 0 ? null : round((double) handled / flushes, 1));
      w.put("heartbeatFlush", flush);
      List<Double> heap = new ArrayList<>();
      for (Sampler.Tick t : sampler.ticks()) {
        if (t.admin() != null && t.atNanos() >= a.atNanos() && t.atNanos() <= b.atNanos()) {
          heap.add(t.admin().heapUsed());
        }
      }
      heap.add(a.admin().heapUsed());
      heap.add(b.admin().heapUsed());
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("usedMeanMiB", Math.round(heap.stream().mapToDouble(d -> d).average().orElse(Double.NaN) / 1048576));
      h.put("usedMaxMiB", Math.round(heap.stream().mapToDouble(d -> d).max().orElse(Double.NaN) / 1048576));
      h.put("committedMiB", Math.round(b.admin().heapCommitted() / 1048576));
      h.put("maxMiB", Math.round(b.admin().heapMax() / 1048576));
      w.put("heap", h);
    }
    w.put("apiCpuPctOfOneCore", Sampler.cpuPct(a.apiTicks(), b.apiTicks(), a.atNanos(), b.atNanos()));
    w.put("dbCpuPctOfOneCore", Sampler.cpuPct(a.dbTicks(), b.dbTicks(), a.atNanos(), b.atNanos()));
    w.put("loadgenCpuPctOfOneCore", Sampler.cpuPct(a.selfTicks(), b.selfTicks(), a.atNanos(), b.atNanos()));
    w.put("machineBusyPct", b.total() > a.total() ? round(100.0 * (b.busy() - a.busy()) / (b.total() - a.total()), 1)
        : null);
    w.put("apiRssMiB", b.apiRssKib() > 0 ? b.apiRssKib() / 1024 : null);
    long self = ProcessHandle.current().pid();
    w.put("loadgenRssMiB", ProcStats.rssKib(self) / 1024);
    w.put("loadgenHeapUsedMiB", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576);
    w.put("loadgenThreads", ProcStats.threads(self));
    w.put("apiThreads", sampler.apiPid() > 0 ? ProcStats.threads(sampler.apiPid()) : null);
    w.put("loadAverage", loadAverage());
    if (sampler.apiPid() > 0) {
      String heapInfo = jcmd(sampler.apiPid(), "GC.heap_info");
      w.put("jcmdHeapInfo", heapInfo);
      if (o.gcAtEnd) {
        jcmd(sampler.apiPid(), "GC.run");
        AdminMetrics.Snapshot s = sampler.now().admin();
        w.put("liveHeapAfterGcMiB", s == null ? null : Math.round(s.heapUsed() / 1048576));
      }
    }
    result.put("window", w);
  }

  private void reconnect(Fleet fleet, Sampler sampler, URI api) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    int before = fleet.authenticated.get();
    r.put("connectedBefore", before);
    fleet.resetLatencies();
    int authMark = fleet.authTimes.size();
    long attemptsBefore = fleet.attempts.sum();
    long rateLimitedBefore = fleet.errorCount("RATE_LIMITED");
    long failuresBefore = fleet.connectFailures.sum();
    long overflowsBefore = ProcStats.listenOverflows();
    long t0;
    if (o.apiCmd != null) {
      System.err.printf("reconnect test: stopping API pid %d (SIGTERM)%n", o.apiPid);
      t0 = System.nanoTime();
      long stopMs = ApiProcess.stop(o.apiPid, 60);
      r.put("apiStopSeconds", round(stopMs / 1000.0, 1));
      Path log = o.apiLog != null ? o.apiLog : Path.of("bench", "target", "api-restart.log");
      long pid = ApiProcess.start(o.apiCmd, log);
      sampler.apiPid(pid);
      r.put("newApiPid", pid);
      r.put("apiLog", log.toString());
      System.err.printf("reconnect test: started the API again as pid %d (log %s)%n", pid, log);
    } else {
      System.err.printf("reconnect test: restart the API now; waiting up to %d s for the agents to drop%n",
          o.reconnectTimeout.toSeconds());
      long waitUntil = System.nanoTime() + o.reconnectTimeout.toNanos();
      while (fleet.authenticated.get() >= before && System.nanoTime() < waitUntil) {
        Thread.sleep(50);
      }
      t0 = System.nanoTime();
    }
    long deadline = t0 + o.reconnectTimeout.toNanos();
    long apiUpAt = -1;
    long zeroAt = -1;
    long allBackAt = -1;
    long nextProbe = 0;
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime();
      int connected = fleet.authenticated.get();
      if (zeroAt < 0 && connected == 0) {
        zeroAt = now;
      }
      if (apiUpAt < 0 && now >= nextProbe) {
        if (apiAnswers(api)) {
          apiUpAt = System.nanoTime();
        }
        nextProbe = now + 250_000_000L;
      }
      if (apiUpAt > 0 && connected >= before) {
        allBackAt = now;
        break;
      }
      Thread.sleep(100);
    }
    r.put("connectedAfter", fleet.authenticated.get());
    r.put("allBack", allBackAt > 0);
    r.put("secondsUntilAllDropped", zeroAt < 0 ? null : round((zeroAt - t0) / 1e9, 1));
    r.put("secondsUntilApiAnswers", apiUpAt < 0 ? null : round((apiUpAt - t0) / 1e9, 1));
    r.put("secondsUntilAllAuthenticated", allBackAt < 0 ? null : round((allBackAt - t0) / 1e9, 1));
    r.put("secondsFromApiUpToAllAuthenticated",
        allBackAt < 0 || apiUpAt < 0 ? null : round((allBackAt - apiUpAt) / 1e9, 1));
    long[] authTimes = fleet.authTimes.sorted();
    List<Long> back = new ArrayList<>();
    for (long t : authTimes) {
      if (t >= t0) {
        back.add(t - t0);
      }
    }
    long[] rel = back.stream().mapToLong(Long::longValue).toArray();
    java.util.Arrays.sort(rel);
    Map<String, Object> dist = new LinkedHashMap<>();
    for (double p : new double[] {10, 50, 90, 99, 100}) {
      dist.put("p" + (int) p, round(Latencies.percentile(rel, p) / 1e9, 1));
    }
    r.put("reauthenticatedAfterSeconds", dist);
    r.put("reauthentications", fleet.authTimes.size() - authMark);
    r.put("attempts", fleet.attempts.sum() - attemptsBefore);
    r.put("rateLimited", fleet.errorCount("RATE_LIMITED") - rateLimitedBefore);
    r.put("connectFailures", fleet.connectFailures.sum() - failuresBefore);
    r.put("listenOverflows", overflowDelta(overflowsBefore));
    r.put("handshakeMs", latencySummary(fleet.handshakeLatency));
    r.put("upgradeMs", latencySummary(fleet.upgradeLatency));
    // How many were back after 10, 20, 30 ... seconds.
    Map<String, Integer> backBy = new LinkedHashMap<>();
    for (int s = 10; s <= o.reconnectTimeout.toSeconds(); s += 10) {
      long limit = s * 1_000_000_000L;
      int n = 0;
      for (long v : rel) {
        if (v <= limit) {
          n++;
        }
      }
      backBy.put(s + "s", n);
      if (n >= before) {
        break;
      }
    }
    r.put("backBy", backBy);
    result.put("reconnect", r);
    System.err.printf("reconnect: %d/%d back; API answered after %s s, all authenticated after %s s%n",
        fleet.authenticated.get(), before, r.get("secondsUntilApiAnswers"), r.get("secondsUntilAllAuthenticated"));
  }

  private void stopAll(Fleet fleet, List<LoadAgent> agents) throws InterruptedException {
    for (LoadAgent a : agents) {
      try {
        a.stop();
      } catch (RejectedExecutionException | IllegalStateException e) {
        a.abort();
      }
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (fleet.authenticated.get() > 0 && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    for (LoadAgent a : agents) {
      a.abort();
    }
  }

  // ---- setup --------------------------------------------------------------------------------------------------

  private List<Keypair> prepareKeys(URI api, URI agentUrl, int interval) throws IOException, InterruptedException {
    List<Keypair> keys = o.register ? new ArrayList<>() : new ArrayList<>(KeyFile.load(o.keys));
    int need = o.agents - keys.size();
    int had = keys.size();
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("file", o.keys.toString());
    k.put("reused", Math.min(keys.size(), o.agents));
    if (need > 0) {
      double ramp = o.rampPerSecond != null ? o.rampPerSecond : 150;
      System.err.printf("registering %d new nodes (%d tokens per wallet, %.0f registrations/s)%n", need,
          o.tokensPerWallet, ramp);
      long start = System.nanoTime();
      try (Fleet fleet = new Fleet(agentUrl, interval, o.seed + 1, o.clients, o.threads, 50);
          BufferedWriter w = KeyFile.open(o.keys, o.register, "registered at " + api + " on " + Instant.now())) {
        keys.addAll(new Registrar(http, api).register(fleet, need, o.tokensPerWallet, ramp, Duration.ofMinutes(15),
            w));
        k.put("registrationHandshakeMs", latencySummary(fleet.handshakeLatency));
      }
      k.put("registered", keys.size() - had);
      k.put("registrationSeconds", round((System.nanoTime() - start) / 1e9, 1));
    }
    result.put("keys", k);
    return keys;
  }

  private JsonNode agentConfig(URI api) throws IOException, InterruptedException {
    URI uri = api.resolve("/api/agent/config");
    IOException last = null;
    for (int i = 0; i < 30; i++) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return Wire.mapper().readTree(r.body());
        }
        last = new IOException("GET " + uri + " answered " + r.statusCode());
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(1000);
    }
    throw new IOException("the API at " + api + " does not answer: " + last, last);
  }

  private boolean apiAnswers(URI api) {
    try {
      HttpResponse<Void> r = http.send(
          HttpRequest.newBuilder(api.resolve("/api/agent/config")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void describeRun(URI api, URI admin, URI agentUrl, int interval, int serverInterval, double ramp) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("startedAt", Instant.now().toString());
    run.put("api", api.toString());
    run.put("admin", admin.toString());
    run.put("agentUrl", agentUrl.toString());
    run.put("agents", o.agents);
    run.put("heartbeatSeconds", interval);
    run.put("serverHeartbeatSeconds", serverInterval);
    run.put("rampPerSecond", round(ramp, 1));
    run.put("durationSeconds", o.duration.toSeconds());
    run.put("reconnectTest", o.reconnectTest);
    run.put("apiPid", o.apiPid);
    run.put("clients", o.clients);
    run.put("callbackThreads", o.threads);
    result.put("run", run);
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("cpuModel", firstLine("/proc/cpuinfo", "model name"));
    machine.put("memTotal", firstLine("/proc/meminfo", "MemTotal"));
    machine.put("kernel", System.getProperty("os.version"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("loadAverageAtStart", loadAverage());
    machine.put("loadgenMaxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576);
    result.put("machine", machine);
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  /** Resolves the host and refuses anything but loopback; "localhost" becomes 127.0.0.1. */
  static URI loopback(URI uri) throws IOException {
    String host = uri.getHost();
    if (host == null) {
      throw new IOException("no host in " + uri);
    }
    InetAddress address = InetAddress.getByName(host);
    if (!address.isLoopbackAddress()) {
      throw new IOException("this tool only talks to the local machine; " + uri + " is " + address);
    }
    if (host.equalsIgnoreCase("localhost")) {
      try {
        return new URI(uri.getScheme(), uri.getUserInfo(), "127.0.0.1", uri.getPort(), uri.getPath(), uri.getQuery(),
            uri.getFragment());
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
    return uri;
  }

  private long dbTicks() {
    long pg = o.dbDir == null ? -1 : ProcStats.postmasterPid(o.dbDir);
    return pg > 0 ? ProcStats.treeTicks(pg) : -1;
  }

  private static Long overflowDelta(long before) {
    long now = ProcStats.listenOverflows();
    return before < 0 || now < 0 ? null : now - before;
  }

  private static long totalCloses(Fleet fleet) {
    return fleet.closes().values().stream().mapToLong(Long::longValue).sum();
  }

  static Map<String, Object> latencySummary(Latencies l) {
    long[] s = l.sorted();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.length);
    m.put("p50", round(Latencies.percentile(s, 50) / 1e6, 1));
    m.put("p90", round(Latencies.percentile(s, 90) / 1e6, 1));
    m.put("p99", round(Latencies.percentile(s, 99) / 1e6, 1));
    m.put("max", round(Latencies.percentile(s, 100) / 1e6, 1));
    return m;
  }

  private static String jcmd(long pid, String command) {
    try {
      Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "jcmd timed out";
      }
      return out.strip();
    } catch (IOException e) {
      return "jcmd failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return null;
    }
  }

  private static String firstLine(String file, String prefix) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(prefix)) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  static Double round(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  static String fmt(Object v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%s", v);
  }
}
