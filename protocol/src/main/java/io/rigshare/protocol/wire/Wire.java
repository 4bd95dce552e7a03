package io.rigshare.protocol.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Set;

/**
 * Encodes and decodes frames. Decoding never throws: a frame that is not JSON, has no known {@code type}, or does not
 * fit its record comes back as a {@link Decoded} with the error code to answer with.
 */
public final class Wire {
  /** Largest frame either side accepts, in characters (docs/protocol.md). */
  public static final int MAX_FRAME_BYTES = 64 * 1024;

  private static final Set<String> TYPES =
      Set.of("hello", "challenge", "auth", "register", "registered", "authenticated", "heartbeat", "metrics",
          "limits", "ack", "error", "assign", "cancel", "started", "log", "finished", "benchmark", "verify",
          "verify-commit", "verify-open", "verify-rows");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // Newer peers may add fields; older ones ignore them.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Wire() {}

  public static ObjectMapper mapper() {
    return JSON;
  }

  public static String encode(Message message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /** A decoded frame: either {@code message}, or an error code and reason (and the type, when it was readable). */
  public record Decoded(Message message, String type, String errorCode, String reason) {
    public boolean ok() {
      return message != null;
    }
  }

  public static Decoded decode(String frame) {
    if (frame.length() > MAX_FRAME_BYTES) {
      return new Decoded(null, null, ErrorCodes.FRAME_TOO_LARGE, "frame over " + MAX_FRAME_BYTES + " characters");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(frame);
    } catch (JsonProcessingException e) {
      return new Decoded(null, null, ErrorCodes.MALFORMED_MESSAGE, "frame is not JSON");
    }
    if (tree == null || !tree.isObject() || !tree.path("type").isTextual()) {
      return new Decoded(null, null, ErrorCodes.MALFORMED_MESSAGE, "frame must be a JSON object with a type");
    }
    String type = tree.get("type").asText();
    if (!TYPES.contains(type)) {
      return new Decoded(null, type, ErrorCodes.UNKNOWN_TYPE, "unknown message type '" + abbreviate(type) + "'");
    }
    try {
      return new Decoded(JSON.treeToValue(tree, Message.class), type, null, null);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return new Decoded(null, type, ErrorCodes.MALFORMED_MESSAGE, "'" + type + "' frame has wrong or missing fields");
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
