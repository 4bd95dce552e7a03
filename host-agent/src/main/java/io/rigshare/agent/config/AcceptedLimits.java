package io.rigshare.agent.config;

import io.rigshare.protocol.wire.Message;
import java.time.Instant;

/**
 * {@code limits.json}: the owner's limits this host last accepted; jobs are held to them.
 *
 * @param id the {@code limits} frame's id, as acknowledged
 * @param version the owner's version number of these limits
 * @param limits the limits themselves; a null field means no limit
 * @param acceptedAt when the agent accepted them
 */
public record AcceptedLimits(String id, long version, Message.NodeLimits limits, Instant acceptedAt) {}
