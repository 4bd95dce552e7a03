package io.rigshare.marketplace.offers;

import io.rigshare.marketplace.errors.ApiException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in the offers of one sort order: the sort, the last offer's sort key (null when that offer has none,
 * as nodes without a price or reliability do) and its id. The next page is the offers after it in that order, found
 * through the order's index however deep it is. On the wire it is opaque: base64url (no padding) of
 * {@code sort|key|id}.
 */
public record OfferCursor(String sort, BigDecimal key, UUID id) {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  /** The cursor's text for the {@code after} parameter. */
  public String encode() {
    String plain = sort + "|" + (key == null ? "" : key.toPlainString()) + "|" + id;
    return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor that {@link #encode()} wrote as {@code after}; VALIDATION_FAILED for any other text. */
  public static OfferCursor parse(String after) {
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\\|", -1);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (parts.length != 3 || !OfferService.SORTS.containsKey(parts[0])) {
      throw invalid();
    }
    try {
      return new OfferCursor(parts[0], parts[1].isEmpty() ? null : new BigDecimal(parts[1]), UUID.fromString(parts[2]));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ApiException invalid() {
    return ApiException.validation("after: not a cursor of these offers (use a `next` as it came)");
  }
}
