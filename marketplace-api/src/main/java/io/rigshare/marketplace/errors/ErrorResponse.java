package io.rigshare.marketplace.errors;

/** The one JSON shape of every error: {@code {"code": "STABLE_CODE", "message": "human text"}}. */
public record ErrorResponse(String code, String message) {
  public static ErrorResponse of(ErrorCode code, String message) {
    return new ErrorResponse(code.name(), message);
  }
}
