package io.rigshare.agent.jobs;

import io.rigshare.protocol.wire.Message;
import java.util.List;

/**
 * One attempt as a runner sees it, with the owner's and the host's limits already folded into the job's own.
 *
 * @param gpus the GPU indices assigned to the attempt; only these may be visible to it
 * @param memoryBytes the memory (address-space) cap; null: none
 * @param cpuCores the most CPUs the attempt may use; null: all
 */
public record JobSpec(
    String jobId, int attempt, Message.JobRuntime runtime, List<Integer> gpus, Long memoryBytes, Integer cpuCores) {
  public JobSpec {
    gpus = List.copyOf(gpus);
  }

  /** How the attempt is named on the host: its working directory, its container. */
  public String name() {
    return jobId + "-" + attempt;
  }
}
