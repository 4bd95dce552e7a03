package io.rigshare.agent;

import io.rigshare.agent.cli.BenchmarkCommand;
import io.rigshare.agent.cli.DoctorCommand;
import io.rigshare.agent.cli.ExitCodes;
import io.rigshare.agent.cli.Logging;
import io.rigshare.agent.cli.RegisterCommand;
import io.rigshare.agent.cli.RunCommand;
import io.rigshare.agent.cli.StatusCommand;
import io.rigshare.agent.config.SetupException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code rigshare-agent}: the host agent's command line. */
@Command(
    name = "rigshare-agent",
    mixinStandardHelpOptions = true,
    versionProvider = AgentMain.Version.class,
    description = "The Rigshare host agent: offers this machine on the Rigshare GPU marketplace.",
    subcommands = {
      RegisterCommand.class,
      RunCommand.class,
      StatusCommand.class,
      DoctorCommand.class,
      BenchmarkCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AgentMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log more: DEBUG, with thread and logger names.")
  void setVerbose(boolean verbose) {
    Logging.setVerbose(verbose);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it in-process. */
  public static CommandLine commandLine() {
    Logging.setVerbose(false);
    CommandLine commandLine = new CommandLine(new AgentMain());
    commandLine.setExecutionStrategy(
        parseResult -> {
          Logging.configure();
          return new CommandLine.RunLast().execute(parseResult);
        });
    commandLine.setExecutionExceptionHandler(AgentMain::handle);
    exitCodes(commandLine, ExitCodes.all());
    exitCodes(commandLine.getSubcommands().get("register"), ExitCodes.all());
    exitCodes(commandLine.getSubcommands().get("run"), ExitCodes.all());
    exitCodes(commandLine.getSubcommands().get("status"),
        ExitCodes.OK, ExitCodes.USAGE, ExitCodes.NOT_REGISTERED);
    exitCodes(commandLine.getSubcommands().get("doctor"), ExitCodes.OK, ExitCodes.FAILURE, ExitCodes.USAGE);
    exitCodes(commandLine.getSubcommands().get("benchmark"),
        ExitCodes.OK, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.NO_OPENCL);
    return commandLine;
  }

  private static void exitCodes(CommandLine commandLine, int... codes) {
    Map<String, String> help = ExitCodes.help(codes);
    commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(help);
  }

  private static int handle(Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof SetupException setup) {
      err.println("Error: " + setup.getMessage());
      if (!setup.fix().isBlank()) {
        err.println("  fix: " + setup.fix());
      }
      return ExitCodes.SETUP;
    }
    LoggerFactory.getLogger(AgentMain.class).debug("Command failed", e);
    err.println("Error: " + e + (Logging.verbose() ? "" : " (--verbose shows more)"));
    return ExitCodes.FAILURE;
  }

  /** The agent's version: the jar's Implementation-Version, or "0.1.0-dev" when run from classes. */
  public static String version() {
    String version = AgentMain.class.getPackage().getImplementationVersion();
    return version != null ? version : "0.1.0-dev";
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"rigshare-agent " + version() + " (protocol 1, Java " + Runtime.version() + ")"};
    }
  }
}
