package io.rigshare.agent.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The host's own settings from {@code agent.properties}. A null field means "not set": the server's value or the
 * hardware's size applies.
 *
 * @param apiUrl the API's public URL; null until {@code register} writes it
 * @param heartbeatOverrideSeconds replaces the server's heartbeat interval when set
 * @param maxCpuCores the most CPU cores the host lets the owner's limits grant
 * @param maxMemoryBytes the most memory the host lets the owner's limits grant
 * @param runnersAllowed which job runners may run here, a subset of {@link #RUNNERS}
 * @param logLevel a logback level name
 * @param jobs how jobs run on this host
 * @param benchmarkIntervalHours hours between scheduled benchmarks; 0 runs none on a schedule (the agent still
 *     benchmarks when it has no report and after a GPU or driver change)
 */
public record AgentConfig(
    String apiUrl,
    Integer heartbeatOverrideSeconds,
    Integer maxCpuCores,
    Long maxMemoryBytes,
    Set<String> runnersAllowed,
    String logLevel,
    Jobs jobs,
    int benchmarkIntervalHours) {

  public static final String API_URL = "api.url";
  public static final String HEARTBEAT_OVERRIDE = "heartbeat.override.seconds";
  public static final String MAX_CPU_CORES = "limits.max.cpu.cores";
  public static final String MAX_MEMORY_BYTES = "limits.max.memory.bytes";
  public static final String RUNNERS_ALLOWED = "runners.allowed";
  public static final String LOG_LEVEL = "log.level";
  public static final String JOBS_USER = "jobs.user";
  public static final String JOBS_NETWORK_ALLOWED = "jobs.network.allowed";
  public static final String JOBS_MAX_CONCURRENT = "jobs.max.concurrent";
  public static final String JOBS_MAX_OUTPUT_BYTES = "jobs.max.output.bytes";
  public static final String JOBS_KILL_GRACE_SECONDS = "jobs.kill.grace.seconds";
  public static final String BENCHMARK_INTERVAL_HOURS = "benchmark.interval.hours";
  public static final int DEFAULT_BENCHMARK_INTERVAL_HOURS = 24;

  public static final Set<String> RUNNERS = Set.of("container", "process");
  public static final Set<String> LOG_LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  public AgentConfig {
    runnersAllowed = Set.copyOf(runnersAllowed);
    jobs = jobs == null ? Jobs.defaults() : jobs;
    if (benchmarkIntervalHours < 0) {
      throw new IllegalArgumentException("benchmarkIntervalHours must not be negative");
    }
  }

  /** The settings with the default benchmark interval. */
  public AgentConfig(String apiUrl, Integer heartbeatOverrideSeconds, Integer maxCpuCores, Long maxMemoryBytes,
      Set<String> runnersAllowed, String logLevel, Jobs jobs) {
    this(apiUrl, heartbeatOverrideSeconds, maxCpuCores, maxMemoryBytes, runnersAllowed, logLevel, jobs,
        DEFAULT_BENCHMARK_INTERVAL_HOURS);
  }

  public static AgentConfig defaults() {
    return new AgentConfig(null, null, null, null, RUNNERS, "INFO", Jobs.defaults());
  }

  /**
   * How jobs run here (docs/protocol.md section 9).
   *
   * @param user the account processes run as when the agent runs as root; never root itself
   * @param networkAllowed whether a container may reach the network when its job asks to
   * @param maxConcurrent jobs running at once; further assignments are rejected
   * @param maxOutputBytes the most output forwarded per job (more is counted and hashed, not sent)
   * @param killGraceSeconds between SIGTERM and SIGKILL when a job is cancelled or runs out of time
   */
  public record Jobs(
      String user, boolean networkAllowed, int maxConcurrent, long maxOutputBytes, int killGraceSeconds) {
    public static final String DEFAULT_USER = "nobody";
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 64L << 20;

    public static Jobs defaults() {
      return new Jobs(DEFAULT_USER, false, 4, DEFAULT_MAX_OUTPUT_BYTES, 10);
    }
  }

  /** Reads and validates the properties; {@code source} names the file in error messages. */
  public static AgentConfig from(Properties properties, String source) {
    Reader reader = new Reader(properties, source);
    return new AgentConfig(
        reader.url(API_URL),
        reader.positiveInt(HEARTBEAT_OVERRIDE),
        reader.positiveInt(MAX_CPU_CORES),
        reader.positiveLong(MAX_MEMORY_BYTES),
        reader.runners(),
        reader.logLevel(),
        reader.jobs(),
        reader.hours(BENCHMARK_INTERVAL_HOURS, DEFAULT_BENCHMARK_INTERVAL_HOURS));
  }

  /** Reads one key at a time, blank meaning unset, and names the file and key in what it refuses. */
  private record Reader(Properties properties, String source) {
    String text(String key) {
      String value = properties.getProperty(key);
      return value == null || value.isBlank() ? null : value.strip();
    }

    String url(String key) {
      String value = text(key);
      if (value != null && !value.matches("(?i)https?://\\S+")) {
        throw invalid(key, value, "an http:// or https:// URL");
      }
      return value == null ? null : value.replaceAll("/+$", "");
    }

    Integer positiveInt(String key) {
      Long value = positiveLong(key);
      if (value != null && value > Integer.MAX_VALUE) {
        throw invalid(key, value.toString(), "a whole number up to " + Integer.MAX_VALUE);
      }
      return value == null ? null : value.intValue();
    }

    Long positiveLong(String key) {
      String value = text(key);
      if (value == null) {
        return null;
      }
      try {
        long parsed = Long.parseLong(value.replace("_", ""));
        if (parsed >= 1) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(key, value, "a whole number of at least 1, or blank");
    }

    /** A whole number of hours from 0 (off) to a year; blank means {@code fallback}. */
    int hours(String key, int fallback) {
      String value = text(key);
      if (value == null) {
        return fallback;
      }
      try {
        int parsed = Integer.parseInt(value.replace("_", ""));
        if (parsed >= 0 && parsed <= 8760) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw invalid(key, value, "a whole number of hours from 0 (off) to 8760, or blank");
    }

    Set<String> runners() {
      String value = text(RUNNERS_ALLOWED);
      if (value == null) {
        return RUNNERS;
      }
      Set<String> runners = new LinkedHashSet<>();
      for (String part : value.split(",")) {
        String runner = part.strip().toLowerCase(Locale.ROOT);
        if (!RUNNERS.contains(runner)) {
          throw invalid(RUNNERS_ALLOWED, value, "a comma-separated list of " + RUNNERS);
        }
        runners.add(runner);
      }
      return runners;
    }

    Jobs jobs() {
      Jobs defaults = Jobs.defaults();
      return new Jobs(
          jobUser(),
          bool(JOBS_NETWORK_ALLOWED, defaults.networkAllowed()),
          orElse(positiveInt(JOBS_MAX_CONCURRENT), defaults.maxConcurrent()),
          orElse(positiveLong(JOBS_MAX_OUTPUT_BYTES), defaults.maxOutputBytes()),
          orElse(positiveInt(JOBS_KILL_GRACE_SECONDS), defaults.killGraceSeconds()));
    }

    String jobUser() {
      String value = text(JOBS_USER);
      if (value == null) {
        return Jobs.DEFAULT_USER;
      }
      if (value.equals("root") || value.equals("0")) {
        throw invalid(JOBS_USER, value, "an unprivileged account (jobs must never run as root)");
      }
      if (!value.matches("[A-Za-z_][A-Za-z0-9_.-]{0,31}|[1-9][0-9]{0,9}")) {
        throw invalid(JOBS_USER, value, "a user name or a numeric uid");
      }
      return value;
    }

    boolean bool(String key, boolean fallback) {
      String value = text(key);
      if (value == null) {
        return fallback;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw invalid(key, value, "true or false");
      };
    }

    static <T> T orElse(T value, T fallback) {
      return value == null ? fallback : value;
    }

    String logLevel() {
      String value = text(LOG_LEVEL);
      if (value == null) {
        return "INFO";
      }
      String level = value.toUpperCase(Locale.ROOT);
      if (!LOG_LEVELS.contains(level)) {
        throw invalid(LOG_LEVEL, value, "one of " + LOG_LEVELS);
      }
      return level;
    }

    SetupException invalid(String key, String value, String expected) {
      return new SetupException(
          source + ": " + key + " is '" + value + "'; it must be " + expected, "edit " + key + " in " + source);
    }
  }
}
