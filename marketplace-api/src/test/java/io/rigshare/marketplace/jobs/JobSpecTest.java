package io.rigshare.marketplace.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rigshare.marketplace.api.JobApi;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JobSpecTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Duration MAX_TIME = Duration.ofDays(7);
  private static final UUID NODE = UUID.fromString("5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10");
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  // ---- what a valid request becomes ---------------------------------------------------------------------------

  @Test
  void aMinimalProcessJobGetsTheDefaults() {
    JobSpec spec = JobSpec.validate(process("python3 train.py").build(), MAX_TIME, NOW);

    assertThat(spec.runtime().type()).isEqualTo("process");
    assertThat(spec.runtime().command()).isEqualTo("python3 train.py");
    assertThat(spec.runtime().image()).isNull();
    assertThat(spec.runtime().env()).isEmpty();
    assertThat(spec.runtime().network()).isFalse();
    assertThat(spec.gpuCount()).isEqualTo(1);
    assertThat(spec.minVramMib()).isZero();
    assertThat(spec.gpuModels()).isEmpty();
    assertThat(spec.minScore()).isZero();
    assertThat(spec.maxPricePerHour()).isEqualTo(10_000_000);
    assertThat(spec.timeLimitSeconds()).isEqualTo(3600);
    assertThat(spec.startDeadline()).isNull();
    assertThat(spec.nodeId()).isNull();
  }

  @Test
  void aFullContainerJobKeepsEveryField() {
    Instant deadline = NOW.plus(Duration.ofHours(2));
    JobSpec spec = JobSpec.validate(
        container("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime").command("python -c 'print(1)'")
            .env(Map.of("EPOCHS", "3", "_x1", "")).network(true).gpus(2).minVramGb(24L)
            .models(" RTX 4090 ", "A100", "RTX 4090").minScore(500L).price(1_000_000_000_000_000L)
            .time(MAX_TIME.toSeconds()).deadline(deadline).node(NODE).build(),
        MAX_TIME, NOW);

    assertThat(spec.runtime().type()).isEqualTo("container");
    assertThat(spec.runtime().image()).isEqualTo("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime");
    assertThat(spec.runtime().command()).isEqualTo("python -c 'print(1)'");
    assertThat(spec.runtime().env()).containsExactlyInAnyOrderEntriesOf(Map.of("EPOCHS", "3", "_x1", ""));
    assertThat(spec.runtime().network()).isTrue();
    assertThat(spec.gpuCount()).isEqualTo(2);
    assertThat(spec.minVramMib()).isEqualTo(22_889); // 24 x 10^9 bytes, rounded up to a MiB
    assertThat(JobSpec.vramGb(spec.minVramMib())).isEqualTo(24);
    assertThat(JobSpec.vramMib(24)).as("a 24 GB RTX 4090 (24,564 MiB) qualifies").isLessThanOrEqualTo(24_564);
    assertThat(spec.gpuModels()).as("stripped, duplicates dropped, order kept").containsExactly("RTX 4090", "A100");
    assertThat(spec.minScore()).isEqualTo(500);
    assertThat(spec.maxPricePerHour()).isEqualTo(JobSpec.MAX_PRICE_PER_HOUR);
    assertThat(spec.timeLimitSeconds()).isEqualTo((int) MAX_TIME.toSeconds());
    assertThat(spec.startDeadline()).isEqualTo(deadline);
    assertThat(spec.nodeId()).isEqualTo(NODE);
  }

  @Test
  void aBlankCommandIsNoCommand() {
    JobSpec spec = JobSpec.validate(container("busybox").command("   ").build(), MAX_TIME, NOW);
    assertThat(spec.runtime().command()).isNull();
    assertThat(problems(process("  \n"))).containsExactly(
        "runtime.command: required for a process job (it runs through sh -c)");
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    Map<String, String> env = new HashMap<>();
    for (int i = 1; i < JobSpec.MAX_ENV_ENTRIES; i++) {
      env.put("V" + i, "x".repeat(JobSpec.MAX_ENV_VALUE_CHARS));
    }
    env.put("A" + "b".repeat(127), "the longest name");
    JobSpec spec = JobSpec.validate(
        process("x".repeat(JobSpec.MAX_COMMAND_CHARS)).env(env).gpus(JobSpec.MAX_GPUS).minVramGb(4096L)
            .models("m".repeat(64)).minScore(0L).price(1L).time(1L)
            .deadline(NOW.plus(JobSpec.MAX_START_DEADLINE)).build(),
        MAX_TIME, NOW);
    assertThat(spec.runtime().env()).hasSize(JobSpec.MAX_ENV_ENTRIES);

    List<String> sixteen = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      sixteen.add("model " + i);
    }
    assertThat(JobSpec.validate(process("x").models(sixteen.toArray(String[]::new)).build(), MAX_TIME, NOW)
        .gpuModels()).hasSize(16);
    assertThat(JobSpec.validate(process("x").gpus(0).build(), MAX_TIME, NOW).gpuCount()).isZero();
    assertThat(JobSpec.validate(container("a".repeat(255)).build(), MAX_TIME, NOW).runtime().image()).hasSize(255);
  }

  // ---- every problem, by its message --------------------------------------------------------------------------

  @Test
  void aMissingBodyIsRefusedAtOnce() {
    ApiException e = catchThrowableOfType(ApiException.class, () -> JobSpec.validate(null, MAX_TIME, NOW));
    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.getMessage()).isEqualTo(
        "the request needs a JSON body: {runtime, requirements, maxPricePerHour, timeLimitSeconds}");
  }

  @Test
  void anEmptyBodyNamesEveryRequiredField() {
    assertThat(problems(new Req())).containsExactly(
        "runtime: required, e.g. {\"type\": \"process\", \"command\": \"python3 train.py\"}",
        "requirements: required, e.g. {\"gpuCount\": 1}",
        "maxPricePerHour: required, in base units of the reward token per hour",
        "timeLimitSeconds: required");
    assertThat(problems(process("x").requirements(new JobApi.Requirements(null, null, null, null))))
        .containsExactly("requirements.gpuCount: required (0 for a job without GPUs)");
  }

  @Test
  void runtimeProblems() {
    expect(r -> r.type(null), "runtime.type: must be 'process' or 'container'");
    expect(r -> r.type("vm"), "runtime.type: must be 'process' or 'container'");
    expect(r -> r.type("Process"), "runtime.type: must be 'process' or 'container'");
    expect(r -> r.command(null), "runtime.command: required for a process job (it runs through sh -c)");
    expect(r -> r.command("x".repeat(JobSpec.MAX_COMMAND_CHARS + 1)), "runtime.command: at most 8192 characters");
    expect(r -> r.command("echo a\0b"), "runtime.command: must not hold NUL characters");
    expect(r -> r.image("busybox"), "runtime.image: only for container jobs");
    expect(r -> r.image(""), "runtime.image: only for container jobs");
    expect(r -> r.network(true), "runtime.network: only for container jobs (a process shares the host's network)");
    assertThat(problems(process("x").network(false))).as("network false is fine for a process").isEmpty();
    assertThat(problems(container(null))).containsExactly(
        "runtime.image: required for a container job, e.g. pytorch/pytorch:2.5.1-cuda12.4");
    assertThat(problems(container(" "))).containsExactly(
        "runtime.image: required for a container job, e.g. pytorch/pytorch:2.5.1-cuda12.4");
    assertThat(problems(container("a".repeat(256)))).containsExactly("runtime.image: not a valid image reference");
    assertThat(problems(container("busybox").command("x".repeat(JobSpec.MAX_COMMAND_CHARS + 1))))
        .containsExactly("runtime.command: at most 8192 characters");
  }

  @Test
  void envProblems() {
    Map<String, String> tooMany = new HashMap<>();
    for (int i = 0; i <= JobSpec.MAX_ENV_ENTRIES; i++) {
      tooMany.put("V" + i, "1");
    }
    expect(r -> r.env(tooMany), "runtime.env: at most 64 variables");
    expect(r -> r.env(Map.of("1BAD", "x")), "runtime.env: '1BAD' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
    expect(r -> r.env(Map.of("A-B", "x")), "runtime.env: 'A-B' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
    expect(r -> r.env(Map.of("", "x")), "runtime.env: '' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
    expect(r -> r.env(Map.of("A\nB", "x")), "runtime.env: 'A?B' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
    expect(r -> r.env(Map.of("A" + "b".repeat(128), "x")),
        "runtime.env: '" + "A" + "b".repeat(39) + "…' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
    expect(r -> r.env(Map.of("RIGSHARE_JOB_ID", "x")),
        "runtime.env: RIGSHARE_JOB_ID is reserved (RIGSHARE_ variables are set by the agent)");
    expect(r -> r.env(Map.of("HOME", "/tmp")),
        "runtime.env: HOME is reserved (the agent sets HOME and CUDA_VISIBLE_DEVICES)");
    expect(r -> r.env(Map.of("CUDA_VISIBLE_DEVICES", "0,1,2,3")),
        "runtime.env: CUDA_VISIBLE_DEVICES is reserved (the agent sets HOME and CUDA_VISIBLE_DEVICES)");
    expect(r -> r.env(Map.of("PATH", "/opt/bin:/usr/bin", "LANG", "C.UTF-8", "home", "x", "rigshare_x", "y")), null);
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("TOKEN", null);
    expect(r -> r.env(nullValue), "runtime.env.TOKEN: must be a string");
    expect(r -> r.env(Map.of("BIG", "x".repeat(JobSpec.MAX_ENV_VALUE_CHARS + 1))),
        "runtime.env.BIG: at most 4096 characters, no NUL");
    expect(r -> r.env(Map.of("NUL", "a\0b")), "runtime.env.NUL: at most 4096 characters, no NUL");
  }

  @Test
  void requirementProblems() {
    expect(r -> r.gpus(-1), "requirements.gpuCount: must be between 0 and 16");
    expect(r -> r.gpus(17), "requirements.gpuCount: must be between 0 and 16");
    expect(r -> r.minVramGb(-1L), "requirements.minVramGb: must be between 0 and 4096");
    expect(r -> r.minVramGb(4097L), "requirements.minVramGb: must be between 0 and 4096");
    String[] seventeen = new String[17];
    Arrays.fill(seventeen, "A100");
    expect(r -> r.models(seventeen), "requirements.gpuModels: at most 16 models");
    String each = "requirements.gpuModels: each model is 1 to 64 characters, e.g. \"RTX 4090\"";
    expect(r -> r.models("A100", " "), each);
    expect(r -> r.models("m".repeat(65)), each);
    expect(r -> r.models("A100", null), each);
    expect(r -> r.models("", " ", "m".repeat(65)), each); // one problem, named once
    expect(r -> r.minScore(-1L), "requirements.minScore: must be 0 or more");
    String needsGpus = "requirements: minVramGb and gpuModels need gpuCount of at least 1";
    expect(r -> r.gpus(0).minVramGb(8L), needsGpus);
    expect(r -> r.gpus(0).models("A100"), needsGpus);
    expect(r -> r.gpus(0).minVramGb(0L).models(), null);
  }

  @Test
  void priceTimeAndDeadlineProblems() {
    expect(r -> r.price(0L), "maxPricePerHour: must be between 1 and 1000000000000000 base units");
    expect(r -> r.price(-5L), "maxPricePerHour: must be between 1 and 1000000000000000 base units");
    expect(r -> r.price(JobSpec.MAX_PRICE_PER_HOUR + 1), "maxPricePerHour: must be between 1 and "
        + "1000000000000000 base units");
    expect(r -> r.time(0L), "timeLimitSeconds: must be between 1 and 604800");
    expect(r -> r.time(MAX_TIME.toSeconds() + 1), "timeLimitSeconds: must be between 1 and 604800");
    expect(r -> r.time((long) Integer.MAX_VALUE + 1), "timeLimitSeconds: must be between 1 and 604800");
    expect(r -> r.deadline(NOW), "startDeadline: must be in the future");
    expect(r -> r.deadline(NOW.minusSeconds(1)), "startDeadline: must be in the future");
    expect(r -> r.deadline(NOW.plus(JobSpec.MAX_START_DEADLINE).plusMillis(1)), "startDeadline: must be within 30 days");
    expect(r -> r.deadline(NOW.plusMillis(1)), null);
  }

  @Test
  void everyProblemIsReportedTogetherOnceEach() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("9X", "a");
    env.put("RIGSHARE_NODE", "b");
    env.put("OK", "c");
    ApiException e = catchThrowableOfType(ApiException.class, () -> JobSpec.validate(
        process("a\0b").image("busybox").network(true).env(env).gpus(17).minVramGb(-1L).models(" ")
            .minScore(-1L).price(0L).time(0L).deadline(NOW.minusSeconds(60)).build(),
        MAX_TIME, NOW));

    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.getMessage().split("; ")).containsExactly(
        "runtime.command: must not hold NUL characters",
        "runtime.image: only for container jobs",
        "runtime.network: only for container jobs (a process shares the host's network)",
        "runtime.env: '9X' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)",
        "runtime.env: RIGSHARE_NODE is reserved (RIGSHARE_ variables are set by the agent)",
        "requirements.gpuCount: must be between 0 and 16",
        "requirements.minVramGb: must be between 0 and 4096",
        "requirements.gpuModels: each model is 1 to 64 characters, e.g. \"RTX 4090\"",
        "requirements.minScore: must be 0 or more",
        "maxPricePerHour: must be between 1 and 1000000000000000 base units",
        "timeLimitSeconds: must be between 1 and 604800",
        "startDeadline: must be in the future");
  }

  // ---- image references ---------------------------------------------------------------------------------------

  @Test
  void imageReferencesDockerAccepts() {
    for (String image : List.of(
        "busybox",
        "ubuntu:22.04",
        "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime",
        "nvcr.io/nvidia/pytorch:24.10-py3",
        "ghcr.io/org/img@" + DIGEST,
        "ghcr.io/org/img:v1.2@" + DIGEST,
        "localhost:5000/x:tag",
        "localhost:5000/x",
        "registry.example.com:443/team/sub/project_name.v2:Latest_TAG",
        "a.b-c/d_e:T",
        "my--registry.example/team__ml/trainer---gpu:1")) {
      assertThat(problems(container(image))).as(image).isEmpty();
    }
  }

  @Test
  void imageReferencesThatAreRefused() {
    for (String image : List.of(
        "PyTorch/pytorch:latest",
        "pytorch/PyTorch",
        "Ubuntu",
        "ubuntu: 22.04",
        "ubuntu :22.04",
        " ubuntu",
        "ubuntu\n",
        "-ubuntu",
        "ubuntu-",
        "ubuntu/",
        "/ubuntu",
        "a//b",
        "ubuntu:",
        "ubuntu:.tag",
        "ubuntu:" + "t".repeat(129),
        "ghcr.io/org/img@sha256:" + "0".repeat(63),
        "ghcr.io/org/img@sha256:" + "A".repeat(64),
        "ghcr.io/org/img@md5:" + "0".repeat(32),
        "https://ghcr.io/org/img",
        "a___b",
        "a_.b",
        "a.-b",
        "img;rm -rf /",
        "$(id)",
        "a-".repeat(127) + "!",
        "a/".repeat(127) + "A")) {
      assertThat(problems(container(image))).as(image).containsExactly("runtime.image: not a valid image reference");
    }
  }

  // ---- canonical form and its hash ----------------------------------------------------------------------------

  @Test
  void theHashIgnoresTheOrderOfEnvEntries() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("ALPHA", "1");
    ab.put("BETA", "2");
    ab.put("GAMMA", "3");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("GAMMA", "3");
    ba.put("BETA", "2");
    ba.put("ALPHA", "1");
    JobSpec first = JobSpec.validate(process("x").env(ab).build(), MAX_TIME, NOW);
    JobSpec second = JobSpec.validate(process("x").env(ba).build(), MAX_TIME, NOW);

    assertThat(first.sha256()).matches("[0-9a-f]{64}").isEqualTo(second.sha256());
    assertThat(first.sha256()).as("stable across calls").isEqualTo(first.sha256());
    assertThat(first.runtimeJson()).isEqualTo(second.runtimeJson())
        .isEqualTo("{\"type\":\"process\",\"command\":\"x\",\"image\":null,"
            + "\"env\":{\"ALPHA\":\"1\",\"BETA\":\"2\",\"GAMMA\":\"3\"},\"network\":false}");
  }

  @Test
  void theHashIgnoresWhatValidationNormalizes() {
    String base = sha(full());
    assertThat(sha(full().network(false))).isEqualTo(sha(full().network(null)));
    assertThat(sha(full().models("A100", "RTX 4090"))).as("spaces and repeats in models")
        .isEqualTo(sha(full().models(" A100", "RTX 4090 ", "A100")));
    assertThat(sha(full().validateAt(NOW.plusSeconds(5)))).as("the time of the request").isEqualTo(base);
  }

  @Test
  void theHashChangesWithEveryField() {
    String base = sha(full());
    Map<String, Consumer<Req>> changes = new LinkedHashMap<>();
    changes.put("runtime.type", r -> r.type("process").image(null).network(null));
    changes.put("runtime.command", r -> r.command("python3 other.py"));
    changes.put("runtime.command removed", r -> r.command(null));
    changes.put("runtime.image", r -> r.image("busybox:1.36"));
    changes.put("runtime.env value", r -> r.env(Map.of("EPOCHS", "4", "LR", "0.1")));
    changes.put("runtime.env name", r -> r.env(Map.of("EPOCH", "3", "LR", "0.1")));
    changes.put("runtime.env entry removed", r -> r.env(Map.of("EPOCHS", "3")));
    changes.put("runtime.network", r -> r.network(true));
    changes.put("requirements.gpuCount", r -> r.gpus(2));
    changes.put("requirements.minVramGb", r -> r.minVramGb(25L));
    changes.put("requirements.gpuModels", r -> r.models("A100"));
    changes.put("requirements.minScore", r -> r.minScore(101L));
    changes.put("maxPricePerHour", r -> r.price(1_000_001L));
    changes.put("timeLimitSeconds", r -> r.time(3601L));
    changes.put("startDeadline", r -> r.deadline(NOW.plus(Duration.ofHours(1)).plusMillis(1)));
    changes.put("startDeadline removed", r -> r.deadline(null));
    changes.put("nodeId", r -> r.node(UUID.fromString("00000000-0000-0000-0000-000000000001")));
    changes.put("nodeId removed", r -> r.node(null));

    List<String> seen = new ArrayList<>(List.of(base));
    changes.forEach((field, change) -> {
      Req req = full();
      change.accept(req);
      String sha = sha(req);
      assertThat(sha).as("a change of " + field).isNotIn(seen);
      seen.add(sha);
    });
  }

  @Test
  void abbreviateKeepsNamesShortAndOnOneLine() {
    assertThat(JobSpec.abbreviate("A\tB\u0000C")).isEqualTo("A?B?C");
    assertThat(JobSpec.abbreviate("x".repeat(40))).isEqualTo("x".repeat(40));
    assertThat(JobSpec.abbreviate("x".repeat(41))).isEqualTo("x".repeat(40) + "…");
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private static Req full() {
    return container("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime").command("python3 train.py")
        .env(Map.of("EPOCHS", "3", "LR", "0.1")).network(false).gpus(1).minVramGb(24L).models("A100", "RTX 4090")
        .minScore(100L).price(1_000_000L).time(3600L).deadline(NOW.plus(Duration.ofHours(1))).node(NODE);
  }

  private static String sha(Req req) {
    return JobSpec.validate(req.build(), MAX_TIME, req.at).sha256();
  }

  /** Applies {@code change} to a valid process job and expects exactly this problem (none, if null). */
  private static void expect(Consumer<Req> change, String problem) {
    Req req = process("python3 train.py");
    change.accept(req);
    if (problem == null) {
      assertThat(problems(req)).isEmpty();
    } else {
      assertThat(problems(req)).containsExactly(problem);
    }
  }

  /** The problems the request is refused for, in order; empty if it is valid. */
  private static List<String> problems(Req req) {
    try {
      JobSpec.validate(req.build(), MAX_TIME, req.at);
      return List.of();
    } catch (ApiException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      return List.of(e.getMessage().split("; "));
    }
  }

  private static Req process(String command) {
    return new Req().type("process").command(command).gpus(1).price(10_000_000L).time(3600L);
  }

  private static Req container(String image) {
    return new Req().type("container").image(image).gpus(1).price(10_000_000L).time(3600L);
  }

  /** A submission under construction; {@link #build} makes the request body the API would have parsed. */
  private static final class Req {
    private boolean hasRuntime;
    private String type;
    private String command;
    private String image;
    private Map<String, String> env;
    private Boolean network;
    private JobApi.Requirements requirements;
    private boolean hasRequirements;
    private Integer gpuCount;
    private Long minVramGb;
    private List<String> models;
    private Long minScore;
    private Long price;
    private Long time;
    private Instant deadline;
    private UUID node;
    private Instant at = NOW;

    Req type(String type) {
      hasRuntime = true;
      this.type = type;
      return this;
    }

    Req command(String command) {
      hasRuntime = true;
      this.command = command;
      return this;
    }

    Req image(String image) {
      hasRuntime = true;
      this.image = image;
      return this;
    }

    Req env(Map<String, String> env) {
      hasRuntime = true;
      this.env = env;
      return this;
    }

    Req network(Boolean network) {
      hasRuntime = true;
      this.network = network;
      return this;
    }

    Req requirements(JobApi.Requirements requirements) {
      this.requirements = requirements;
      return this;
    }

    Req gpus(Integer gpuCount) {
      hasRequirements = true;
      this.gpuCount = gpuCount;
      return this;
    }

    Req minVramGb(Long minVramGb) {
      hasRequirements = true;
      this.minVramGb = minVramGb;
      return this;
    }

    Req models(String... models) {
      hasRequirements = true;
      this.models = Arrays.asList(models);
      return this;
    }

    Req minScore(Long minScore) {
      hasRequirements = true;
      this.minScore = minScore;
      return this;
    }

    Req price(Long price) {
      this.price = price;
      return this;
    }

    Req time(Long time) {
      this.time = time;
      return this;
    }

    Req deadline(Instant deadline) {
      this.deadline = deadline;
      return this;
    }

    Req node(UUID node) {
      this.node = node;
      return this;
    }

    Req validateAt(Instant at) {
      this.at = at;
      return this;
    }

    JobApi.SubmitRequest build() {
      JobApi.Runtime runtime = hasRuntime ? new JobApi.Runtime(type, command, image, env, network) : null;
      JobApi.Requirements req = requirements != null ? requirements
          : hasRequirements ? new JobApi.Requirements(gpuCount, minVramGb, models, minScore) : null;
      return new JobApi.SubmitRequest(runtime, req, price, time, deadline, node);
    }
  }
}
