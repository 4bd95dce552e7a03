package io.rigshare.bench;

import io.rigshare.protocol.verify.GpuCatalog;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The GPU benchmark's figures (issue 5): runs the real agent's {@code benchmark --json} several times, each a fresh
 * process, and reports per OpenCL device the SGEMM throughput as a fraction of the device's theoretical FP32 peak,
 * the memory bandwidth against the spec, the spread within each run (what the agent reports, over its last 5
 * measurements) and the spread from run to run (of the runs' medians).
 *
 * <p>Peaks: a GPU's from {@link GpuCatalog} by its OpenCL name (the vendors' data sheets); a CPU device's estimated as
 * compute units x clock x {@code --cpu-flops-per-cycle} (32 by default: two 256-bit FMA pipes, as on AMD Zen 2-4 and
 * Intel client cores; 64 for server cores with two 512-bit FMA units). A CPU's memory bandwidth has no peak here.
 *
 * <pre>
 *   java -cp bench/target/bench-*-all.jar io.rigshare.bench.SgemmRuns \
 *       --agent-jar host-agent/target/host-agent-0.1.0-SNAPSHOT-all.jar --runs 5 --out bench/target/sgemm
 * </pre>
 *
 * Writes {@code <out>/run-<i>.json} (each run's report, as the agent printed it) and {@code <out>/summary.md}; prints
 * the summary. {@code --reports DIR} summarizes the {@code run-*.json} already there instead of running.
 */
public final class SgemmRuns {
  private SgemmRuns() {}

  /** One device's figures over the runs. */
  record DeviceRuns(
      String device, String kind, int computeUnits, int clockMhz, int sgemmN, List<Double> sgemmMedians,
      List<Double> sgemmSpreads, List<Double> bandwidthMedians, Double peakGflops, String peakSource,
      Double specBandwidth) {

    double sgemmMedian() {
      return median(sgemmMedians);
    }

    /** (max - min) / median of the runs' SGEMM medians, in percent. */
    double runToRunSpreadPercent() {
      return spreadPercent(sgemmMedians);
    }

    double worstWithinRunSpreadPercent() {
      return sgemmSpreads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    Double efficiency() {
      return peakGflops == null ? null : sgemmMedian() / peakGflops;
    }
  }

  /** The command line's options. */
  static final class Options implements Flags.Target {
    Path out = Path.of("bench/target/sgemm");
    Path agentJar = Path.of("host-agent/target/host-agent-0.1.0-SNAPSHOT-all.jar");
    Path reports;
    int runs = 5;
    int cpuFlopsPerCycle = 32;
    boolean quick;

    @Override
    public boolean turnOn(String flag) {
      quick |= flag.equals("--quick");
      return flag.equals("--quick");
    }

    @Override
    public void set(String flag, String value) {
      switch (flag) {
        case "--out" -> out = Path.of(value);
        case "--agent-jar" -> agentJar = Path.of(value);
        case "--reports" -> reports = Path.of(value);
        case "--runs" -> runs = Flags.intIn(flag, value, 1, 1000);
        case "--cpu-flops-per-cycle" -> cpuFlopsPerCycle = Flags.intIn(flag, value, 1, 1024);
        default -> throw Flags.unknown(flag);
      }
    }

    @Override
    public void validate() {}
  }

  public static void main(String[] args) throws Exception {
    Options options = Flags.parse(args, new Options());
    List<Message.Benchmark> reports;
    if (options.reports != null) {
      reports = read(options.reports);
    } else {
      Files.createDirectories(options.out);
      reports = run(options.agentJar, options.runs, options.quick, options.out);
    }
    String summary = markdown(summarize(reports, GpuCatalog.standard(), options.cpuFlopsPerCycle), reports.size(),
        options.cpuFlopsPerCycle);
    Files.createDirectories(options.out);
    Files.writeString(options.out.resolve("summary.md"), summary);
    System.out.print(summary);
  }

  private static List<Message.Benchmark> run(Path agentJar, int runs, boolean quick, Path out)
      throws IOException, InterruptedException {
    List<Message.Benchmark> reports = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", agentJar.toString(),
          "benchmark", "--json"));
      if (quick) {
        command.add("--quick");
      }
      Path report = out.resolve("run-" + i + ".json");
      Process process = new ProcessBuilder(command).redirectOutput(report.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("run " + i + ": the agent's benchmark failed (exit "
            + (process.isAlive() ? "timeout" : process.exitValue()) + "); see " + report);
      }
      reports.add(decode(report));
      System.err.printf(Locale.ROOT, "run %d of %d done%n", i, runs);
    }
    return reports;
  }

  private static List<Message.Benchmark> read(Path dir) throws IOException {
    List<Message.Benchmark> reports = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("run-\\d+\\.json")).sorted().toList()) {
        reports.add(decode(file));
      }
    }
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("no run-*.json in " + dir);
    }
    return reports;
  }

  private static Message.Benchmark decode(Path file) throws IOException {
    if (Wire.decode(Files.readString(file, StandardCharsets.UTF_8)).message() instanceof Message.Benchmark b) {
      return b;
    }
    throw new IllegalArgumentException(file + " is not a benchmark report");
  }

  /** Groups the runs' results by device (name and PCI address, else position) and finds each device's peak. */
  static List<DeviceRuns> summarize(List<Message.Benchmark> reports, GpuCatalog catalog, int cpuFlopsPerCycle) {
    Map<String, List<Message.BenchmarkResult>> byDevice = new LinkedHashMap<>();
    for (Message.Benchmark report : reports) {
      for (int i = 0; i < report.results().size(); i++) {
        Message.BenchmarkResult r = report.results().get(i);
        String key = r.device() + "|" + (r.pciBusId() != null ? r.pciBusId() : "#" + i);
        byDevice.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      }
    }
    List<DeviceRuns> devices = new ArrayList<>();
    for (List<Message.BenchmarkResult> runs : byDevice.values()) {
      Message.BenchmarkResult first = runs.get(0);
      List<Double> sgemm = new ArrayList<>();
      List<Double> spreads = new ArrayList<>();
      List<Double> bandwidth = new ArrayList<>();
      for (Message.BenchmarkResult r : runs) {
        if (r.sgemmGflops() != null) {
          sgemm.add(r.sgemmGflops().median());
          spreads.add(r.sgemmGflops().spreadPercent());
        }
        if (r.deviceBandwidthGBps() != null) {
          bandwidth.add(r.deviceBandwidthGBps().median());
        }
      }
      Optional<GpuCatalog.KnownGpu> known = "CPU".equals(first.kind()) ? Optional.empty()
          : catalog.lookup(first.device());
      Double peak;
      String source;
      if (known.isPresent()) {
        peak = known.get().fp32Tflops() * 1000;
        source = "catalog: " + known.get().model();
      } else if ("CPU".equals(first.kind()) && first.computeUnits() > 0 && first.clockMhz() > 0) {
        peak = first.computeUnits() * (first.clockMhz() / 1000.0) * cpuFlopsPerCycle;
        source = String.format(Locale.ROOT, "estimate: %d units x %.3f GHz x %d", first.computeUnits(),
            first.clockMhz() / 1000.0, cpuFlopsPerCycle);
      } else {
        peak = null;
        source = "unknown: not in the catalog";
      }
      devices.add(new DeviceRuns(first.device(), first.kind(), first.computeUnits(), first.clockMhz(),
          first.sgemmN(), sgemm, spreads, bandwidth, peak, source,
          known.map(GpuCatalog.KnownGpu::bandwidthGBps).orElse(null)));
    }
    return devices;
  }

  static String markdown(List<DeviceRuns> devices, int runs, int cpuFlopsPerCycle) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%d runs of `rigshare-agent benchmark --json`, each a fresh process; CPU"
        + " peaks estimated at %d FP32 operations per cycle and compute unit.%n%n", runs, cpuFlopsPerCycle));
    b.append("| device | kind | SGEMM n | SGEMM GFLOPS, median of runs (min-max) | FP32 peak GFLOPS (source) |"
        + " efficiency | spread within a run, worst | spread run to run | bandwidth GB/s, median (of spec) |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    for (DeviceRuns d : devices) {
      if (d.sgemmMedians().isEmpty()) {
        b.append("| ").append(d.device()).append(" | ").append(d.kind()).append(" | no SGEMM figure in any run |"
            + " | | | | | |\n");
        continue;
      }
      double bandwidth = median(d.bandwidthMedians());
      b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f (%.1f-%.1f) | %s | %s | %.2f %% | %.2f %% | %s |%n",
          d.device(), d.kind(), d.sgemmN(), d.sgemmMedian(), min(d.sgemmMedians()), max(d.sgemmMedians()),
          d.peakGflops() == null ? d.peakSource()
              : String.format(Locale.ROOT, "%.0f (%s)", d.peakGflops(), d.peakSource()),
          d.efficiency() == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * d.efficiency()),
          d.worstWithinRunSpreadPercent(), d.runToRunSpreadPercent(),
          d.bandwidthMedians().isEmpty() ? "n/a"
              : d.specBandwidth() == null ? String.format(Locale.ROOT, "%.1f", bandwidth)
              : String.format(Locale.ROOT, "%.1f (%.1f %%)", bandwidth, 100 * bandwidth / d.specBandwidth())));
    }
    return b.toString();
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double spreadPercent(List<Double> values) {
    return values.isEmpty() ? Double.NaN : 100 * (max(values) - min(values)) / median(values);
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
