package io.rigshare.marketplace.jobs;

import java.util.List;

/** The job states, in the order a job moves through them; the names are a public contract. */
public final class JobStates {
  public static final List<String> ALL =
      List.of("queued", "assigned", "running", "succeeded", "failed", "cancelled", "timed_out", "expired");

  private JobStates() {}
}
