package io.rigshare.agent.link;

import io.rigshare.protocol.wire.Message;

/** The readings a heartbeat carries. Never null, never throws: a reading it cannot take is null. */
@FunctionalInterface
public interface TelemetrySource {
  Message.Telemetry sample();
}
