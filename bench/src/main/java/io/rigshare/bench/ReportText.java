package io.rigshare.bench;

import java.util.Locale;
import java.util.Map;

/** What the Markdown reports of the bench tools share: their heading, and reading the result's nested maps. */
final class ReportText {
  private ReportText() {}

  /**
   * The report's title with the run id, then one line: the machine (CPUs, load average at the start), the API (started
   * by the tool, with its JVM options, or attached) and {@code details}.
   */
  static String heading(String title, Map<String, Object> result, String details) {
    Map<String, Object> run = map(result.get("run"));
    Map<String, Object> machine = map(result.get("machine"));
    String api = Boolean.TRUE.equals(run.get("apiStartedByTool"))
        ? "started by the tool (" + run.get("apiJavaOpts") + ")" : "attached at " + run.get("api");
    return String.format(Locale.ROOT, "## %s %s%n%n%s CPUs, load average at start %s; API %s; %s%n%n", title,
        run.get("runId"), machine.get("cpus"), machine.get("loadAverageAtStart"), api, details);
  }

  /** {@code o} as a map; an empty one when it is absent or not a map (a phase that did not run). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
