package io.rigshare.protocol.wire;

/** The error codes of {@link Message.Error} frames. Stable: agents branch on them. */
public final class ErrorCodes {
  public static final String NODE_NOT_FOUND = "NODE_NOT_FOUND";
  public static final String NODE_DISABLED = "NODE_DISABLED";
  public static final String NODE_EXISTS = "NODE_EXISTS";
  public static final String INVALID_TOKEN = "INVALID_TOKEN";
  public static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";
  public static final String TOKEN_USED = "TOKEN_USED";
  public static final String INVALID_SIGNATURE = "INVALID_SIGNATURE";
  public static final String CHALLENGE_EXPIRED = "CHALLENGE_EXPIRED";
  public static final String UNSUPPORTED_VERSION = "UNSUPPORTED_VERSION";
  public static final String MALFORMED_MESSAGE = "MALFORMED_MESSAGE";
  public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
  public static final String UNEXPECTED_MESSAGE = "UNEXPECTED_MESSAGE";
  public static final String FRAME_TOO_LARGE = "FRAME_TOO_LARGE";
  public static final String RATE_LIMITED = "RATE_LIMITED";
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
  /** A job report for an attempt this node no longer holds (requeued, cancelled or finished): dropped. */
  public static final String STALE_ATTEMPT = "STALE_ATTEMPT";
  /** A usage receipt whose signature or times do not check out: dropped. */
  public static final String INVALID_RECEIPT = "INVALID_RECEIPT";

  /** Agent → server, ref = the verify id: a job is running here; the server asks again later. */
  public static final String VERIFY_BUSY = "VERIFY_BUSY";
  /** Agent → server, ref = the verify id: the computation could not run (no such GPU, no OpenCL, a bad n or seed). */
  public static final String VERIFY_FAILED = "VERIFY_FAILED";
  /** Agent → server, ref = the verify id: a verify-open for a challenge the agent does not hold (replaced, expired). */
  public static final String VERIFY_UNKNOWN = "VERIFY_UNKNOWN";

  private ErrorCodes() {}
}
