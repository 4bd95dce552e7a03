/**
 * Wire records a host agent sends to describe its machine: the static {@link
 * io.rigshare.protocol.hardware.HardwareReport} (sent at registration and when it changes) and the
 * {@link io.rigshare.protocol.hardware.GpuSample} telemetry carried by heartbeats.
 *
 * <p>Plain records, Jackson-friendly (canonical constructors, no annotations needed). They hold no
 * logic beyond validation and defensive copies; detection lives in {@code io.rigshare.agent.hardware}.
 * Boxed fields are nullable because the tools that fill them ({@code nvidia-smi}, {@code rocm-smi})
 * answer "[N/A]" or "[Not Supported]" for some devices; null means "not reported", never zero.
 * {@link java.time.Instant} fields need Jackson's {@code JavaTimeModule} on the mapper.
 */
package io.rigshare.protocol.hardware;
