package io.rigshare.agent.hardware;

import io.rigshare.agent.hardware.RocmSmiParser.Card;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.GpuSample;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * AMD GPUs via {@code rocm-smi --json}; the output is read by {@link RocmSmiParser}.
 *
 * <p>Promise: never returns null, never throws. When the tool is missing, hangs, or shows no card,
 * the result is {@link ToolResult#absent} and the reason is logged once at INFO.
 */
public final class RocmSmi {

  static final List<String> COMMAND =
      List.of(
          "rocm-smi",
          "--showproductname",
          "--showmeminfo",
          "vram",
          "--showuse",
          "--showtemp",
          "--showpower",
          "--showdriverversion",
          "--json");

  private static final String TOPIC = "rocm-smi";

  private final CommandRunner runner;
  private final Duration timeout;
  private final LogOnce log = new LogOnce(LoggerFactory.getLogger(RocmSmi.class));

  public RocmSmi(CommandRunner runner) {
    this(runner, NvidiaSmi.DEFAULT_TIMEOUT);
  }

  public RocmSmi(CommandRunner runner, Duration timeout) {
    this.runner = runner;
    this.timeout = timeout;
  }

  public ToolResult<GpuInfo> gpus() {
    ToolResult<Card> cards = cards();
    return cards.present()
        ? ToolResult.of(cards.values().stream().map(Card::toGpuInfo).toList())
        : ToolResult.absent(cards.absentReason());
  }

  public ToolResult<GpuSample> samples() {
    ToolResult<Card> cards = cards();
    return cards.present()
        ? ToolResult.of(cards.values().stream().map(Card::toSample).toList())
        : ToolResult.absent(cards.absentReason());
  }

  private ToolResult<Card> cards() {
    ToolResult<Card> cards;
    try {
      cards = interpret(runner.run(COMMAND, timeout));
    } catch (RuntimeException e) {
      cards = ToolResult.absent("rocm-smi output could not be read: " + e);
    }
    if (cards.present()) {
      log.clear(TOPIC);
    } else {
      log.info(TOPIC, "No GPUs from rocm-smi: " + cards.absentReason());
    }
    return cards;
  }

  private static ToolResult<Card> interpret(CommandResult result) {
    if (result instanceof CommandResult.Unavailable unavailable) {
      return ToolResult.absent(unavailable.reason());
    }
    if (result instanceof CommandResult.TimedOut timedOut) {
      return ToolResult.absent("rocm-smi did not answer within " + timedOut.after().toSeconds() + " s");
    }
    CommandResult.Completed completed = (CommandResult.Completed) result;
    // The JSON decides, not the exit code: rocm-smi exits non-zero when one of the requested
    // readings is unsupported, yet still prints the others.
    try {
      List<Card> cards = RocmSmiParser.parse(completed.stdout());
      return cards.isEmpty()
          ? ToolResult.absent("rocm-smi listed no cards (exit " + completed.exitCode() + ")")
          : ToolResult.of(cards);
    } catch (IllegalArgumentException e) {
      return ToolResult.absent(e.getMessage() + " (exit " + completed.exitCode() + ")");
    }
  }
}
