package io.rigshare.agent.hardware;

import java.util.List;

/**
 * What a vendor tool gave: values, or the reason it gave none. An empty list with no reason never
 * happens; "no GPUs" is itself a reason, so the caller can fall back to the next source.
 *
 * @param absentReason null when the tool answered
 */
public record ToolResult<T>(List<T> values, String absentReason) {

  public ToolResult {
    values = values == null ? List.of() : List.copyOf(values);
  }

  static <T> ToolResult<T> of(List<T> values) {
    return new ToolResult<>(values, null);
  }

  static <T> ToolResult<T> absent(String reason) {
    return new ToolResult<>(List.of(), reason);
  }

  public boolean present() {
    return absentReason == null;
  }
}
