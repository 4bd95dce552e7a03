package io.rigshare.agent.jobs;

/** The {@code outcome} values of a {@code finished} frame (docs/protocol.md section 9). */
final class Outcomes {
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String TIMED_OUT = "timed_out";
  static final String CANCELLED = "cancelled";
  static final String REJECTED = "rejected";

  private Outcomes() {}
}
