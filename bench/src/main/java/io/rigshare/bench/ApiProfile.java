package io.rigshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the API spends phase 2, without a profiler: CPU time per thread group from {@code /proc/PID/task/*}/stat
 * (thread names with their numbers folded: {@code agent-gateway-d}, {@code dw-N}, {@code WebSocketWorke}...), and a
 * few {@code jstack} samples, each runnable thread counted once by what it is doing: on CPU (its top frame and the
 * first frame of our code), talking to PostgreSQL (a JDBC socket read or write under our code), or blocked on a
 * lock.
 */
final class ApiProfile {
  private static final List<String> IDLE_TOPS = List.of("sun.nio.ch.EPoll.wait", "sun.nio.ch.EPollPort",
      "java.lang.Thread.sleep", "jdk.internal.misc.Unsafe.park", "java.lang.Object.wait",
      "sun.nio.ch.Net.accept", "sun.nio.ch.ServerSocketChannelImpl.accept",
      "java.lang.ref.Reference.waitForReferencePendingList", "java.io.FileInputStream.readBytes");
  private static final List<String> SOCKET_READS = List.of("sun.nio.ch.Net.poll", "sun.nio.ch.SocketDispatcher.read",
      "sun.nio.ch.NioSocketImpl", "java.net.SocketInputStream.socketRead", "sun.nio.ch.Net.pollConnect",
      "sun.nio.ch.FileDispatcherImpl.read0", "sun.nio.ch.FileDispatcherImpl.write0", "sun.nio.ch.SocketDispatcher");

  private final long pid;
  private final Map<String, Long> cpuStart;
  private final List<String> samples = new ArrayList<>();

  private ApiProfile(long pid, Map<String, Long> cpuStart) {
    this.pid = pid;
    this.cpuStart = cpuStart;
  }

  static ApiProfile begin(long pid) {
    return new ApiProfile(pid, threadTicks(pid));
  }

  /** Takes one jstack sample now (a few tens of ms of safepoint pause in the API). */
  void sample() {
    try {
      Process p = new ProcessBuilder("jstack", Long.toString(pid)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        samples.add(out);
      }
    } catch (IOException e) {
      System.err.println("jstack failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** CPU seconds per thread group since {@link #begin}, busiest first, and the summary of the jstack samples. */
  Map<String, Object> end(double seconds) {
    Map<String, Long> now = threadTicks(pid);
    Map<String, Long> delta = new HashMap<>();
    now.forEach((k, v) -> delta.put(k, v - cpuStart.getOrDefault(k, 0L)));
    Map<String, Object> groups = new LinkedHashMap<>();
    delta.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(15)
        .forEach(e -> groups.put(e.getKey(), AgentLoad.round(100.0 * e.getValue() / ProcStats.HZ / seconds, 1)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cpuPctOfOneCoreByThreadGroup", groups);
    out.put("jstack", summarize(samples));
    return out;
  }

  /** utime + stime per folded thread name of the process. */
  static Map<String, Long> threadTicks(long pid) {
    Map<String, Long> out = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException gone) {
          continue;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        long[] f = ProcStats.parseStat(stat);
        if (open < 0 || close < open || f == null) {
          continue;
        }
        out.merge(fold(stat.substring(open + 1, close)), f[0] + f[1], Long::sum);
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** "dw-42 - POST /a" → "dw-N", "agent-gateway-d" stays, "GC Thread#1" → "GC Thread#N". */
  static String fold(String threadName) {
    String name = threadName;
    int dash = name.indexOf(" - ");
    if (dash > 0) {
      name = name.substring(0, dash);
    }
    return name.replaceAll("\\d+", "N").strip();
  }

  /** Counts, over all samples, what each runnable thread was doing; the top entries of each kind. */
  static Map<String, Object> summarize(List<String> samples) {
    Map<String, Integer> onCpu = new HashMap<>();
    Map<String, Integer> waitingForDb = new HashMap<>();
    Map<String, Integer> blocked = new HashMap<>();
    Map<String, Integer> runnableByGroup = new HashMap<>();
    for (String sample : samples) {
      for (ThreadDump t : parse(sample)) {
        if (t.frames.isEmpty()) {
          continue;
        }
        String top = t.frames.get(0);
        String ours = firstOurs(t.frames);
        if ("BLOCKED".equals(t.state)) {
          if (ours != null) { // JDK-internal waits (process reapers and the like) are not ours to fix
            blocked.merge(top + " <- " + ours, 1, Integer::sum);
          }
          continue;
        }
        if (!"RUNNABLE".equals(t.state) || IDLE_TOPS.stream().anyMatch(top::startsWith)) {
          continue;
        }
        boolean socketRead = SOCKET_READS.stream().anyMatch(top::startsWith);
        boolean jdbc = t.frames.stream().anyMatch(f -> f.startsWith("org.postgresql."));
        if (socketRead && jdbc) {
          waitingForDb.merge(ours == null ? fold(t.name) : ours, 1, Integer::sum);
        } else if (socketRead) {
          continue; // a socket read outside JDBC: an idle connection, not work
        } else {
          onCpu.merge(top + (ours == null || ours.equals(top) ? "" : " <- " + ours), 1, Integer::sum);
        }
        runnableByGroup.merge(fold(t.name), 1, Integer::sum);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("samples", samples.size());
    out.put("runnableThreadsByGroup", top(runnableByGroup, 12));
    out.put("onCpu", top(onCpu, 15));
    out.put("talkingToPostgres", top(waitingForDb, 10));
    out.put("blocked", top(blocked, 10));
    return out;
  }

  private static Map<String, Integer> top(Map<String, Integer> counts, int n) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static String firstOurs(List<String> frames) {
    for (String f : frames) {
      if (f.startsWith("io.rigshare.")) {
        return f;
      }
    }
    return null;
  }

  /** One thread of a jstack dump: its name, state and frames ("pkg.Class.method", no file/line). */
  record ThreadDump(String name, String state, List<String> frames) {}

  static List<ThreadDump> parse(String dump) {
    List<ThreadDump> out = new ArrayList<>();
    String name = null;
    String state = null;
    List<String> frames = new ArrayList<>();
    for (String line : dump.split("\n")) {
      if (line.startsWith("\"")) {
        if (name != null) {
          out.add(new ThreadDump(name, state, frames));
        }
        int end = line.indexOf('"', 1);
        name = end > 0 ? line.substring(1, end) : line;
        state = null;
        frames = new ArrayList<>();
      } else if (name != null && line.strip().startsWith("java.lang.Thread.State:")) {
        String s = line.strip().substring("java.lang.Thread.State:".length()).strip();
        int space = s.indexOf(' ');
        state = space > 0 ? s.substring(0, space) : s;
      } else if (name != null && line.strip().startsWith("at ")) {
        String frame = line.strip().substring(3);
        int paren = frame.indexOf('(');
        frames.add(paren > 0 ? frame.substring(0, paren) : frame);
      }
    }
    if (name != null) {
      out.add(new ThreadDump(name, state, frames));
    }
    out.sort(Comparator.comparing(ThreadDump::name));
    return out;
  }
}
