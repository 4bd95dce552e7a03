package io.rigshare.marketplace.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshare.marketplace.config.JobsConfig;
import io.rigshare.marketplace.db.JobDao;
import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NodeOffersTest {
  private static final UUID A = new UUID(0, 1);
  private static final UUID B = new UUID(0, 2);
  private static final String H100 = "NVIDIA H100 80GB HBM3";
  private static final long H100_MIB = 81559;

  // ---- the GPUs a node offers ---------------------------------------------------------------------------------

  @Test
  void withoutLimitsEveryGpuIsOfferedWithAllItsVram() {
    assertThat(NodeOffers.gpus(hardware(gpu(0, H100, H100_MIB), gpu(1, "NVIDIA RTX 4090", 24564)), null))
        .containsExactly(new Matcher.Gpu(0, H100, H100_MIB), new Matcher.Gpu(1, "NVIDIA RTX 4090", 24564));
    assertThat(NodeOffers.gpus(hardware(gpu(0, H100, H100_MIB)), "{\"gpus\": []}"))
        .containsExactly(new Matcher.Gpu(0, H100, H100_MIB));
    assertThat(NodeOffers.gpus(hardware(gpu(0, H100, H100_MIB)), "{}"))
        .containsExactly(new Matcher.Gpu(0, H100, H100_MIB));
  }

  @Test
  void theOwnersLimitsHideGpusAndShareVram() {
    String hardware = hardware(gpu(0, H100, H100_MIB), gpu(1, H100, H100_MIB), gpu(2, H100, H100_MIB),
        gpu(3, H100, 1000));
    String limits = limits(
        new Message.GpuLimit(0, true, 50),
        new Message.GpuLimit(1, false, 100),
        new Message.GpuLimit(3, true, 33),
        new Message.GpuLimit(7, true, 10)); // no such GPU: ignored

    assertThat(NodeOffers.gpus(hardware, limits)).containsExactly(
        new Matcher.Gpu(0, H100, H100_MIB * 50 / 100),
        new Matcher.Gpu(2, H100, H100_MIB),
        new Matcher.Gpu(3, H100, 330));
  }

  @Test
  void indicesAreTheReportsNotPositions() {
    assertThat(NodeOffers.gpus(hardware(gpu(2, H100, H100_MIB), gpu(5, H100, H100_MIB)),
            limits(new Message.GpuLimit(2, false, 100))))
        .containsExactly(new Matcher.Gpu(5, H100, H100_MIB));
  }

  @Test
  void noOrUnreadableHardwareOffersNoGpus() {
    assertThat(NodeOffers.gpus(null, null)).isEmpty();
    assertThat(NodeOffers.gpus("not json", null)).isEmpty();
    assertThat(NodeOffers.gpus("{\"hostname\": \"h\"}", null)).as("a report missing required parts").isEmpty();
    assertThat(NodeOffers.gpus(hardware(), null)).isEmpty();
    assertThat(NodeOffers.gpus(hardware(gpu(0, H100, H100_MIB)), "[1, 2]")).as("unreadable limits").isEmpty();
  }

  // ---- the node as the matcher sees it ------------------------------------------------------------------------

  @Test
  void candidatesBecomeMatcherNodesWithWhatIsBusy() {
    JobDao.Candidate a = new JobDao.Candidate(A, hardware(gpu(0, H100, H100_MIB), gpu(1, H100, H100_MIB)), null,
        new String[] {"process", "container"}, 2_500_000L, 4200L, 9950);
    JobDao.Candidate b = new JobDao.Candidate(B, null, null, new String[] {"process"}, null, null, null);
    List<JobDao.ActiveUse> active = List.of(
        new JobDao.ActiveUse(A, new Integer[] {1}),
        new JobDao.ActiveUse(A, new Integer[] {}),
        new JobDao.ActiveUse(B, null),
        new JobDao.ActiveUse(B, new Integer[] {}),
        new JobDao.ActiveUse(new UUID(9, 9), new Integer[] {0})); // a node that is not a candidate (offline)

    List<Matcher.Node> nodes = NodeOffers.of(List.of(a, b), active, config("{\"cpuJobsPerNode\": 3}"));

    assertThat(nodes).hasSize(2);
    Matcher.Node first = nodes.get(0);
    assertThat(first.id()).isEqualTo(A);
    assertThat(first.gpus()).extracting(Matcher.Gpu::index).containsExactly(0, 1);
    assertThat(first.runners()).containsExactlyInAnyOrder("process", "container");
    assertThat(first.pricePerGpuHour()).isEqualTo(2_500_000);
    assertThat(first.score()).isEqualTo(4200);
    assertThat(first.reliability()).isEqualTo(9950);
    assertThat(first.cpuSlots()).isEqualTo(3);
    assertThat(first.busyGpus()).containsExactly(1);
    assertThat(first.cpuJobs()).isEqualTo(1);

    Matcher.Node second = nodes.get(1);
    assertThat(second.gpus()).isEmpty();
    assertThat(second.pricePerGpuHour()).as("the operator's default price").isEqualTo(1_000_000);
    assertThat(second.score()).as("unscored").isZero();
    assertThat(second.reliability()).isZero();
    assertThat(second.busyGpus()).isEmpty();
    assertThat(second.cpuJobs()).isEqualTo(2);
  }

  @Test
  void theDefaultPriceComesFromTheConfig() {
    JobDao.Candidate unpriced = new JobDao.Candidate(A, null, null, new String[] {"process"}, null, null, null);
    assertThat(NodeOffers.of(List.of(unpriced), List.of(), config("{\"defaultPricePerGpuHour\": 7}")))
        .singleElement().extracting(Matcher.Node::pricePerGpuHour).isEqualTo(7L);
    assertThat(NodeOffers.of(List.of(unpriced), List.of(), new JobsConfig()))
        .singleElement().extracting(Matcher.Node::cpuSlots).isEqualTo(2);
  }

  @Test
  void aJobGetsOnlyTheVramShareTheOwnerAllows() {
    String hardware = hardware(gpu(0, H100, 81920));
    Matcher.Demand needs48Gib = new Matcher.Demand(new UUID(1, 1), "process", 1, 48 * 1024, List.of("h100"), 0,
        Long.MAX_VALUE, null);

    assertThat(match(needs48Gib, hardware, limits(new Message.GpuLimit(0, true, 58)))).as("58% of 80 GiB").isEmpty();
    assertThat(match(needs48Gib, hardware, limits(new Message.GpuLimit(0, true, 60))))
        .as("60% of 80 GiB is exactly 48 GiB").singleElement()
        .satisfies(assignment -> assertThat(assignment.gpus()).containsExactly(0));
    assertThat(match(needs48Gib, hardware, limits(new Message.GpuLimit(0, false, 100)))).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private static List<Matcher.Assignment> match(Matcher.Demand job, String hardware, String limits) {
    JobDao.Candidate node = new JobDao.Candidate(A, hardware, limits, new String[] {"process"}, 100L, 1L, 0);
    return Matcher.match(List.of(job), NodeOffers.of(List.of(node), List.of(), new JobsConfig()));
  }

  private static GpuInfo gpu(int index, String name, long memoryMib) {
    return new GpuInfo(index, "nvidia", name, "GPU-" + index, memoryMib, memoryMib, 0, 35, 20.0, 450.0, "550.54",
        "12.4", "nvidia-smi");
  }

  private static String hardware(GpuInfo... gpus) {
    HardwareReport report = new HardwareReport("rig", new OsInfo("Debian", "12", "amd64"),
        new CpuInfo("EPYC", 16, 32, 3000), new MemoryInfo(256L << 30, 200L << 30), List.of(),
        new ArrayList<>(List.of(gpus)), Instant.parse("2026-11-23T10:00:00Z"));
    return json(report);
  }

  private static String limits(Message.GpuLimit... gpus) {
    return json(new Message.NodeLimits(8, null, null, List.of(gpus)));
  }

  private static String json(Object value) {
    try {
      return Wire.mapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JobsConfig config(String json) {
    try {
      return new ObjectMapper().readValue(json, JobsConfig.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
