package io.rigshare.agent.benchmark;

import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.protocol.wire.Message;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/** The work behind {@link AgentBenchmarks}: OpenCL on a real host, something quicker in tests. */
interface BenchmarkEngine {

  /**
   * @throws OpenClUnavailableException when there is no OpenCL device
   * @throws java.util.concurrent.CancellationException when {@code cancelled} became true
   */
  Message.Benchmark benchmark(String trigger, BooleanSupplier cancelled);

  /** @throws ChallengeComputation.ChallengeException when the challenge cannot be computed here */
  Commitment commit(Integer gpuIndex, long seed, int n);

  static BenchmarkEngine openCl(HardwareProbe probe, Clock clock, boolean quick) {
    return new BenchmarkEngine() {
      @Override
      public Message.Benchmark benchmark(String trigger, BooleanSupplier cancelled) {
        return BenchmarkRunner.forHost(probe, clock, quick).run(trigger, BenchmarkProgress.NONE, cancelled);
      }

      @Override
      public Commitment commit(Integer gpuIndex, long seed, int n) {
        return ChallengeComputation.compute(probe, gpuIndex, seed, n);
      }
    };
  }
}
