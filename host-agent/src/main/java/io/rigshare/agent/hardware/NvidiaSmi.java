package io.rigshare.agent.hardware;

import io.rigshare.agent.hardware.NvidiaSmiParser.Parsed;
import io.rigshare.agent.hardware.NvidiaSmiParser.Row;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.GpuSample;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * NVIDIA GPUs via {@code nvidia-smi}. Runs the tool through a {@link CommandRunner} and leaves the
 * reading of its output to {@link NvidiaSmiParser}.
 *
 * <p>Promise: never returns null, never throws. When the tool is missing, hangs, or has no GPU to
 * show, the result is {@link ToolResult#absent} and the reason is logged once at INFO.
 */
public final class NvidiaSmi {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  static final List<String> QUERY_COMMAND =
      List.of(
          "nvidia-smi",
          "--query-gpu=" + NvidiaSmiParser.QUERY_FIELDS,
          "--format=csv,noheader,nounits");

  /** The plain table; only its header line is read, for the CUDA version. */
  static final List<String> HEADER_COMMAND = List.of("nvidia-smi");

  private static final String TOPIC = "nvidia-smi";

  private final CommandRunner runner;
  private final Duration timeout;
  private final LogOnce log = new LogOnce(LoggerFactory.getLogger(NvidiaSmi.class));

  // The CUDA version cannot change without a driver reload, so one good answer is kept.
  private boolean cudaVersionLookedUp;
  private String cudaVersion;

  public NvidiaSmi(CommandRunner runner) {
    this(runner, DEFAULT_TIMEOUT);
  }

  public NvidiaSmi(CommandRunner runner, Duration timeout) {
    this.runner = runner;
    this.timeout = timeout;
  }

  /** The GPUs with their static description, in index order. */
  public ToolResult<GpuInfo> gpus() {
    ToolResult<Row> rows = rows();
    if (!rows.present()) {
      return ToolResult.absent(rows.absentReason());
    }
    String cuda = cudaVersion();
    return ToolResult.of(rows.values().stream().map(row -> row.toGpuInfo(cuda)).toList());
  }

  /** Live telemetry, in index order. */
  public ToolResult<GpuSample> samples() {
    ToolResult<Row> rows = rows();
    return rows.present()
        ? ToolResult.of(rows.values().stream().map(Row::toSample).toList())
        : ToolResult.absent(rows.absentReason());
  }

  private ToolResult<Row> rows() {
    try {
      ToolResult<Row> rows = interpret(runner.run(QUERY_COMMAND, timeout));
      if (rows.present()) {
        log.clear(TOPIC);
      } else {
        log.info(TOPIC, "No GPUs from nvidia-smi: " + rows.absentReason());
      }
      return rows;
    } catch (RuntimeException e) {
      // A runner or parser bug must not escape the probe; it costs this source, not the report.
      log.warn(TOPIC, "nvidia-smi output could not be read: " + e, e);
      return ToolResult.absent("nvidia-smi output could not be read: " + e);
    }
  }

  private ToolResult<Row> interpret(CommandResult result) {
    if (result instanceof CommandResult.Unavailable unavailable) {
      return ToolResult.absent(unavailable.reason());
    }
    if (result instanceof CommandResult.TimedOut timedOut) {
      return ToolResult.absent("nvidia-smi did not answer within " + timedOut.after().toSeconds() + " s");
    }
    CommandResult.Completed completed = (CommandResult.Completed) result;
    Parsed parsed = NvidiaSmiParser.parseQuery(completed.stdout());
    // Rows win over the exit code: with one GPU fallen off the bus nvidia-smi exits non-zero yet
    // still describes the others, and partial data beats none.
    if (!parsed.rows().isEmpty()) {
      for (String line : parsed.rejectedLines()) {
        log.info("nvidia-smi line " + line, "Skipped an nvidia-smi line that is not a GPU row: " + line);
      }
      return ToolResult.of(parsed.rows());
    }
    String output = completed.stdout() + "\n" + completed.stderr();
    String why =
        NvidiaSmiParser.failureMessage(output)
            .or(() -> parsed.rejectedLines().stream().findFirst())
            .orElse("no output");
    return ToolResult.absent("nvidia-smi exited " + completed.exitCode() + ": " + why);
  }

  /** Asked for until nvidia-smi once completes; a hang or a missing tool is retried next time. */
  private synchronized String cudaVersion() {
    if (!cudaVersionLookedUp) {
      try {
        if (runner.run(HEADER_COMMAND, timeout) instanceof CommandResult.Completed header) {
          cudaVersionLookedUp = true;
          cudaVersion = NvidiaSmiParser.parseCudaVersion(header.stdout()).orElse(null);
        }
      } catch (RuntimeException e) {
        log.warn("nvidia-smi header", "nvidia-smi header could not be read: " + e, e);
      }
    }
    return cudaVersion;
  }
}
