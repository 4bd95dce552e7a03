package io.rigshare.agent.benchmark;

import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.agent.hardware.ProcessCommandRunner;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.verify.ChallengeMatrices;
import io.rigshare.protocol.verify.ChallengeRules;
import java.util.List;
import java.util.Optional;
import org.jocl.CLException;
import org.jocl.cl_mem;

/**
 * The agent's side of a verification challenge: A and B generated on the device from the seed (the {@code generate}
 * kernel, bit for bit {@link ChallengeMatrices}), C = A x B with the benchmark's SGEMM kernel, C read back and
 * committed to with a Merkle tree over its rows.
 */
public final class ChallengeComputation {
  private ChallengeComputation() {}

  /** Computes the challenge on {@code device}. */
  static Commitment compute(ClDevice device, long seed, int n) {
    if (!ChallengeRules.validN(n)) {
      throw new IllegalArgumentException("n = " + n + " is not a multiple of " + ChallengeRules.N_MULTIPLE
          + " from " + ChallengeRules.MIN_N + " to " + ChallengeRules.MAX_N);
    }
    long bytes = 4L * n * n;
    float[] c = new float[n * n];
    double seconds;
    try (DeviceSession session = new DeviceSession(device)) {
      cl_mem a = session.buffer(bytes);
      cl_mem b = session.buffer(bytes);
      cl_mem product = session.buffer(bytes);
      seconds = session.generate(a, seed, ChallengeMatrices.DOMAIN_A, n * n)
          + session.generate(b, seed, ChallengeMatrices.DOMAIN_B, n * n)
          + session.sgemm(SgemmConfig.forDevice(device, n), n, a, b, product);
      session.read(product, 0, c);
    }
    return Commitment.of(n, c, Math.round(seconds * 1000), device.displayName());
  }

  /**
   * Computes the challenge on the OpenCL device that is GPU {@code gpuIndex} of the hardware report; with no index,
   * on the first GPU, else the first device.
   *
   * @throws ChallengeException when there is no such device or the computation fails
   */
  public static Commitment compute(HardwareProbe probe, Integer gpuIndex, long seed, int n) {
    ClDevice device = select(probe, gpuIndex);
    try {
      return compute(device, seed, n);
    } catch (CLException | IllegalStateException e) {
      throw new ChallengeException("the computation failed on " + device.displayName() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ChallengeException(e.getMessage(), e);
    }
  }

  static ClDevice select(HardwareProbe probe, Integer gpuIndex) {
    List<ClDevice> devices;
    try {
      devices = OpenCl.devices();
    } catch (OpenClUnavailableException e) {
      throw new ChallengeException(e.getMessage(), e);
    }
    if (gpuIndex == null) {
      return devices.stream().filter(d -> !d.isCpu()).findFirst().orElse(devices.get(0));
    }
    List<Optional<GpuInfo>> gpus = GpuMatcher.match(devices, probe, new ProcessCommandRunner());
    for (int d = 0; d < devices.size(); d++) {
      if (gpus.get(d).map(GpuInfo::index).filter(gpuIndex::equals).isPresent()) {
        return devices.get(d);
      }
    }
    throw new ChallengeException("no OpenCL device is GPU " + gpuIndex + " of this node");
  }

  /** A challenge this agent cannot compute; the message goes to the server in a {@code VERIFY_FAILED} error. */
  public static final class ChallengeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChallengeException(String message, Throwable cause) {
      super(message, cause);
    }

    public ChallengeException(String message) {
      super(message);
    }
  }
}
