package io.rigshare.agent.benchmark;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device and what the benchmark needs to know about it.
 *
 * @param kind {@code GPU}, {@code CPU}, {@code ACCELERATOR} or {@code OTHER}, from CL_DEVICE_TYPE
 * @param pciBusId "dddd:bb:dd" from the NVIDIA or AMD attribute extensions; null elsewhere
 * @param boardName AMD's marketing name (CL_DEVICE_BOARD_NAME_AMD), whose device name is a gfx code; else null
 */
record ClDevice(
    cl_platform_id platform,
    cl_device_id id,
    String name,
    String vendor,
    String platformName,
    String driverVersion,
    String kind,
    int computeUnits,
    int clockMhz,
    long globalMemBytes,
    long maxAllocBytes,
    long localMemBytes,
    long maxWorkGroupSize,
    String pciBusId,
    String boardName) {

  /** The name to show and to match against GPU names: the board name when the driver gives one. */
  String displayName() {
    return boardName != null && !boardName.isBlank() ? boardName : name;
  }

  boolean isCpu() {
    return "CPU".equals(kind);
  }
}
