package io.rigshare.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Java Flight Recorder profile of the API over phase 2 ({@code jcmd PID JFR.start settings=profile}), read back
 * with the JDK's {@code jfr print}: CPU samples ({@code jdk.ExecutionSample}) by thread group, by the method on top,
 * by library (JDK frames charged to the library that called them), by library anywhere on the stack, and by our
 * nearest method; and JDBI's own {@code jdbi.statement} events, i.e. every SQL statement with its duration.
 */
final class JfrProfile {
  private static final String NAME = "rigshare-dispatch";
  private static final String[][] LIBRARIES = {
    {"org.postgresql.", "PostgreSQL JDBC driver"},
    {"org.jdbi.", "JDBI"},
    {"org.antlr.", "JDBI (ANTLR SQL lexer)"},
    {"com.fasterxml.jackson.", "Jackson"},
    {"org.eclipse.jetty.", "Jetty"},
    {"org.glassfish.jersey.", "Jersey"},
    {"org.glassfish.hk2.", "HK2 (Jersey injection)"},
    {"org.jvnet.hk2.", "HK2 (Jersey injection)"},
    {"org.hibernate.validator.", "Hibernate Validator"},
    {"ch.qos.logback.", "Logback"},
    {"org.slf4j.", "Logback"},
    {"org.bouncycastle.", "BouncyCastle (ed25519)"},
    {"org.java_websocket.", "Java-WebSocket"},
    {"org.apache.tomcat.jdbc.", "connection pool"},
    {"com.zaxxer.hikari.", "connection pool"},
    {"io.dropwizard.", "Dropwizard"},
    {"com.codahale.metrics.", "metrics"},
    {"io.prometheus.", "metrics"},
    {"io.rigshare.", "Rigshare code"},
  };

  /** Known suspects: the share of CPU samples with any of these frames on the stack (a method name prefix). */
  private static final String[][] MARKERS = {
    {"JDBI: template re-parsed per statement (Dropwizard's NamePrependingTemplateEngine has no parse cache)",
        "org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine.parse"},
    {"JDBI: Handle.attach (a SqlObject per transaction)", "org.jdbi.v3.core.Handle.attach"},
    {"JDBI: ConfigRegistry copies", "org.jdbi.v3.core.config.ConfigRegistry.<init>"},
    {"JDBI: mapper lookup per query", "org.jdbi.v3.core.mapper.Mappers.findFor",
        "org.jdbi.v3.core.mapper.RowMappers.findFor", "org.jdbi.v3.core.mapper.ColumnMappers.findFor"},
    {"JDBI: ConstructorMapper (records)", "org.jdbi.v3.core.mapper.reflect.ConstructorMapper"},
    {"JDBI: SqlObject method calls, statement execution included", "org.jdbi.v3.sqlobject."},
    {"PostgreSQL JDBC driver", "org.postgresql."},
    {"ed25519 verification of receipts", "io.rigshare.protocol.crypto.Ed25519.verify"},
    {"Jackson", "com.fasterxml.jackson."},
    {"Jersey request handling", "org.glassfish.jersey.server.ServerRuntime"},
    {"Logback (request log and logs)", "ch.qos.logback."},
    {"matching pass (JobService.matchOnce)", "io.rigshare.marketplace.jobs.JobService.matchOnce"},
    {"node offers: hardware JSON parsed per node per pass", "io.rigshare.marketplace.jobs.NodeOffers.gpus"},
    {"pg_notify as its own statement (Notifications.publish)", "io.rigshare.marketplace.core.Notifications.publish"},
    {"JFR's own jdbi.statement events (this profile's overhead)", "org.jdbi.v3.core.statement.JdbiStatementEvent",
        "org.jdbi.v3.core.statement.SqlStatement$1.lambda$attach"},
  };

  private final long pid;
  private final Path settings;
  private Path file;

  private JfrProfile(long pid, Path settings) {
    this.pid = pid;
    this.settings = settings;
  }

  /**
   * Starts a background recording in the API with the JDK's {@code profile} settings plus JDBI's statement events
   * (without stack traces: tens of thousands a minute). Started before the warm-up, so the code the events are
   * compiled into is recompiled then, not in the measured window (starting JFR in a young JVM cost one 5 s window
   * most of its throughput). Null, with a note, if that cannot be done.
   */
  static JfrProfile begin(long pid, Path dir) {
    Path settings;
    try {
      settings = settings(dir.resolve("rigshare-dispatch.jfc"));
    } catch (IOException e) {
      System.err.println("could not write JFR settings: " + e.getMessage());
      return null;
    }
    JfrProfile p = new JfrProfile(pid, settings);
    return p.startRecording(NAME + "-background") ? p : null;
  }

  /** Starts the recording of the measured window: JFR starts a new chunk, so its file holds only the window. */
  boolean startWindow(Path target) {
    this.file = target;
    return startRecording(NAME);
  }

  /** Stops the window's recording and writes it to its file. */
  boolean stopWindow() {
    String out = tool("jcmd", Long.toString(pid), "JFR.stop", "name=" + NAME, "filename=" + file);
    return out != null && out.contains("Stopped recording");
  }

  /** Stops the background recording (nothing written). */
  void close() {
    tool("jcmd", Long.toString(pid), "JFR.stop", "name=" + NAME + "-background");
  }

  private boolean startRecording(String name) {
    String out = tool("jcmd", Long.toString(pid), "JFR.start", "name=" + name, "settings=" + settings);
    if (out == null || !out.contains("Started recording")) {
      System.err.println("could not start a JFR recording in the API: " + out);
      return false;
    }
    return true;
  }

  static Path settings(Path target) throws IOException {
    String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"),
        StandardCharsets.UTF_8);
    String jdbi = """
            <event name="jdbi.statement">
              <setting name="enabled">true</setting>
              <setting name="stackTrace">false</setting>
              <setting name="threshold">0 ms</setting>
            </event>

        """;
    int at = profile.lastIndexOf("<control>");
    if (at < 0) {
      at = profile.lastIndexOf("</configuration>");
    }
    if (at < 0) {
      throw new IOException("unexpected profile.jfc");
    }
    int lineStart = profile.lastIndexOf('\n', at) + 1;
    Files.writeString(target, profile.substring(0, lineStart) + jdbi + profile.substring(lineStart),
        StandardCharsets.UTF_8);
    return target.toAbsolutePath();
  }

  /** Reads the recording back; {@code jobs} (completed while recording) gives the per-job figures. */
  Map<String, Object> analyze(long jobs) {
    Samples s = new Samples();
    List<String> command = List.of(jdkTool("jfr"), "print", "--events", "jdk.ExecutionSample,jdbi.statement",
        "--stack-depth", "64", file.toString());
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        s.read(r);
      }
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      return Map.of("error", "jfr print failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of("error", "interrupted");
    }
    return s.summary(jobs, file);
  }

  /** Accumulates the events of {@code jfr print} text output. */
  static final class Samples {
    int samples;
    final Map<String, Integer> threads = new HashMap<>();
    final Map<String, Integer> topFrames = new HashMap<>();
    final Map<String, Integer> selfByLibrary = new HashMap<>();
    final Map<String, Integer> anywhere = new HashMap<>();
    final Map<String, Integer> ourNearest = new HashMap<>();
    final Map<String, Integer> markers = new HashMap<>();
    final Map<String, double[]> statements = new HashMap<>();

    void read(BufferedReader r) throws IOException {
      String event = null;
      String thread = null;
      String sql = null;
      double durationMs = 0;
      List<String> frames = null;
      boolean inStack = false;
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.strip();
        if (line.endsWith("{") && !line.startsWith(" ")) {
          event = t.substring(0, t.length() - 1).strip();
          thread = null;
          sql = null;
          durationMs = 0;
          frames = null;
          inStack = false;
        } else if (t.equals("}") && !line.startsWith("  ")) {
          if ("jdk.ExecutionSample".equals(event) && frames != null) {
            sample(thread, frames);
          } else if ("jdbi.statement".equals(event) && sql != null) {
            double[] a = statements.computeIfAbsent(sql, k -> new double[3]);
            a[0]++;
            a[1] += durationMs;
            a[2] = Math.max(a[2], durationMs);
          }
          event = null;
        } else if (event == null) {
          continue;
        } else if (inStack) {
          if (t.equals("]")) {
            inStack = false;
          } else if (frames != null && !t.equals("...")) {
            int paren = t.indexOf('(');
            frames.add(paren > 0 ? t.substring(0, paren) : t);
          }
        } else if (t.startsWith("stackTrace = [")) {
          inStack = true;
          frames = "jdk.ExecutionSample".equals(event) ? new ArrayList<>() : null;
        } else if (t.startsWith("sampledThread = \"")) {
          int end = t.indexOf('"', 17);
          thread = end > 0 ? t.substring(17, end) : t;
        } else if (t.startsWith("duration = ")) {
          durationMs = millis(t.substring(11));
        } else if (t.startsWith("sql = \"")) {
          sql = statementKey(t.substring(7));
        }
      }
    }

    private void sample(String thread, List<String> frames) {
      if (frames.isEmpty()) {
        return;
      }
      samples++;
      threads.merge(ApiProfile.fold(thread == null ? "?" : thread), 1, Integer::sum);
      topFrames.merge(frames.get(0), 1, Integer::sum);
      selfByLibrary.merge(selfLibrary(frames), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (String f : frames) {
        String lib = library(f);
        if (lib != null && seen.add(lib)) {
          anywhere.merge(lib, 1, Integer::sum);
        }
      }
      for (String f : frames) {
        if (f.startsWith("io.rigshare.")) {
          ourNearest.merge(f, 1, Integer::sum);
          break;
        }
      }
      for (String[] m : MARKERS) {
        if (matchesAny(frames, m)) {
          markers.merge(m[0], 1, Integer::sum);
        }
      }
    }

    private static boolean matchesAny(List<String> frames, String[] marker) {
      for (String f : frames) {
        for (int i = 1; i < marker.length; i++) {
          if (f.startsWith(marker[i])) {
            return true;
          }
        }
      }
      return false;
    }

    Map<String, Object> summary(long jobs, Path file) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("file", file.toString());
      out.put("cpuSamples", samples);
      out.put("byThreadGroupPct", pct(threads, 12));
      out.put("selfByLibraryPct", pct(selfByLibrary, 15));
      out.put("anywhereOnStackPct", pct(anywhere, 15));
      out.put("topFramesPct", pct(topFrames, 20));
      out.put("ourNearestMethodPct", pct(ourNearest, 20));
      out.put("knownSuspectsPct", pct(markers, MARKERS.length));
      List<Map.Entry<String, double[]>> byTime = new ArrayList<>(statements.entrySet());
      byTime.sort((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]));
      Map<String, Object> sql = new LinkedHashMap<>();
      long total = 0;
      for (Map.Entry<String, double[]> e : byTime) {
        double[] a = e.getValue();
        total += (long) a[0];
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", (long) a[0]);
        m.put("perJob", jobs > 0 ? AgentLoad.round(a[0] / jobs, 2) : null);
        m.put("totalMs", AgentLoad.round(a[1], 0));
        m.put("meanMs", AgentLoad.round(a[1] / a[0], 3));
        m.put("maxMs", AgentLoad.round(a[2], 1));
        if (sql.size() < 25) {
          sql.put(e.getKey(), m);
        }
      }
      out.put("sqlStatements", total);
      out.put("sqlStatementsPerJob", jobs > 0 ? AgentLoad.round((double) total / jobs, 1) : null);
      out.put("sqlByTotalTime", sql);
      return out;
    }

    private Map<String, Object> pct(Map<String, Integer> counts, int n) {
      Map<String, Object> out = new LinkedHashMap<>();
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(n)
          .forEach(e -> out.put(e.getKey(), AgentLoad.round(100.0 * e.getValue() / Math.max(1, samples), 1)));
      return out;
    }
  }

  /** The library of the top frame; a JDK frame is charged to the first library below it ("JDK under X"). */
  static String selfLibrary(List<String> frames) {
    String top = library(frames.get(0));
    if (top != null) {
      return top;
    }
    for (String f : frames) {
      String lib = library(f);
      if (lib != null) {
        return "JDK under " + lib;
      }
    }
    return "JDK";
  }

  /** Null for JDK frames (java., jdk., sun., javax., com.sun.) and unknown ones. */
  static String library(String frame) {
    for (String[] l : LIBRARIES) {
      if (frame.startsWith(l[0])) {
        return l[1];
      }
    }
    return null;
  }

  /** "/* JobDao.claimQueued *&#47; SELECT ..." → "JobDao.claimQueued"; otherwise the first 70 characters. */
  static String statementKey(String sql) {
    String s = sql.endsWith("\"") ? sql.substring(0, sql.length() - 1) : sql;
    if (s.startsWith("/* ")) {
      int end = s.indexOf(" */");
      if (end > 3) {
        return s.substring(3, end);
      }
    }
    s = s.strip().replaceAll("\\s+", " ");
    return s.length() <= 70 ? s : s.substring(0, 70);
  }

  /** "11.7 ms", "845 us", "1.20 s", "300 ns" → milliseconds. */
  static double millis(String text) {
    String[] p = text.strip().split("\\s+");
    try {
      double v = Double.parseDouble(p[0].replace(",", ""));
      String unit = p.length > 1 ? p[1] : "ms";
      return switch (unit) {
        case "ns" -> v / 1e6;
        case "us" -> v / 1e3;
        case "s" -> v * 1e3;
        case "min" -> v * 60e3;
        default -> v;
      };
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String jdkTool(String name) {
    Path p = Path.of(System.getProperty("java.home"), "bin", name);
    return p.toFile().canExecute() ? p.toString() : name;
  }

  private static String tool(String name, String... args) {
    List<String> command = new ArrayList<>();
    command.add(jdkTool(name));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return out.strip();
    } catch (IOException e) {
      return "failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
