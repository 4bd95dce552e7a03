package io.rigshare.agent.benchmark;

/**
 * Which SGEMM kernel of {@code kernels.cl} runs, and its tile sizes: {@code sgemm_local} (tiles staged in local memory)
 * for GPUs and accelerators, {@code sgemm_cached} (the caches tile) for CPUs, where PoCL runs it about twice as fast.
 * Both sum each element's products in the same order, so they give the same bits.
 *
 * @param ts the square tile of C one work-group computes; n must be a multiple of it
 * @param tk the depth of the A and B tiles staged per step (sgemm_local)
 * @param wpt the square block of C each work-item keeps in registers
 */
record SgemmConfig(String kernel, int ts, int tk, int wpt) {
  static final String LOCAL = "sgemm_local";
  static final String CACHED = "sgemm_cached";

  static SgemmConfig forDevice(ClDevice device, int n) {
    boolean wide = n % 128 == 0;
    if (device.isCpu()) {
      return wide ? new SgemmConfig(CACHED, 128, 16, 8) : new SgemmConfig(CACHED, 64, 16, 8);
    }
    if (device.maxWorkGroupSize() >= 256) {
      return wide ? new SgemmConfig(LOCAL, 128, 16, 8) : new SgemmConfig(LOCAL, 64, 16, 4);
    }
    return new SgemmConfig(LOCAL, 64, 16, 8);
  }

  /** Work-items per side of a work-group. */
  int localSize() {
    return ts / wpt;
  }

  String buildOptions() {
    return "-D TS=" + ts + " -D TK=" + tk + " -D WPT=" + wpt;
  }
}
