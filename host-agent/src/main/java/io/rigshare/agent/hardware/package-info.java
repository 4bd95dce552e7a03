/**
 * Hardware detection for the host agent: what this machine offers (CPU, RAM, disks, OS, GPUs) and
 * live GPU telemetry for heartbeats.
 *
 * <p>{@link io.rigshare.agent.hardware.HardwareProbe} is the one entry point; its promise is
 * "never null, never throws". {@link io.rigshare.agent.hardware.OshiHardwareProbe} implements it
 * with OSHI for the host and the vendor tools for GPUs, in order: {@code nvidia-smi} ({@link
 * io.rigshare.agent.hardware.NvidiaSmi}), {@code rocm-smi} ({@link
 * io.rigshare.agent.hardware.RocmSmi}), then OSHI's graphics cards. Tool output is parsed by pure
 * static parsers ({@link io.rigshare.agent.hardware.NvidiaSmiParser}, {@link
 * io.rigshare.agent.hardware.RocmSmiParser}) tested from fixtures of real output; processes run
 * behind {@link io.rigshare.agent.hardware.CommandRunner} so tests can stand in for tools that a
 * machine without a GPU cannot provoke.
 */
package io.rigshare.agent.hardware;
