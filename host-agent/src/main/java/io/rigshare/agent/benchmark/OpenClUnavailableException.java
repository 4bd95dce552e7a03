package io.rigshare.agent.benchmark;

/** No OpenCL platform or device on this machine (or no OpenCL loader at all). */
public final class OpenClUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OpenClUnavailableException(String message) {
    super(message);
  }

  public OpenClUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
