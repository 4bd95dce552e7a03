package io.rigshare.agent.benchmark;

import io.rigshare.protocol.verify.ChallengeMatrices;
import io.rigshare.protocol.verify.RowCheck;
import io.rigshare.protocol.wire.Message;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jocl.CLException;
import org.jocl.cl_mem;

/**
 * Measures one OpenCL device: SGEMM throughput (checked against a CPU reference before it counts), device memory
 * bandwidth (STREAM triad), host-to-device transfer, and, on GPUs, how much memory can really be allocated. A stage
 * that fails leaves its figure null and says why in {@code error}; the others still run.
 */
final class DeviceBenchmark {
  /** Elements of C compared with the CPU reference, besides the four corners. */
  static final int SAMPLES = 32;
  static final int STAGES = 4;

  private final ClDevice device;
  private final BenchmarkSizes sizes;
  private final BooleanSupplier cancelled;
  private final LongSupplier nanoTime;
  private final Random random;

  /** What was measured; null figures were not. */
  record Measured(
      int sgemmN,
      Message.Measurement sgemmGflops,
      boolean sgemmVerified,
      Message.Measurement bandwidthGBps,
      Message.Measurement transferGBps,
      Long allocatableVramBytes,
      String error) {}

  /** Reports progress within this device's work: stage (0 to {@link #STAGES}) plus a fraction of it. */
  interface StageProgress {
    void update(int stage, double withinStage, String label);
  }

  DeviceBenchmark(ClDevice device, BenchmarkSizes sizes, BooleanSupplier cancelled, LongSupplier nanoTime,
      Random random) {
    this.device = device;
    this.sizes = sizes;
    this.cancelled = cancelled;
    this.nanoTime = nanoTime;
    this.random = random;
  }

  Measured run(StageProgress progress) {
    Errors errors = new Errors();
    Message.Measurement sgemm = null;
    boolean verified = false;
    Message.Measurement bandwidth = null;
    Message.Measurement transfer = null;
    try (DeviceSession session = new DeviceSession(device)) {
      try {
        Sgemm result = sgemm(session, progress);
        verified = result.problem().isEmpty();
        if (verified) {
          sgemm = result.gflops();
        } else {
          errors.add("SGEMM result wrong, figures withheld: " + result.problem().get());
        }
      } catch (CancellationException e) {
        throw e; // an IllegalStateException too, but not a failure of the device
      } catch (CLException | IllegalStateException e) {
        errors.add("SGEMM: " + e.getMessage());
      }
      try {
        bandwidth = bandwidth(session, progress);
      } catch (CLException e) {
        errors.add("bandwidth: " + e.getMessage());
      }
      try {
        transfer = transfer(session, progress);
      } catch (CLException | OutOfMemoryError e) { // the host buffer is direct memory, capped by -Xmx
        errors.add("transfer: " + e.getMessage());
      }
    } catch (CLException e) {
      errors.add("cannot open the device: " + e.getMessage());
    }
    Long vram = null;
    if (sizes.probesVram()) {
      progress.update(3, 0, "allocatable VRAM");
      try {
        vram = allocatableBytes();
      } catch (CLException e) {
        errors.add("memory probe: " + e.getMessage());
      }
    }
    progress.update(STAGES, 0, "done");
    return new Measured(sizes.sgemmN(), sgemm, verified, bandwidth, transfer, vram, errors.first);
  }

  private record Sgemm(Message.Measurement gflops, Optional<String> problem) {}

  private Sgemm sgemm(DeviceSession session, StageProgress progress) {
    int n = sizes.sgemmN();
    SgemmConfig config = SgemmConfig.forDevice(device, n);
    long bytes = 4L * n * n;
    cl_mem a = session.buffer(bytes);
    cl_mem b = session.buffer(bytes);
    cl_mem c = session.buffer(bytes);
    long seed = random.nextLong();
    session.generate(a, seed, ChallengeMatrices.DOMAIN_A, n * n);
    session.generate(b, seed, ChallengeMatrices.DOMAIN_B, n * n);
    double operations = 2.0 * n * n * n;
    progress.update(0, 0, "SGEMM n=" + n);
    Message.Measurement gflops = sizes.repeat().measure(
        () -> operations / session.sgemm(config, n, a, b, c) / 1e9,
        runs -> progress.update(0, fraction(runs), "SGEMM n=" + n + ", run " + runs), cancelled, nanoTime);
    Optional<String> problem = checkAgainstCpu(session, c, seed, n);
    session.release(a);
    session.release(b);
    session.release(c);
    return new Sgemm(gflops, problem);
  }

  /** Compares sampled elements of C with a double-precision CPU computation; the first mismatch, if any. */
  private Optional<String> checkAgainstCpu(DeviceSession session, cl_mem c, long seed, int n) {
    float[] value = new float[1];
    for (int s = 0; s < SAMPLES + 4; s++) {
      int i = s < 4 ? (s / 2) * (n - 1) : random.nextInt(n);
      int j = s < 4 ? (s % 2) * (n - 1) : random.nextInt(n);
      session.read(c, 4L * ((long) i * n + j), value);
      double reference = 0;
      for (int k = 0; k < n; k++) {
        reference += (double) ChallengeMatrices.a(seed, n, i, k) * ChallengeMatrices.b(seed, n, k, j);
      }
      if (!(Math.abs(value[0] - reference) <= RowCheck.tolerance(n, reference))) {
        return Optional.of(String.format("C[%d][%d] = %s, the CPU reference says %.6f", i, j, value[0], reference));
      }
    }
    return Optional.empty();
  }

  private Message.Measurement bandwidth(DeviceSession session, StageProgress progress) {
    long bytes = sizes.bandwidthBytes();
    cl_mem a = session.buffer(bytes);
    cl_mem b = session.buffer(bytes);
    cl_mem c = session.buffer(bytes);
    session.zero(a, bytes);
    session.zero(b, bytes);
    session.zero(c, bytes);
    progress.update(1, 0, "bandwidth");
    Message.Measurement gbps = sizes.repeat().measure(
        () -> 3.0 * bytes / session.triad(a, b, c, bytes / 16) / 1e9,
        runs -> progress.update(1, fraction(runs), "bandwidth, run " + runs), cancelled, nanoTime);
    session.release(a);
    session.release(b);
    session.release(c);
    return gbps;
  }

  private Message.Measurement transfer(DeviceSession session, StageProgress progress) {
    long bytes = sizes.transferBytes();
    cl_mem target = session.buffer(bytes);
    ByteBuffer host = ByteBuffer.allocateDirect((int) bytes);
    progress.update(2, 0, "transfer");
    Message.Measurement gbps = sizes.repeat().measure(
        () -> bytes / session.write(target, host, bytes) / 1e9,
        runs -> progress.update(2, fraction(runs), "transfer, run " + runs), cancelled, nanoTime);
    session.release(target);
    return gbps;
  }

  /**
   * Allocates and zeroes buffers until the device refuses, or all of its reported memory is taken: steps of
   * {@code vramStepBytes}, halved after a refusal down to {@code vramMinStepBytes}. In its own context, released at
   * the end, since some drivers leave a context unusable after running out of memory.
   */
  private long allocatableBytes() {
    long cap = device.globalMemBytes();
    long step = sizes.vramStepBytes();
    long total = 0;
    try (DeviceSession session = new DeviceSession(device)) {
      while (total < cap) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("the benchmark was interrupted");
        }
        long size = Math.min(step, cap - total);
        cl_mem buffer = null;
        try {
          buffer = session.buffer(size);
          session.zero(buffer, size);
          total += size;
        } catch (CLException refused) {
          if (buffer != null) {
            session.release(buffer);
          }
          if (step <= sizes.vramMinStepBytes()) {
            break;
          }
          step = Math.max(sizes.vramMinStepBytes(), step / 2);
        }
      }
    }
    return total;
  }

  private double fraction(int runs) {
    return Math.min(0.95, runs / (double) (sizes.repeat().minRuns() + 2));
  }

  /** Every stage's failure, joined. */
  private static final class Errors {
    String first;

    void add(String error) {
      first = first == null ? error : first + "; " + error;
    }
  }
}
