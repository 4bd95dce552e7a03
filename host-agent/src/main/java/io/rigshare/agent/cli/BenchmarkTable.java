package io.rigshare.agent.cli;

import io.rigshare.protocol.wire.Message;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code benchmark}'s human output: one row per OpenCL device, then the node's score and the notes. */
final class BenchmarkTable {
  private static final String ROW = "%-2s %-34s %-5s %-4s %6s %-18s %-16s %-16s %8s %6s%n";

  private BenchmarkTable() {}

  static void print(Message.Benchmark report, PrintWriter out) {
    out.printf(ROW, "#", "Device", "Kind", "GPU", "n", "SGEMM GFLOPS", "Memory GB/s", "Host->dev GB/s", "VRAM GiB",
        "Score");
    int i = 0;
    for (Message.BenchmarkResult r : report.results()) {
      out.printf(ROW, i++, abbreviate(r.device(), 34), r.kind(), r.gpuIndex() == null ? "-" : r.gpuIndex(), r.sgemmN(),
          measurement(r.sgemmGflops()), measurement(r.deviceBandwidthGBps()), measurement(r.hostToDeviceGBps()),
          r.allocatableVramBytes() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.allocatableVramBytes() / GIB),
          r.score() != null ? r.score() : r.cpuScore() != null ? "(" + r.cpuScore() + ")" : "-");
    }
    out.println();
    out.printf("Node score: %s   (formula v%d; took %.1f s)%n",
        report.score() == null ? "none (no GPU earned a score)" : report.score(), report.formulaVersion(),
        report.durationMs() / 1000.0);
    if (report.cpuScore() != null) {
      out.printf("CPU points: %d, shown in parentheses: for information, a CPU is never priced as a GPU%n",
          report.cpuScore());
    }
    i = 0;
    for (Message.BenchmarkResult r : report.results()) {
      if (r.note() != null) {
        out.printf("  %d: %s%n", i, r.note());
      }
      if (r.error() != null) {
        out.printf("  %d: error: %s%n", i, r.error());
      }
      i++;
    }
    out.println("Figures are medians; in parentheses, the spread (max - min) / median of the last runs"
        + " (* not stable within 3%).");
  }

  private static final double GIB = 1L << 30;

  private static String measurement(Message.Measurement m) {
    if (m == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f (%.1f%%%s)", m.median(), m.spreadPercent(), m.stable() ? "" : "*");
  }

  private static String abbreviate(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
