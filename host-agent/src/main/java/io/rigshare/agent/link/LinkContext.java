package io.rigshare.agent.link;

import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.protocol.crypto.Keypair;
import java.time.Clock;

/**
 * What every connection of the link works with: the node's key, this machine, the limits, who to tell, and the clock
 * (proofs carry its time, so tests pin it).
 */
public record LinkContext(
    Keypair key,
    HardwareProbe probe,
    TelemetrySource telemetry,
    LimitsHandler limits,
    LinkListener listener,
    Clock clock) {}
