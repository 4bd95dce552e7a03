package io.rigshare.agent.jobs;

import java.util.Optional;

/** Starts attempts of one runtime type ({@code process} or {@code container}). */
public interface JobRunner {
  /** The {@code runtime.type} this runner runs, as offered in {@code hello}. */
  String type();

  /** Why this machine cannot run such jobs (a missing tool, no container engine); empty when it can. */
  Optional<String> unavailable();

  /**
   * Starts the attempt. Throws {@link JobRejectedException} when nothing was started (a missing image, a limit it
   * cannot enforce, a failure to start); never returns null.
   */
  RunningJob start(JobSpec spec) throws JobRejectedException;
}
