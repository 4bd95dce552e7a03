package io.rigshare.agent.jobs;

/** The attempt cannot run here and nothing was started: it is reported with outcome {@code rejected}. */
public final class JobRejectedException extends Exception {
  public JobRejectedException(String reason) {
    super(reason);
  }
}
