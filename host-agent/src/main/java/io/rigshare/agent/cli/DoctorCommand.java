package io.rigshare.agent.cli;

import io.rigshare.agent.AgentMain;
import io.rigshare.agent.config.DataDir;
import io.rigshare.agent.config.NodeState;
import io.rigshare.agent.config.SetupException;
import io.rigshare.agent.hardware.NvidiaSmi;
import io.rigshare.agent.hardware.ProcessCommandRunner;
import io.rigshare.protocol.crypto.Keypair;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that this machine can serve as a node.",
      "Java, NVIDIA driver, OpenCL, free disk, settings, the node key's mode, the API, the clock against the",
      "server's, and the WebSocket gateway. Prints PASS/WARN/FAIL per check and how to fix what is wrong.",
      "Exits 0 when nothing failed, 1 otherwise. Changes nothing."
    })
public final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Option(names = "--api", paramLabel = "URL", description = "The API to check (default: the registered one).")
  String api;

  @Override
  public Integer call() {
    Logging.quiet();
    PrintWriter out = spec.commandLine().getOut();
    DataDir dir = dataDir.resolve();
    List<Check> checks = new ArrayList<>();
    checks.add(LocalChecks.java(Runtime.version()));
    checks.add(LocalChecks.nvidia(new NvidiaSmi(new ProcessCommandRunner()).gpus()));
    checks.add(LocalChecks.openCl(LocalChecks.OPENCL_VENDORS,
        LocalChecks.libraryDirs(System.getenv("LD_LIBRARY_PATH")), LocalChecks::loadsNatively));
    checks.add(LocalChecks.disk(dir.root()));
    checks.add(LocalChecks.config(dir));
    checks.add(LocalChecks.key(dir.key()));
    Optional<String> apiUrl = apiUrl(dir);
    if (apiUrl.isEmpty()) {
      checks.add(Check.warn("api", "no API URL known; server checks skipped", "pass --api URL, or register first"));
    } else {
      checks.addAll(ServerChecks.run(apiUrl.get(), helloKey(dir), AgentMain.version(), Clock.systemUTC(), dir.root()));
    }
    checks.forEach(check -> check.print(out));
    long failed = checks.stream().filter(c -> c.verdict() == Check.Verdict.FAIL).count();
    long warned = checks.stream().filter(c -> c.verdict() == Check.Verdict.WARN).count();
    out.printf("%n%d checks: %d passed, %d warnings, %d failed%n",
        checks.size(), checks.size() - failed - warned, warned, failed);
    out.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private Optional<String> apiUrl(DataDir dir) {
    if (api != null && !api.isBlank()) {
      return Optional.of(api.strip().replaceAll("/+$", ""));
    }
    try {
      String configured = dir.config().load().apiUrl();
      if (configured != null) {
        return Optional.of(configured);
      }
      return dir.nodeState().read().map(NodeState::apiUrl);
    } catch (SetupException e) {
      return Optional.empty(); // reported by the config check
    }
  }

  /** The address sent in the probe's hello: the node's own when readable, else a throwaway one. */
  private static String helloKey(DataDir dir) {
    try {
      return dir.key().load().address();
    } catch (SetupException e) {
      return Keypair.generate(new SecureRandom()).address();
    }
  }
}
