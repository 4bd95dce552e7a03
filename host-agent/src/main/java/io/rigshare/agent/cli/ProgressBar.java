package io.rigshare.agent.cli;

import io.rigshare.agent.benchmark.BenchmarkProgress;
import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn in place; {@link #done} ends the line. */
final class ProgressBar implements BenchmarkProgress {
  private static final int WIDTH = 30;
  private static final int LABEL = 60;

  private final PrintWriter err;
  private String last = "";

  ProgressBar(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void update(double fraction, String label) {
    double f = Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.round(f * WIDTH);
    String text = label.length() <= LABEL ? label : label.substring(0, LABEL - 1) + "…";
    String line = String.format(Locale.ROOT, "[%s%s] %3d%% %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
        Math.round(f * 100), text);
    // Pad over the rest of a longer previous line.
    err.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
    err.flush();
    last = line;
  }

  synchronized void done() {
    if (!last.isEmpty()) {
      err.println();
      err.flush();
    }
  }
}
