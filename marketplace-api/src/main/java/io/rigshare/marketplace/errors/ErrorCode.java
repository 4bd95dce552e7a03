package io.rigshare.marketplace.errors;

/** Every error the HTTP API answers, with its status. The names are a public contract: never rename one. */
public enum ErrorCode {
  MALFORMED_JSON(400),
  VALIDATION_FAILED(400),
  MALFORMED_SIGNATURE(400),
  INVALID_MESSAGE(400),
  BAD_REQUEST(400),
  UNAUTHORIZED(401),
  INVALID_SIGNATURE(401),
  NONCE_UNKNOWN(401),
  NONCE_EXPIRED(401),
  NONCE_USED(401),
  DOMAIN_MISMATCH(401),
  ADDRESS_MISMATCH(401),
  INVALID_TOKEN(401),
  TOKEN_EXPIRED(401),
  TOKEN_USED(409),
  FORBIDDEN(403),
  NODE_DISABLED(403),
  NODE_NOT_FOUND(404),
  NODE_EXISTS(409),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  NOT_ACCEPTABLE(406),
  TOO_MANY_TOKENS(409),
  JOB_FINISHED(409),
  IDEMPOTENCY_CONFLICT(422),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  RATE_LIMITED(429),
  INTERNAL_ERROR(500),
  SERVICE_UNAVAILABLE(503);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
