package io.rigshare.marketplace.errors;

import java.time.Duration;

/** A refusal with a stable code; mapped to its status and {@link ErrorResponse} by {@link ApiExceptionMapper}. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient Duration retryAfter;

  public ApiException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ApiException(ErrorCode code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  public ErrorCode code() {
    return code;
  }

  /** Set for {@link ErrorCode#RATE_LIMITED}: when to try again. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public static ApiException notFound(String what) {
    return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
  }

  public static ApiException validation(String message) {
    return new ApiException(ErrorCode.VALIDATION_FAILED, message);
  }
}
