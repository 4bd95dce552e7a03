package io.rigshare.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshare.agent.benchmark.BenchmarkRunner;
import io.rigshare.agent.benchmark.OpenClUnavailableException;
import io.rigshare.agent.hardware.OshiHardwareProbe;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks this machine's OpenCL devices and prints the results.",
      "Per device: FP32 SGEMM throughput (checked against a CPU reference),",
      "memory bandwidth, host-to-device transfer and, on GPUs, the memory that can",
      "really be allocated; each repeated until stable. Then the score",
      "(docs/protocol.md section 10). Progress goes to stderr.",
      "Changes nothing: the running agent benchmarks by itself (at registration,",
      "after a GPU or driver change, every benchmark.interval.hours). Jobs running",
      "meanwhile would share the GPU with it."
    })
public final class BenchmarkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the report as the JSON the agent sends (the benchmark frame).")
  boolean json;

  @Option(names = "--quick", description = "Small sizes: seconds instead of about a minute per GPU.")
  boolean quick;

  @Override
  public Integer call() throws JsonProcessingException {
    Logging.quiet();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar progress = new ProgressBar(err);
    Message.Benchmark report;
    try {
      report = BenchmarkRunner.forHost(OshiHardwareProbe.create(), Clock.systemUTC(), quick)
          .run("manual", progress, () -> false);
    } catch (OpenClUnavailableException e) {
      progress.done();
      err.println("No OpenCL device on this machine: " + e.getMessage() + ".");
      err.println("  fix: install the GPU vendor's OpenCL driver (NVIDIA's ships with the driver), or for CPU-only"
          + " OpenCL: apt-get install ocl-icd-libopencl1 pocl-opencl-icd");
      return ExitCodes.NO_OPENCL;
    }
    progress.done();
    if (json) {
      out.println(Wire.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    } else {
      BenchmarkTable.print(report, out);
    }
    out.flush();
    boolean anyMeasured = report.results().stream().anyMatch(r -> r.sgemmGflops() != null);
    return anyMeasured ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
