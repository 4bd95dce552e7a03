package io.rigshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CPU time and memory of processes from Linux's /proc (utime + stime, in clock ticks). */
final class ProcStats {
  static final long HZ = clockTicks();

  private ProcStats() {}

  /** utime + stime of the process in ticks, or -1 when it is gone or unreadable. */
  static long cpuTicks(long pid) {
    long[] f = fields(pid);
    return f == null ? -1 : f[0] + f[1];
  }

  /**
   * CPU ticks of a PostgreSQL server: the postmaster, its live children (backends, WAL writer, checkpointer...) and
   * the children it has already reaped (cutime + cstime). -1 when the postmaster is gone.
   */
  static long treeTicks(long rootPid) {
    long[] root = fields(rootPid);
    if (root == null) {
      return -1;
    }
    long total = root[0] + root[1] + root[2] + root[3];
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> isPid(p.getFileName()))) {
      for (Path p : procs) {
        long pid = Long.parseLong(p.getFileName().toString());
        if (pid == rootPid) {
          continue;
        }
        long[] f = fields(pid);
        if (f != null && f[4] == rootPid) {
          total += f[0] + f[1];
        }
      }
    } catch (IOException e) {
      return total;
    }
    return total;
  }

  /** The postmaster's pid from DIR/postmaster.pid, or -1. */
  static long postmasterPid(Path dataDir) {
    try {
      String first = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip();
      return Long.parseLong(first);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Busy and total jiffies of the whole machine (all cores), from the first line of /proc/stat. */
  static long[] machine() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.UTF_8).get(0);
      String[] parts = line.trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < parts.length && i <= 8; i++) {
        long v = Long.parseLong(parts[i]);
        total += v;
        if (i == 4 || i == 5) {
          idle += v;
        }
      }
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /**
   * The kernel's count of connections dropped because a listen queue was full (TcpExt ListenOverflows in
   * /proc/net/netstat), machine-wide; -1 when unreadable.
   */
  static long listenOverflows() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"), StandardCharsets.UTF_8);
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
          String[] names = lines.get(i).trim().split("\\s+");
          String[] values = lines.get(i + 1).trim().split("\\s+");
          for (int k = 1; k < names.length && k < values.length; k++) {
            if (names[k].equals("ListenOverflows")) {
              return Long.parseLong(values[k]);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Resident set size in KiB from /proc/PID/status, or -1. */
  static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  static int threads(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Threads:")) {
          return Integer.parseInt(line.substring(8).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** {utime, stime, cutime, cstime, ppid} of the process, or null. */
  static long[] fields(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    return parseStat(stat);
  }

  /** Parses /proc/PID/stat text; the command (field 2) may hold spaces and parentheses, so split after the last ')'. */
  static long[] parseStat(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return null;
    }
    String[] f = stat.substring(close + 2).trim().split("\\s+");
    // f[0] is field 3 (state): field N is f[N - 3].
    try {
      return new long[] {
        Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
        Long.parseLong(f[1])
      };
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean isPid(Path name) {
    String s = name.toString();
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
