package io.rigshare.marketplace.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rigshare.marketplace.api.JobApi;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.protocol.wire.Message;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A validated job request. {@link #validate} checks every field and reports every failure at once, each naming its
 * field, as one VALIDATION_FAILED error.
 */
public record JobSpec(
    Message.JobRuntime runtime,
    int gpuCount,
    long minVramMib,
    List<String> gpuModels,
    long minScore,
    long maxPricePerHour,
    int timeLimitSeconds,
    Instant startDeadline,
    UUID nodeId) {

  public static final int MAX_COMMAND_CHARS = 8192;
  public static final int MAX_ENV_ENTRIES = 64;
  public static final int MAX_ENV_VALUE_CHARS = 4096;
  public static final int MAX_GPUS = 16;
  public static final long MAX_PRICE_PER_HOUR = 1_000_000_000_000_000L;
  public static final Duration MAX_START_DEADLINE = Duration.ofDays(30);
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  // The agent sets these for every job and rejects an assignment that would override them (Assignments.RESERVED).
  private static final Set<String> AGENT_VARIABLES = Set.of("HOME", "CUDA_VISIBLE_DEVICES");
  // registry/repository:tag@digest, as Docker accepts them (lower-case path components; a separator is one '.' or
  // '_', two '_', or any number of '-').
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern IMAGE = Pattern.compile(
      COMPONENT + "(:[0-9]+)?(/" + COMPONENT + ")*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?");
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public static JobSpec validate(JobApi.SubmitRequest body, Duration maxTimeLimit, Instant now) {
    List<String> problems = new ArrayList<>();
    if (body == null) {
      throw ApiException.validation("the request needs a JSON body: {runtime, requirements, maxPricePerHour, "
          + "timeLimitSeconds}");
    }
    Message.JobRuntime runtime = runtime(body.runtime(), problems);
    JobApi.Requirements req = body.requirements();
    int gpuCount = 0;
    long minVramMib = 0;
    List<String> models = List.of();
    long minScore = 0;
    if (req == null) {
      problems.add("requirements: required, e.g. {\"gpuCount\": 1}");
    } else {
      if (req.gpuCount() == null) {
        problems.add("requirements.gpuCount: required (0 for a job without GPUs)");
      } else if (req.gpuCount() < 0 || req.gpuCount() > MAX_GPUS) {
        problems.add("requirements.gpuCount: must be between 0 and " + MAX_GPUS);
      } else {
        gpuCount = req.gpuCount();
      }
      if (req.minVramGb() != null) {
        if (req.minVramGb() < 0 || req.minVramGb() > 4096) {
          problems.add("requirements.minVramGb: must be between 0 and 4096");
        } else {
          minVramMib = vramMib(req.minVramGb());
        }
      }
      if (req.gpuModels() != null) {
        models = models(req.gpuModels(), problems);
      }
      if (req.minScore() != null) {
        if (req.minScore() < 0) {
          problems.add("requirements.minScore: must be 0 or more");
        } else {
          minScore = req.minScore();
        }
      }
      if (req.gpuCount() != null && req.gpuCount() == 0 && (minVramMib > 0 || !models.isEmpty())) {
        problems.add("requirements: minVramGb and gpuModels need gpuCount of at least 1");
      }
    }
    long price = 0;
    if (body.maxPricePerHour() == null) {
      problems.add("maxPricePerHour: required, in base units of the reward token per hour");
    } else if (body.maxPricePerHour() < 1 || body.maxPricePerHour() > MAX_PRICE_PER_HOUR) {
      problems.add("maxPricePerHour: must be between 1 and " + MAX_PRICE_PER_HOUR + " base units");
    } else {
      price = body.maxPricePerHour();
    }
    int timeLimit = 0;
    if (body.timeLimitSeconds() == null) {
      problems.add("timeLimitSeconds: required");
    } else if (body.timeLimitSeconds() < 1 || body.timeLimitSeconds() > maxTimeLimit.toSeconds()) {
      problems.add("timeLimitSeconds: must be between 1 and " + maxTimeLimit.toSeconds());
    } else {
      timeLimit = body.timeLimitSeconds().intValue();
    }
    Instant deadline = body.startDeadline();
    if (deadline != null && !deadline.isAfter(now)) {
      problems.add("startDeadline: must be in the future");
    } else if (deadline != null && deadline.isAfter(now.plus(MAX_START_DEADLINE))) {
      problems.add("startDeadline: must be within " + MAX_START_DEADLINE.toDays() + " days");
    }
    if (!problems.isEmpty()) {
      throw ApiException.validation(String.join("; ", problems));
    }
    return new JobSpec(runtime, gpuCount, minVramMib, models, minScore, price, timeLimit, deadline, body.nodeId());
  }

  private static Message.JobRuntime runtime(JobApi.Runtime r, List<String> problems) {
    if (r == null) {
      problems.add("runtime: required, e.g. {\"type\": \"process\", \"command\": \"python3 train.py\"}");
      return null;
    }
    String type = r.type();
    String command = r.command();
    if (command != null && command.isBlank()) {
      command = null;
    }
    if (command != null && command.length() > MAX_COMMAND_CHARS) {
      problems.add("runtime.command: at most " + MAX_COMMAND_CHARS + " characters");
    }
    if (command != null && command.indexOf('\0') >= 0) {
      problems.add("runtime.command: must not hold NUL characters");
    }
    if (!"process".equals(type) && !"container".equals(type)) {
      problems.add("runtime.type: must be 'process' or 'container'");
    } else if ("process".equals(type)) {
      if (command == null) {
        problems.add("runtime.command: required for a process job (it runs through sh -c)");
      }
      if (r.image() != null) {
        problems.add("runtime.image: only for container jobs");
      }
      if (Boolean.TRUE.equals(r.network())) {
        problems.add("runtime.network: only for container jobs (a process shares the host's network)");
      }
    } else {
      if (r.image() == null || r.image().isBlank()) {
        problems.add("runtime.image: required for a container job, e.g. pytorch/pytorch:2.5.1-cuda12.4");
      } else if (r.image().length() > 255 || !IMAGE.matcher(r.image()).matches()) {
        problems.add("runtime.image: not a valid image reference");
      }
    }
    Map<String, String> env = new TreeMap<>();
    if (r.env() != null) {
      if (r.env().size() > MAX_ENV_ENTRIES) {
        problems.add("runtime.env: at most " + MAX_ENV_ENTRIES + " variables");
      }
      for (Map.Entry<String, String> e : r.env().entrySet()) {
        String name = e.getKey();
        if (!ENV_NAME.matcher(name).matches()) {
          problems.add("runtime.env: '" + abbreviate(name) + "' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
        } else if (name.startsWith("RIGSHARE_")) {
          problems.add("runtime.env: " + name + " is reserved (RIGSHARE_ variables are set by the agent)");
        } else if (AGENT_VARIABLES.contains(name)) {
          problems.add("runtime.env: " + name + " is reserved (the agent sets HOME and CUDA_VISIBLE_DEVICES)");
        } else if (e.getValue() == null) {
          problems.add("runtime.env." + name + ": must be a string");
        } else if (e.getValue().length() > MAX_ENV_VALUE_CHARS || e.getValue().indexOf('\0') >= 0) {
          problems.add("runtime.env." + name + ": at most " + MAX_ENV_VALUE_CHARS + " characters, no NUL");
        } else {
          env.put(name, e.getValue());
        }
      }
    }
    return new Message.JobRuntime(type, command, "container".equals(type) ? r.image() : null, env,
        Boolean.TRUE.equals(r.network()));
  }

  private static List<String> models(List<String> models, List<String> problems) {
    if (models.size() > 16) {
      problems.add("requirements.gpuModels: at most 16 models");
      return List.of();
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String model : models) {
      if (model == null || model.isBlank() || model.length() > 64) {
        problems.add("requirements.gpuModels: each model is 1 to 64 characters, e.g. \"RTX 4090\"");
        return List.of();
      }
      out.add(model.strip());
    }
    return List.copyOf(out);
  }

  /**
   * GPU memory is sold in decimal gigabytes ("24 GB"): the MiB a card must have to count as that many, rounded up. A
   * 24 GB RTX 4090 reports 24,564 MiB, which is more than 24 x 10^9 bytes (22,889 MiB) but less than 24 GiB.
   */
  public static long vramMib(long gigabytes) {
    return -Math.floorDiv(-gigabytes * 1_000_000_000L, 1L << 20);
  }

  /** The inverse of {@link #vramMib}: whole decimal gigabytes. */
  public static long vramGb(long mib) {
    return mib * (1L << 20) / 1_000_000_000L;
  }

  /** The runtime as stored and sent to agents. */
  public String runtimeJson() {
    try {
      return CANONICAL.writeValueAsString(runtime);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of the canonical JSON of the whole spec: an Idempotency-Key reused with another body is refused. */
  public String sha256() {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(this);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…";
  }
}
