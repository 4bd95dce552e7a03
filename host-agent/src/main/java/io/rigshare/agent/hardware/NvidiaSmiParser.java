package io.rigshare.agent.hardware;

import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.GpuSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parsing of {@code nvidia-smi} output; no processes, no logging. Tested from fixture files of
 * real output under {@code src/test/resources/hardware}.
 */
public final class NvidiaSmiParser {

  /** The columns {@link NvidiaSmi} asks for, in order; the parser depends on this order. */
  public static final String QUERY_FIELDS =
      "index,name,uuid,memory.total,memory.free,memory.used,utilization.gpu,temperature.gpu,"
          + "power.draw,power.limit,driver_version";

  static final int COLUMNS = 11;

  // R610 drivers renamed the header field to "CUDA UMD Version".
  private static final Pattern CUDA_VERSION =
      Pattern.compile("CUDA (?:UMD )?Version:\\s*([0-9]+(?:\\.[0-9]+)*)");
  private static final Pattern LEADING_NUMBER = Pattern.compile("^[0-9]+(?:\\.[0-9]+)?");
  private static final Pattern GPU_UUID = Pattern.compile("^(?:GPU|MIG)-[0-9A-Za-z-/]+$");

  // Lines nvidia-smi prints instead of rows when it has no GPU to describe.
  private static final List<String> FAILURE_PREFIXES =
      List.of(
          "NVIDIA-SMI has failed",
          "No devices were found",
          "Failed to initialize NVML",
          "Unable to determine the device handle",
          "Unable to query");

  private NvidiaSmiParser() {}

  /** One row of the {@link #QUERY_FIELDS} query; boxed fields are null where nvidia-smi had none. */
  public record Row(
      int index,
      String name,
      String uuid,
      Long memoryTotalMib,
      Long memoryFreeMib,
      Long memoryUsedMib,
      Integer utilizationPercent,
      Integer temperatureC,
      Double powerDrawW,
      Double powerLimitW,
      String driverVersion) {

    public GpuInfo toGpuInfo(String cudaVersion) {
      return new GpuInfo(
          index,
          GpuInfo.VENDOR_NVIDIA,
          name,
          uuid,
          memoryTotalMib == null ? 0 : memoryTotalMib,
          memoryFreeMib,
          utilizationPercent,
          temperatureC,
          powerDrawW,
          powerLimitW,
          driverVersion,
          cudaVersion,
          GpuInfo.SOURCE_NVIDIA_SMI);
    }

    public GpuSample toSample() {
      return new GpuSample(
          index,
          uuid,
          utilizationPercent,
          temperatureC,
          memoryUsedMib,
          memoryTotalMib,
          powerDrawW);
    }
  }

  /** Rows in index order, and the non-blank lines that were not rows (kept so they can be logged). */
  public record Parsed(List<Row> rows, List<String> rejectedLines) {
    public Parsed {
      rows = List.copyOf(rows);
      rejectedLines = List.copyOf(rejectedLines);
    }
  }

  /** Parses {@code --query-gpu=}{@link #QUERY_FIELDS}{@code --format=csv,noheader,nounits}. */
  public static Parsed parseQuery(String stdout) {
    List<Row> rows = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (String line : lines(stdout)) {
      Optional<Row> row = parseRow(line);
      if (row.isPresent()) {
        rows.add(row.get());
      } else {
        rejected.add(line);
      }
    }
    rows.sort(Comparator.comparingInt(Row::index));
    return new Parsed(rows, rejected);
  }

  /** The CUDA version from the plain {@code nvidia-smi} table header, e.g. "12.4". */
  public static Optional<String> parseCudaVersion(String header) {
    Matcher matcher = CUDA_VERSION.matcher(header == null ? "" : header);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The line explaining why nvidia-smi listed no GPUs, if the output holds a known one. */
  public static Optional<String> failureMessage(String output) {
    for (String line : lines(output)) {
      for (String prefix : FAILURE_PREFIXES) {
        if (line.startsWith(prefix)) {
          return Optional.of(line);
        }
      }
    }
    return Optional.empty();
  }

  static Optional<Row> parseRow(String line) {
    String[] fields = joinCommasInName(line.split(",", -1));
    if (fields.length != COLUMNS) {
      return Optional.empty();
    }
    Double index = number(fields[0]);
    String name = text(fields[1]);
    if (index == null || name == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Row(
            index.intValue(),
            name,
            text(fields[2]),
            whole(fields[3]),
            whole(fields[4]),
            whole(fields[5]),
            integer(fields[6]),
            integer(fields[7]),
            number(fields[8]),
            number(fields[9]),
            text(fields[10])));
  }

  /**
   * nvidia-smi does not quote, so a name containing a comma yields extra fields. Only the name can
   * hold one (the rest are numbers, a UUID and a version), so extra fields are folded back into the
   * name, but only when what then sits in the UUID column looks like a UUID; otherwise the split is
   * left alone and the row fails the column count.
   */
  private static String[] joinCommasInName(String[] fields) {
    int extra = fields.length - COLUMNS;
    if (extra <= 0) {
      return fields;
    }
    String uuid = fields[2 + extra].trim();
    if (!GPU_UUID.matcher(uuid).matches() && text(uuid) != null) {
      return fields;
    }
    String[] joined = new String[COLUMNS];
    joined[0] = fields[0];
    joined[1] = String.join(",", Arrays.copyOfRange(fields, 1, 2 + extra));
    System.arraycopy(fields, 2 + extra, joined, 2, COLUMNS - 2);
    return joined;
  }

  /**
   * The trimmed value, or null for blanks and the markers nvidia-smi prints instead of a value:
   * "[N/A]", "[Not Supported]", "[Unknown Error]", "[Insufficient Permissions]", "N/A", ...
   */
  static String text(String raw) {
    String value = raw == null ? "" : raw.trim();
    if (value.isEmpty() || (value.startsWith("[") && value.endsWith("]"))) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.equals("n/a") || lower.equals("not supported") ? null : value;
  }

  /** A non-negative number, tolerating a unit left on ("81559 MiB", "69.85 W"); else null. */
  static Double number(String raw) {
    String value = text(raw);
    if (value == null) {
      return null;
    }
    Matcher matcher = LEADING_NUMBER.matcher(value);
    return matcher.find() ? Double.valueOf(matcher.group()) : null;
  }

  private static Long whole(String raw) {
    Double value = number(raw);
    return value == null ? null : Math.round(value);
  }

  private static Integer integer(String raw) {
    Double value = number(raw);
    return value == null ? null : (int) Math.round(value);
  }

  private static List<String> lines(String output) {
    if (output == null) {
      return List.of();
    }
    return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }
}
