package io.rigshare.agent.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rigshare.agent.testing.StubHardwareProbe;
import io.rigshare.protocol.verify.ChallengeMatrices;
import io.rigshare.protocol.verify.ChallengeRules;
import io.rigshare.protocol.verify.Merkle;
import io.rigshare.protocol.verify.RowCheck;
import io.rigshare.protocol.wire.Message;
import java.util.List;
import java.util.Random;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/**
 * The challenge on PoCL: the kernels generate exactly the Java generator's matrices, every SGEMM kernel and tiling
 * (including the GPU one, run here on the CPU) gives the same bits as a plain float32 fma loop, and what the agent
 * opens passes the server's checks ({@link RowCheck}, {@link Merkle#verify}).
 */
class ChallengeComputationIntegrationTest {
  private static final long SEED = 0x0123456789abcdefL;
  private final ClDevice cpu = OpenClSupport.cpu();

  @Test
  void theGenerateKernelWritesExactlyTheJavaGeneratorsValues() {
    int n = 128;
    try (DeviceSession session = new DeviceSession(cpu)) {
      for (long domain : new long[] {ChallengeMatrices.DOMAIN_A, ChallengeMatrices.DOMAIN_B}) {
        cl_mem buffer = session.buffer(4L * n * n);
        session.generate(buffer, SEED, domain, n * n);
        float[] values = new float[n * n];
        session.read(buffer, 0, values);
        assertThat(values).containsExactly(ChallengeMatrices.matrix(SEED, domain, n));
      }
    }
  }

  @Test
  void everySgemmKernelAndTilingGivesTheBitsOfASequentialFmaLoop() {
    List<SgemmConfig> configs = List.of(new SgemmConfig(SgemmConfig.LOCAL, 128, 16, 8),
        new SgemmConfig(SgemmConfig.LOCAL, 64, 16, 4), new SgemmConfig(SgemmConfig.LOCAL, 64, 16, 8),
        new SgemmConfig(SgemmConfig.CACHED, 128, 16, 8), new SgemmConfig(SgemmConfig.CACHED, 64, 16, 8));
    for (int n : new int[] {128, 192}) {
      float[] expected = fmaProduct(SEED, n);
      for (SgemmConfig config : configs) {
        if (n % config.ts() != 0) {
          continue;
        }
        assertThat(product(config, n)).as("%s at n=%d", config, n).containsExactly(expected);
      }
    }
  }

  @Test
  void theDocumentedExampleRoot() {
    Commitment commitment = ChallengeComputation.compute(cpu, SEED, 64);

    // docs/protocol.md section 10 quotes it: C computed with one fma per product, k in order.
    assertThat(commitment.root()).isEqualTo("9d8475242b8997d988f0ee792a74a555b0d2b63616e7174f72e02c8cbb062ced");
  }

  @Test
  void openedRowsPassTheServersChecksAndTamperedOnesDoNot() {
    Random random = new Random(23);
    long seed = random.nextLong();
    int n = 256;
    Commitment commitment = ChallengeComputation.compute(cpu, seed, n);
    RowCheck check = new RowCheck(seed, n);
    assertThat(commitment.computeMs()).isNotNegative();
    for (int t = 0; t < 4; t++) {
      int row = random.nextInt(n);
      Message.OpenedRow opened = commitment.open(row);
      byte[] bytes = ChallengeRules.decodeRow(opened.values(), n);
      assertThat(Merkle.verify(commitment.root(), n, row, bytes, opened.proof())).isTrue();
      RowCheck.Result result = check.check(row, bytes);
      assertThat(result.ok()).as(result.reason()).isTrue();

      bytes[4 * random.nextInt(n) + 2] ^= 0x10;
      assertThat(Merkle.verify(commitment.root(), n, row, bytes, opened.proof())).isFalse();
      assertThat(check.check(row, bytes).ok()).isFalse();
    }
  }

  @Test
  void aDeviceIsChosenByGpuIndexAndABadChallengeIsRefused() {
    StubHardwareProbe probe = new StubHardwareProbe(); // two RTX 4090s that OpenCL here does not have
    // Without a GPU index the rule is "a GPU if OpenCL has one, else the CPU device".
    boolean anyGpu = OpenClSupport.devices().stream().anyMatch(d -> !d.isCpu());
    assertThat(ChallengeComputation.select(probe, null).isCpu()).isEqualTo(!anyGpu);
    assertThatThrownBy(() -> ChallengeComputation.compute(probe, 0, SEED, 64))
        .isInstanceOf(ChallengeComputation.ChallengeException.class).hasMessageContaining("GPU 0");
    assertThatThrownBy(() -> ChallengeComputation.compute(probe, null, SEED, 100))
        .isInstanceOf(ChallengeComputation.ChallengeException.class).hasMessageContaining("multiple of 64");
  }

  private float[] product(SgemmConfig config, int n) {
    try (DeviceSession session = new DeviceSession(cpu)) {
      cl_mem a = session.buffer(4L * n * n);
      cl_mem b = session.buffer(4L * n * n);
      cl_mem c = session.buffer(4L * n * n);
      session.generate(a, SEED, ChallengeMatrices.DOMAIN_A, n * n);
      session.generate(b, SEED, ChallengeMatrices.DOMAIN_B, n * n);
      session.sgemm(config, n, a, b, c);
      float[] values = new float[n * n];
      session.read(c, 0, values);
      return values;
    }
  }

  private static float[] fmaProduct(long seed, int n) {
    float[] a = ChallengeMatrices.matrix(seed, ChallengeMatrices.DOMAIN_A, n);
    float[] b = ChallengeMatrices.matrix(seed, ChallengeMatrices.DOMAIN_B, n);
    float[] c = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        float acc = 0;
        for (int k = 0; k < n; k++) {
          acc = Math.fma(a[i * n + k], b[k * n + j], acc);
        }
        c[i * n + j] = acc;
      }
    }
    return c;
  }
}
