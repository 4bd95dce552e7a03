package io.rigshare.agent.benchmark;

import java.util.List;

/** This machine's OpenCL devices for tests, failing with the fix when there are none. */
final class OpenClSupport {
  private OpenClSupport() {}

  static List<ClDevice> devices() {
    try {
      return OpenCl.devices();
    } catch (OpenClUnavailableException e) {
      throw new AssertionError("these tests need an OpenCL platform (" + e.getMessage() + "): "
          + OpenCl.INSTALL_HINT, e);
    }
  }

  /** The CPU device PoCL provides. */
  static ClDevice cpu() {
    return devices().stream().filter(ClDevice::isCpu).findFirst()
        .orElseThrow(() -> new AssertionError("no CPU OpenCL device: apt-get install pocl-opencl-icd"));
  }
}
