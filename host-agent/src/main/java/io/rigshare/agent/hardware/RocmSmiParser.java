package io.rigshare.agent.hardware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.GpuSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pure parsing of {@code rocm-smi ... --json} output; no processes, no logging. Tolerant by design:
 * rocm-smi renames keys between releases ("Card series" became "Card Series") and omits any it
 * cannot read, so every key is optional and matched without regard to case.
 */
public final class RocmSmiParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CARD_KEY = Pattern.compile("(?i)card(\\d{1,6})");
  private static final Pattern LEADING_NUMBER = Pattern.compile("^[0-9]+(?:\\.[0-9]+)?");
  private static final Pattern HEX_ID = Pattern.compile("(?i)^0x[0-9a-f]+$");
  private static final long BYTES_PER_MIB = 1024L * 1024L;

  private RocmSmiParser() {}

  /** One card; boxed fields are null where rocm-smi printed nothing usable. */
  public record Card(
      int index,
      String name,
      String uniqueId,
      Long vramTotalBytes,
      Long vramUsedBytes,
      Integer usePercent,
      Integer temperatureC,
      Double powerW,
      Double powerCapW,
      String driverVersion) {

    public GpuInfo toGpuInfo() {
      Long totalMib = vramTotalBytes == null ? null : vramTotalBytes / BYTES_PER_MIB;
      Long freeMib =
          vramTotalBytes == null || vramUsedBytes == null
              ? null
              : Math.max(0, vramTotalBytes - vramUsedBytes) / BYTES_PER_MIB;
      return new GpuInfo(
          index,
          GpuInfo.VENDOR_AMD,
          name,
          uniqueId,
          totalMib == null ? 0 : totalMib,
          freeMib,
          usePercent,
          temperatureC,
          powerW,
          powerCapW,
          driverVersion,
          null,
          GpuInfo.SOURCE_ROCM_SMI);
    }

    public GpuSample toSample() {
      return new GpuSample(
          index,
          uniqueId,
          usePercent,
          temperatureC,
          vramUsedBytes == null ? null : vramUsedBytes / BYTES_PER_MIB,
          vramTotalBytes == null ? null : vramTotalBytes / BYTES_PER_MIB,
          powerW);
    }
  }

  /**
   * The cards in index order; empty when the JSON holds none.
   *
   * @throws IllegalArgumentException when the output holds no JSON object
   */
  public static List<Card> parse(String output) {
    JsonNode root = readObject(output);
    String systemDriver = text(fields(root.path("system")), "Driver version");
    List<Card> cards = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      Matcher key = CARD_KEY.matcher(entry.getKey());
      if (key.matches() && entry.getValue().isObject()) {
        cards.add(card(Integer.parseInt(key.group(1)), fields(entry.getValue()), systemDriver));
      }
    }
    cards.sort(Comparator.comparingInt(Card::index));
    return cards;
  }

  private static Card card(int index, Map<String, String> f, String systemDriver) {
    String driver = text(f, "Driver version");
    return new Card(
        index,
        name(f),
        text(f, "Unique ID"),
        whole(f, "VRAM Total Memory (B)"),
        whole(f, "VRAM Total Used Memory (B)"),
        integer(f, "GPU use (%)"),
        integer(f, "Temperature (Sensor edge) (C)", "Temperature (Sensor junction) (C)"),
        number(f, "Average Graphics Package Power (W)", "Current Socket Graphics Package Power (W)"),
        number(f, "Max Graphics Package Power (W)"),
        driver != null ? driver : systemDriver);
  }

  /** Prefers a marketing name; old rocm-smi releases print bare PCI ids such as "0x738c". */
  private static String name(Map<String, String> f) {
    List<String> candidates =
        Stream.of("Card Series", "Device Name", "Card Model", "Card SKU")
            .map(key -> text(f, key))
            .filter(value -> value != null)
            .toList();
    return candidates.stream()
        .filter(value -> !HEX_ID.matcher(value).matches())
        .findFirst()
        .orElse(candidates.isEmpty() ? "AMD GPU" : candidates.get(0));
  }

  private static JsonNode readObject(String output) {
    // rocm-smi can print warnings before the JSON; read from the first brace to the last.
    String text = output == null ? "" : output;
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("rocm-smi printed no JSON object");
    }
    try {
      JsonNode root = JSON.readTree(text.substring(start, end + 1));
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("rocm-smi printed no JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("rocm-smi printed malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, String> fields(JsonNode node) {
    Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getValue().isValueNode()) {
        values.put(entry.getKey().trim(), entry.getValue().asText());
      }
    }
    return values;
  }

  /** The first of the keys with a real value; rocm-smi writes "N/A" for what it cannot read. */
  private static String text(Map<String, String> f, String... keys) {
    for (String key : keys) {
      String value = f.get(key);
      if (value != null && !value.isBlank() && !value.trim().equalsIgnoreCase("N/A")) {
        return value.trim();
      }
    }
    return null;
  }

  private static Double number(Map<String, String> f, String... keys) {
    for (String key : keys) {
      String value = text(f, key);
      Matcher matcher = LEADING_NUMBER.matcher(value == null ? "" : value);
      if (matcher.find()) {
        return Double.valueOf(matcher.group());
      }
    }
    return null;
  }

  private static Long whole(Map<String, String> f, String key) {
    Double value = number(f, key);
    return value == null ? null : Math.round(value);
  }

  private static Integer integer(Map<String, String> f, String... keys) {
    Double value = number(f, keys);
    return value == null ? null : (int) Math.round(value);
  }
}
