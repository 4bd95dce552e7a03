package io.rigshare.marketplace.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.marketplace.jobs.Matcher.Assignment;
import io.rigshare.marketplace.jobs.Matcher.Demand;
import io.rigshare.marketplace.jobs.Matcher.Gpu;
import io.rigshare.marketplace.jobs.Matcher.Node;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MatcherTest {
  private static final UUID A = new UUID(0, 1);
  private static final UUID B = new UUID(0, 2);
  private static final UUID C = new UUID(0, 3);
  private static final String RTX4090 = "NVIDIA GeForce RTX 4090";
  private static final String RTX3090 = "NVIDIA GeForce RTX 3090";
  private static final long GIB = 1024;

  // ---- eligibility --------------------------------------------------------------------------------------------

  @Test
  void aNodeMustOfferTheJobsRunner() {
    Node processOnly = node(A).runners("process").gpus(1).build();

    assertThat(Matcher.match(List.of(job(1).type("container").build()), List.of(processOnly))).isEmpty();
    assertThat(Matcher.match(List.of(job(1).type("process").build()), List.of(processOnly)))
        .extracting(Assignment::nodeId).containsExactly(A);
    assertThat(Matcher.match(List.of(job(1).build()), List.of(node(A).runners().gpus(1).build())))
        .as("a node without runners takes nothing").isEmpty();
  }

  @Test
  void theBenchmarkScoreMustReachTheJobsMinimum() {
    Node scored = node(A).score(1000).gpus(1).build();
    Node unscored = node(B).score(0).gpus(1).build();

    assertThat(nodeFor(job(1).minScore(1000).build(), scored)).isEqualTo(A);
    assertThat(nodeFor(job(1).minScore(1001).build(), scored)).isNull();
    assertThat(nodeFor(job(1).minScore(0).build(), unscored)).as("no minimum: unscored nodes qualify").isEqualTo(B);
    assertThat(nodeFor(job(1).minScore(1).build(), unscored)).isNull();
  }

  @Test
  void aMultiGpuJobPaysThePerGpuPriceTimesItsGpus() {
    Node fourGpus = node(A).price(100).gpus(4).build();

    List<Assignment> fits = Matcher.match(List.of(job(1).gpus(3).maxPrice(300).build()), List.of(fourGpus));
    assertThat(fits).singleElement().satisfies(a -> {
      assertThat(a.pricePerHour()).isEqualTo(300);
      assertThat(a.gpus()).containsExactly(0, 1, 2);
    });
    assertThat(Matcher.match(List.of(job(1).gpus(3).maxPrice(299).build()), List.of(fourGpus))).isEmpty();
    assertThat(Matcher.hourlyPrice(100, 3)).isEqualTo(300);
  }

  @Test
  void aJobWithoutGpusPaysForOneGpu() {
    Node node = node(A).price(100).cpuSlots(1).build();

    assertThat(Matcher.match(List.of(job(1).gpus(0).maxPrice(100).build()), List.of(node)))
        .singleElement().satisfies(a -> {
          assertThat(a.pricePerHour()).isEqualTo(100);
          assertThat(a.gpus()).isEmpty();
        });
    assertThat(Matcher.match(List.of(job(1).gpus(0).maxPrice(99).build()), List.of(node))).isEmpty();
    assertThat(Matcher.hourlyPrice(100, 0)).isEqualTo(100);
  }

  @Test
  void aPriceThatOverflowsIsRefusedNotThrown() {
    Node absurd = node(A).price(Long.MAX_VALUE / 2 + 1).score(1).gpus(2).build();
    Node sane = node(B).price(1000).score(0).gpus(2).build(); // unscored: ranked after the absurd one

    assertThatThrownBy(() -> Matcher.hourlyPrice(Long.MAX_VALUE / 2 + 1, 2)).isInstanceOf(ArithmeticException.class);
    assertThat(Matcher.match(List.of(job(1).gpus(2).maxPrice(Long.MAX_VALUE).build()), List.of(absurd))).isEmpty();
    assertThat(Matcher.match(List.of(job(1).gpus(2).maxPrice(Long.MAX_VALUE).build()), List.of(absurd, sane)))
        .extracting(Assignment::nodeId).containsExactly(B);
    assertThat(nodeFor(job(1).gpus(1).maxPrice(Long.MAX_VALUE).build(), absurd))
        .as("one GPU of the same node does not overflow").isEqualTo(A);
  }

  @Test
  void everyGpuMustHaveTheVramAsked() {
    Node node = node(A).gpu(0, RTX3090, 24 * GIB).gpu(1, "NVIDIA A100-SXM4-80GB", 40 * GIB).build();

    assertThat(gpusFor(job(1).minVram(24 * GIB).build(), node)).containsExactly(0);
    assertThat(gpusFor(job(1).minVram(24 * GIB + 1).build(), node)).containsExactly(1);
    assertThat(gpusFor(job(1).gpus(2).minVram(24 * GIB).build(), node)).containsExactly(0, 1);
    assertThat(gpusFor(job(1).gpus(2).minVram(24 * GIB + 1).build(), node)).isNull();
    assertThat(gpusFor(job(1).minVram(40 * GIB + 1).build(), node)).isNull();
  }

  @Test
  void modelsMatchAsCaseInsensitiveSubstrings() {
    Node node = node(A).gpu(0, RTX3090, 24 * GIB).gpu(1, RTX4090, 24 * GIB).gpu(2, RTX4090, 24 * GIB).build();

    assertThat(gpusFor(job(1).models("rtx 4090").build(), node)).containsExactly(1);
    assertThat(gpusFor(job(1).models("4090").build(), node)).containsExactly(1);
    assertThat(gpusFor(job(1).models("GEFORCE RTX 4090").build(), node)).containsExactly(1);
    assertThat(gpusFor(job(1).models("A100", "rtx 3090").build(), node)).as("any listed model").containsExactly(0);
    assertThat(gpusFor(job(1).gpus(2).models("4090").build(), node)).containsExactly(1, 2);
    assertThat(gpusFor(job(1).gpus(3).models("4090").build(), node)).isNull();
    assertThat(gpusFor(job(1).gpus(3).models("4090", "3090").build(), node)).containsExactly(0, 1, 2);
    assertThat(gpusFor(job(1).gpus(3).build(), node)).as("no models: any GPU").containsExactly(0, 1, 2);
    assertThat(gpusFor(job(1).models("H100").build(), node)).isNull();
  }

  @Test
  void aGpuWithoutANameMatchesOnlyJobsThatNameNoModel() {
    Node node = node(A).gpu(0, null, 24 * GIB).build();

    assertThat(gpusFor(job(1).models("4090").build(), node)).isNull();
    assertThat(gpusFor(job(1).build(), node)).containsExactly(0);
  }

  @Test
  void busyGpusAreNotGivenAgain() {
    Node node = node(A).gpus(4).busy(0, 2).build();

    assertThat(gpusFor(job(1).gpus(2).build(), node)).containsExactly(1, 3);
    assertThat(gpusFor(job(1).gpus(3).build(), node)).isNull();
    assertThat(node.busyGpus()).as("the node's offer is not changed").containsExactlyInAnyOrder(0, 2);
  }

  @Test
  void jobsWithoutGpusUseTheNodesCpuSlots() {
    Node oneSlotLeft = node(A).cpuSlots(2).cpuJobs(1).build();
    List<Assignment> placed =
        Matcher.match(List.of(job(1).gpus(0).build(), job(2).gpus(0).build()), List.of(oneSlotLeft));

    assertThat(placed).extracting(Assignment::jobId).containsExactly(jobId(1));
    assertThat(nodeFor(job(1).gpus(0).build(), node(A).cpuSlots(0).gpus(2).build()))
        .as("no CPU slots: no CPU jobs, even with free GPUs").isNull();
    assertThat(nodeFor(job(1).gpus(1).build(), node(A).cpuSlots(1).cpuJobs(1).gpus(1).build()))
        .as("full CPU slots do not block GPU jobs").isEqualTo(A);
    assertThat(gpusFor(job(1).gpus(0).build(), node(A).cpuSlots(1).gpus(2).build()))
        .as("a CPU job takes no GPU").isEmpty();
  }

  @Test
  void aTargetedJobGoesOnlyToItsNode() {
    Node cheap = node(A).price(1).gpus(1).build();
    Node dear = node(B).price(500).gpus(1).build();

    assertThat(nodeFor(job(1).target(B).build(), cheap, dear)).isEqualTo(B);
    assertThat(nodeFor(job(1).target(C).build(), cheap, dear)).as("an unknown target").isNull();
    assertThat(nodeFor(job(1).target(B).maxPrice(499).build(), cheap, dear))
        .as("an ineligible target does not fall back to another node").isNull();
  }

  // ---- ranking ------------------------------------------------------------------------------------------------

  @Test
  void theLowestPricePerScoreUnitWins() {
    Node cheaperPerHour = node(A).price(100).score(1000).gpus(1).build(); // 0.1 per unit
    Node cheaperPerUnit = node(B).price(150).score(2000).gpus(1).build(); // 0.075 per unit

    assertThat(nodeFor(job(1).build(), cheaperPerHour, cheaperPerUnit)).isEqualTo(B);
    assertThat(nodeFor(job(1).build(), cheaperPerUnit, cheaperPerHour)).as("input order is irrelevant").isEqualTo(B);
    assertThat(nodeFor(job(1).maxPrice(149).build(), cheaperPerHour, cheaperPerUnit))
        .as("the best node it cannot afford is skipped").isEqualTo(A);
  }

  @Test
  void pricePerScoreIsComparedExactly() {
    // As doubles both ratios are 1.0 (2^53 + 1 rounds to 2^53); only exact arithmetic sees A is dearer.
    long twoTo53 = 1L << 53;
    Node a = node(A).price(twoTo53 + 1).score(twoTo53).reliability(9000).gpus(1).build();
    Node b = node(B).price(1).score(1).reliability(0).gpus(1).build();
    assertThat(Matcher.RANK.compare(b, a)).isNegative();

    // Cross products near 10^36 overflow a long; A's ratio 1 + 1/(10^18 - 1) is below B's 1 + 1/(10^18 - 2).
    long e18 = 1_000_000_000_000_000_000L;
    Node c = node(C).price(e18).score(e18 - 1).reliability(0).gpus(1).build();
    Node d = node(A).price(e18 - 1).score(e18 - 2).reliability(9000).gpus(1).build();
    assertThat(Matcher.RANK.compare(c, d)).isNegative();
    assertThat(nodeFor(job(1).maxPrice(Long.MAX_VALUE).build(), d, c)).isEqualTo(C);
  }

  @Test
  void unscoredNodesComeAfterScoredOnesThenByPrice() {
    Node unscoredCheap = node(A).price(1).score(0).gpus(1).build();
    Node unscoredDear = node(B).price(2).score(0).gpus(1).build();
    Node scoredDear = node(C).price(1000).score(1).gpus(1).build();

    List<Node> ranked = new ArrayList<>(List.of(unscoredDear, unscoredCheap, scoredDear));
    ranked.sort(Matcher.RANK);
    assertThat(ranked).extracting(Node::id).containsExactly(C, A, B);
  }

  @Test
  void reliabilityBreaksPriceTiesThenTheId() {
    Node lessReliable = node(A).price(100).score(1000).reliability(9000).gpus(1).build();
    Node moreReliable = node(B).price(200).score(2000).reliability(9900).gpus(1).build(); // same 0.1 per unit
    Node sameAsB = node(C).price(200).score(2000).reliability(9900).gpus(1).build();

    List<Node> ranked = new ArrayList<>(List.of(sameAsB, lessReliable, moreReliable));
    ranked.sort(Matcher.RANK);
    assertThat(ranked).extracting(Node::id).containsExactly(B, C, A);

    Node unscoredA = node(A).price(5).score(0).reliability(1).gpus(1).build();
    Node unscoredB = node(B).price(5).score(0).reliability(2).gpus(1).build();
    assertThat(nodeFor(job(1).build(), unscoredA, unscoredB)).isEqualTo(B);
  }

  // ---- passes -------------------------------------------------------------------------------------------------

  @Test
  void severalJobsFillCapacityInTheirOrder() {
    Node best = node(A).price(10).score(100).gpus(2).cpuSlots(1).build();
    Node next = node(B).price(20).score(100).gpus(2).cpuSlots(0).build();
    List<Demand> jobs = List.of(
        job(1).build(),
        job(2).build(),
        job(3).build(),
        job(4).gpus(2).build(), // B has one GPU left: no room
        job(5).build(), // a later, smaller job is not held up by job 4
        job(6).gpus(0).build(),
        job(7).gpus(0).build(), // the only CPU slot is taken
        job(8).build()); // every GPU is taken

    List<Assignment> placed = Matcher.match(jobs, List.of(next, best));

    assertThat(placed).extracting(a -> a.jobId() + "@" + a.nodeId() + a.gpus()).containsExactly(
        jobId(1) + "@" + A + "[0]",
        jobId(2) + "@" + A + "[1]",
        jobId(3) + "@" + B + "[0]",
        jobId(5) + "@" + B + "[1]",
        jobId(6) + "@" + A + "[]");
  }

  @Test
  void anEmptyPassAssignsNothing() {
    assertThat(Matcher.match(List.of(), List.of(node(A).gpus(1).build()))).isEmpty();
    assertThat(Matcher.match(List.of(job(1).build()), List.of())).isEmpty();
  }

  // ---- randomized invariants ----------------------------------------------------------------------------------

  private static final String[] NAMES = {RTX4090, RTX3090, "NVIDIA A100-SXM4-80GB", "AMD Instinct MI300X", null};
  private static final String[] MODELS = {"4090", "rtx 3090", "A100", "mi300", "H100", "nvidia"};

  @Test
  void randomPassesNeverDoubleBookAndLeaveAJobOnlyWhenNothingFits() {
    int assigned = 0;
    int unassigned = 0;
    for (long seed = 1; seed <= 500; seed++) {
      Random random = new Random(seed);
      List<Node> nodes = randomNodes(random);
      List<Demand> jobs = randomJobs(random, nodes);
      List<Assignment> placed = Matcher.match(jobs, nodes);
      int[] counts = checkPass("seed " + seed, jobs, nodes, placed);
      assigned += counts[0];
      unassigned += counts[1];
    }
    assertThat(assigned).as("the random cases place jobs").isGreaterThan(1000);
    assertThat(unassigned).as("the random cases leave jobs unplaced").isGreaterThan(1000);
  }

  /** Replays the pass with an independent model of capacity; returns {assigned, unassigned}. */
  private static int[] checkPass(String seed, List<Demand> jobs, List<Node> nodes, List<Assignment> placed) {
    Map<UUID, Node> byId = new HashMap<>();
    Map<UUID, Set<Integer>> busy = new HashMap<>();
    Map<UUID, Integer> cpu = new HashMap<>();
    for (Node n : nodes) {
      byId.put(n.id(), n);
      busy.put(n.id(), new HashSet<>(n.busyGpus()));
      cpu.put(n.id(), n.cpuJobs());
    }
    Map<UUID, Assignment> byJob = new HashMap<>();
    List<UUID> order = new ArrayList<>();
    for (Assignment a : placed) {
      assertThat(byJob.put(a.jobId(), a)).as(seed + ": job %s assigned twice", a.jobId()).isNull();
      order.add(a.jobId());
    }
    List<UUID> expectedOrder = jobs.stream().map(Demand::id).filter(byJob::containsKey).toList();
    assertThat(order).as(seed + ": assignments in job order, only of given jobs").isEqualTo(expectedOrder);

    Set<String> given = new HashSet<>();
    int[] counts = new int[2];
    for (Demand job : jobs) {
      List<Node> eligible = nodes.stream().filter(n -> canTake(job, n, busy.get(n.id()), cpu.get(n.id()))).toList();
      Assignment a = byJob.get(job.id());
      if (a == null) {
        assertThat(eligible).as(seed + ": %s left unassigned though a node could take it", job).isEmpty();
        counts[1]++;
        continue;
      }
      counts[0]++;
      Node node = byId.get(a.nodeId());
      assertThat(eligible).as(seed + ": %s went to an ineligible node", job).contains(node);
      assertThat(node).as(seed + ": %s not on the best eligible node", job)
          .isEqualTo(eligible.stream().sorted(MatcherTest::rank).findFirst().orElseThrow());
      assertThat(a.pricePerHour()).isEqualTo(node.pricePerGpuHour() * Math.max(1, job.gpuCount()));
      assertThat(a.gpus()).as(seed + ": %s", job).hasSize(job.gpuCount()).doesNotHaveDuplicates();
      for (int index : a.gpus()) {
        Gpu gpu = node.gpus().stream().filter(g -> g.index() == index).findFirst().orElseThrow();
        assertThat(usable(job, gpu)).as(seed + ": GPU %s for %s", gpu, job).isTrue();
        assertThat(busy.get(node.id())).as(seed + ": GPU %d of %s was busy", index, node.id()).doesNotContain(index);
        assertThat(given.add(node.id() + "/" + index)).as(seed + ": GPU given twice").isTrue();
      }
      busy.get(node.id()).addAll(a.gpus());
      if (job.gpuCount() == 0) {
        cpu.merge(node.id(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Eligibility written out again from the rules, not from the matcher's code. */
  private static boolean canTake(Demand job, Node node, Set<Integer> busy, int cpuJobs) {
    BigInteger price = BigInteger.valueOf(node.pricePerGpuHour()).multiply(BigInteger.valueOf(Math.max(1,
        job.gpuCount())));
    if ((job.targetNode() != null && !job.targetNode().equals(node.id()))
        || !node.runners().contains(job.runtimeType())
        || node.score() < job.minScore()
        || price.compareTo(BigInteger.valueOf(job.maxPricePerHour())) > 0) {
      return false;
    }
    if (job.gpuCount() == 0) {
      return cpuJobs < node.cpuSlots();
    }
    long free = node.gpus().stream().filter(g -> !busy.contains(g.index()) && usable(job, g)).count();
    return free >= job.gpuCount();
  }

  private static boolean usable(Demand job, Gpu gpu) {
    if (gpu.usableVramMib() < job.minVramMib()) {
      return false;
    }
    String name = gpu.name() == null ? "" : gpu.name().toLowerCase(Locale.ROOT);
    return job.gpuModels().isEmpty()
        || job.gpuModels().stream().anyMatch(m -> name.contains(m.toLowerCase(Locale.ROOT)));
  }

  private static int rank(Node a, Node b) {
    boolean aScored = a.score() > 0;
    boolean bScored = b.score() > 0;
    if (aScored != bScored) {
      return aScored ? -1 : 1;
    }
    int byPrice = aScored
        ? BigInteger.valueOf(a.pricePerGpuHour()).multiply(BigInteger.valueOf(b.score()))
            .compareTo(BigInteger.valueOf(b.pricePerGpuHour()).multiply(BigInteger.valueOf(a.score())))
        : Long.compare(a.pricePerGpuHour(), b.pricePerGpuHour());
    if (byPrice != 0) {
      return byPrice;
    }
    return a.reliability() != b.reliability() ? Integer.compare(b.reliability(), a.reliability())
        : a.id().compareTo(b.id());
  }

  private static List<Node> randomNodes(Random random) {
    int count = 1 + random.nextInt(6);
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      NodeBuilder b = node(new UUID(random.nextInt(3), random.nextLong()));
      int gpus = random.nextInt(5);
      for (int g = 0; g < gpus; g++) {
        b.gpu(g * 2 + random.nextInt(2), NAMES[random.nextInt(NAMES.length)], (8 + random.nextInt(4) * 8) * GIB);
      }
      List<String> runners = new ArrayList<>(List.of("process", "container"));
      Collections.shuffle(runners, random);
      b.runners(runners.subList(0, random.nextInt(10) == 0 ? random.nextInt(2) : 1 + random.nextInt(2))
          .toArray(String[]::new));
      // Few distinct prices, scores and reliabilities, so ties are common.
      b.price(random.nextInt(20) == 0 ? Long.MAX_VALUE / (2 + random.nextInt(3)) : 1 + random.nextInt(4) * 50L);
      b.score(random.nextInt(4) == 0 ? 0 : random.nextInt(3) * 500L + 500);
      b.reliability(random.nextInt(3));
      b.cpuSlots(random.nextInt(3));
      b.cpuJobs(random.nextInt(2));
      Set<Integer> busy = new HashSet<>();
      for (Gpu gpu : b.gpus) {
        if (random.nextInt(4) == 0) {
          busy.add(gpu.index());
        }
      }
      b.busy = Set.copyOf(busy);
      nodes.add(b.build());
    }
    return nodes;
  }

  private static List<Demand> randomJobs(Random random, List<Node> nodes) {
    int count = random.nextInt(16);
    List<Demand> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DemandBuilder b = job(i);
      b.type(random.nextBoolean() ? "process" : "container");
      b.gpus(random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3));
      if (b.gpuCount > 0 && random.nextBoolean()) {
        b.minVram((8 + random.nextInt(4) * 8) * GIB);
      }
      if (b.gpuCount > 0 && random.nextInt(3) == 0) {
        b.models(MODELS[random.nextInt(MODELS.length)]);
      }
      b.minScore(random.nextInt(3) == 0 ? random.nextInt(3) * 500L : 0);
      b.maxPrice(random.nextInt(10) == 0 ? Long.MAX_VALUE : 1 + random.nextInt(500));
      if (random.nextInt(8) == 0) {
        b.target(random.nextInt(4) == 0 ? new UUID(7, 7) : nodes.get(random.nextInt(nodes.size())).id());
      }
      jobs.add(b.build());
    }
    return jobs;
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private static UUID nodeFor(Demand job, Node... nodes) {
    List<Assignment> placed = Matcher.match(List.of(job), List.of(nodes));
    return placed.isEmpty() ? null : placed.get(0).nodeId();
  }

  private static List<Integer> gpusFor(Demand job, Node node) {
    List<Assignment> placed = Matcher.match(List.of(job), List.of(node));
    return placed.isEmpty() ? null : placed.get(0).gpus();
  }

  private static UUID jobId(int n) {
    return new UUID(1, n);
  }

  private static NodeBuilder node(UUID id) {
    return new NodeBuilder(id);
  }

  private static DemandBuilder job(int n) {
    return new DemandBuilder(jobId(n));
  }

  /** A node offering both runners, 100 per GPU-hour, score 1000, two CPU slots, nothing busy, unless told. */
  private static final class NodeBuilder {
    private final UUID id;
    private final List<Gpu> gpus = new ArrayList<>();
    private Set<String> runners = Set.of("process", "container");
    private long price = 100;
    private long score = 1000;
    private int reliability;
    private int cpuSlots = 2;
    private Set<Integer> busy = Set.of();
    private int cpuJobs;

    NodeBuilder(UUID id) {
      this.id = id;
    }

    NodeBuilder gpu(int index, String name, long usableVramMib) {
      gpus.add(new Gpu(index, name, usableVramMib));
      return this;
    }

    /** {@code count} RTX 4090s with 24 GiB each. */
    NodeBuilder gpus(int count) {
      for (int i = 0; i < count; i++) {
        gpu(i, RTX4090, 24 * GIB);
      }
      return this;
    }

    NodeBuilder runners(String... runners) {
      this.runners = Set.of(runners);
      return this;
    }

    NodeBuilder price(long price) {
      this.price = price;
      return this;
    }

    NodeBuilder score(long score) {
      this.score = score;
      return this;
    }

    NodeBuilder reliability(int reliability) {
      this.reliability = reliability;
      return this;
    }

    NodeBuilder cpuSlots(int cpuSlots) {
      this.cpuSlots = cpuSlots;
      return this;
    }

    NodeBuilder busy(Integer... busy) {
      this.busy = Set.of(busy);
      return this;
    }

    NodeBuilder cpuJobs(int cpuJobs) {
      this.cpuJobs = cpuJobs;
      return this;
    }

    Node build() {
      return new Node(id, List.copyOf(gpus), runners, price, score, reliability, cpuSlots, busy, cpuJobs);
    }
  }

  /** A process job for one GPU, any model and VRAM, no minimum score, at most 1000 per hour, unless told. */
  private static final class DemandBuilder {
    private final UUID id;
    private String type = "process";
    private int gpuCount = 1;
    private long minVramMib;
    private List<String> models = List.of();
    private long minScore;
    private long maxPrice = 1000;
    private UUID target;

    DemandBuilder(UUID id) {
      this.id = id;
    }

    DemandBuilder type(String type) {
      this.type = type;
      return this;
    }

    DemandBuilder gpus(int gpuCount) {
      this.gpuCount = gpuCount;
      return this;
    }

    DemandBuilder minVram(long minVramMib) {
      this.minVramMib = minVramMib;
      return this;
    }

    DemandBuilder models(String... models) {
      this.models = List.of(models);
      return this;
    }

    DemandBuilder minScore(long minScore) {
      this.minScore = minScore;
      return this;
    }

    DemandBuilder maxPrice(long maxPrice) {
      this.maxPrice = maxPrice;
      return this;
    }

    DemandBuilder target(UUID target) {
      this.target = target;
      return this;
    }

    Demand build() {
      return new Demand(id, type, gpuCount, minVramMib, models, minScore, maxPrice, target);
    }
  }
}
