package io.rigshare.marketplace.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sign-In With Solana message (CAIP-122 text), exactly as {@code @solana/wallet-standard-util}'s
 * {@code createSignInMessageText} writes it. {@link #parse} accepts only text that {@link #format} would write back
 * byte for byte, so a message cannot carry anything the checks did not see.
 */
public record SiwsMessage(
    String domain,
    String address,
    String statement,
    String uri,
    String version,
    String chainId,
    String nonce,
    String issuedAt,
    String expirationTime,
    String notBefore,
    String requestId,
    List<String> resources) {

  private static final String HEADER_SUFFIX = " wants you to sign in with your Solana account:";
  /** Field labels in the order the format requires them. */
  private static final String[] LABELS = {
    "URI: ", "Version: ", "Chain ID: ", "Nonce: ", "Issued At: ", "Expiration Time: ", "Not Before: ", "Request ID: "
  };
  private static final String RESOURCES = "Resources:";
  private static final DateTimeFormatter JS_ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public SiwsMessage {
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  /** Formats an instant as JavaScript's {@code toISOString} does, the form wallets write. */
  public static String timestamp(Instant instant) {
    return JS_ISO.format(instant);
  }

  public String format() {
    StringBuilder text = new StringBuilder(domain).append(HEADER_SUFFIX).append('\n').append(address);
    if (statement != null) {
      text.append("\n\n").append(statement);
    }
    List<String> fields = new ArrayList<>();
    String[] values = {uri, version, chainId, nonce, issuedAt, expirationTime, notBefore, requestId};
    for (int i = 0; i < LABELS.length; i++) {
      if (values[i] != null) {
        fields.add(LABELS[i] + values[i]);
      }
    }
    if (!resources.isEmpty()) {
      StringBuilder block = new StringBuilder(RESOURCES);
      resources.forEach(r -> block.append("\n- ").append(r));
      fields.add(block.toString());
    }
    if (!fields.isEmpty()) {
      text.append("\n\n").append(String.join("\n", fields));
    }
    return text.toString();
  }

  /**
   * Parses message text.
   *
   * @throws IllegalArgumentException with a reason a person can act on when the text is not a SIWS message
   */
  public static SiwsMessage parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 2 || !lines[0].endsWith(HEADER_SUFFIX)) {
      throw new IllegalArgumentException("first line must be '<domain>" + HEADER_SUFFIX + "'");
    }
    String domain = lines[0].substring(0, lines[0].length() - HEADER_SUFFIX.length());
    if (domain.isEmpty() || domain.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("domain must be a host[:port] without spaces");
    }
    String address = lines[1];
    String statement = null;
    String[] values = new String[LABELS.length];
    List<String> resources = new ArrayList<>();
    int i = 2;
    if (i < lines.length) {
      expectBlank(lines, i++);
      if (i < lines.length && labelIndex(lines[i]) < 0 && !lines[i].equals(RESOURCES)) {
        statement = lines[i++];
        if (i < lines.length) {
          expectBlank(lines, i++);
        }
      }
      int next = 0;
      for (; i < lines.length; i++) {
        String line = lines[i];
        if (line.equals(RESOURCES)) {
          for (i++; i < lines.length; i++) {
            if (!lines[i].startsWith("- ") || lines[i].length() < 3) {
              throw new IllegalArgumentException("each resource must be a line '- <uri>'");
            }
            resources.add(lines[i].substring(2));
          }
          if (resources.isEmpty()) {
            throw new IllegalArgumentException("Resources: must list at least one resource");
          }
          break;
        }
        int label = labelIndex(line);
        if (label < next) {
          throw new IllegalArgumentException(
              "line " + (i + 1) + " is not a known field or is out of order: '" + abbreviate(line) + "'");
        }
        values[label] = line.substring(LABELS[label].length());
        next = label + 1;
      }
    }
    SiwsMessage message =
        new SiwsMessage(
            domain, address, statement, values[0], values[1], values[2], values[3], values[4], values[5], values[6],
            values[7], resources);
    if (!message.format().equals(text)) {
      throw new IllegalArgumentException("message is not in the canonical Sign-In With Solana layout");
    }
    return message;
  }

  /** Parses one of the message's timestamps (ISO-8601 with an offset). */
  public static Instant instant(String field, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an ISO-8601 timestamp");
    }
  }

  private static int labelIndex(String line) {
    for (int k = 0; k < LABELS.length; k++) {
      if (line.startsWith(LABELS[k])) {
        return k;
      }
    }
    return -1;
  }

  private static void expectBlank(String[] lines, int i) {
    if (!lines[i].isEmpty()) {
      throw new IllegalArgumentException("line " + (i + 1) + " must be empty");
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 40 ? line : line.substring(0, 40) + "…";
  }
}
