package io.rigshare.agent.jobs;

import io.rigshare.agent.config.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The host's side of running jobs, from {@code agent.properties}.
 *
 * @param maxConcurrent attempts running at once; more are rejected
 * @param maxOutputBytes the most output forwarded per attempt, whatever the job asks
 * @param killGrace between SIGTERM and SIGKILL
 * @param maxCpuCores the host's CPU ceiling ({@code limits.max.cpu.cores}); null: none
 * @param maxMemoryBytes the host's memory ceiling ({@code limits.max.memory.bytes}); null: none
 * @param reportsDir where unanswered {@code finished} reports are kept across restarts; null: memory only
 */
public record JobSettings(int maxConcurrent, long maxOutputBytes, Duration killGrace, Integer maxCpuCores,
    Long maxMemoryBytes, Path reportsDir) {

  /** The directory under the data directory that holds the unanswered reports. */
  public static final String REPORTS_DIR = "job-reports";

  public JobSettings {
    if (maxConcurrent < 1 || maxOutputBytes < 0 || killGrace.isNegative()) {
      throw new IllegalArgumentException("bad job settings: " + maxConcurrent + ", " + maxOutputBytes + ", "
          + killGrace);
    }
  }

  public static JobSettings from(AgentConfig config, Path dataDir) {
    AgentConfig.Jobs jobs = config.jobs();
    return new JobSettings(jobs.maxConcurrent(), jobs.maxOutputBytes(), Duration.ofSeconds(jobs.killGraceSeconds()),
        config.maxCpuCores(), config.maxMemoryBytes(), dataDir.resolve(REPORTS_DIR));
  }

  /** The defaults, nothing kept on disk. */
  public static JobSettings defaults() {
    AgentConfig.Jobs jobs = AgentConfig.Jobs.defaults();
    return new JobSettings(jobs.maxConcurrent(), jobs.maxOutputBytes(), Duration.ofSeconds(jobs.killGraceSeconds()),
        null, null, null);
  }
}
