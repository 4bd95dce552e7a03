package io.rigshare.agent.link;

import io.rigshare.agent.config.AcceptedLimits;
import io.rigshare.agent.config.JsonFile;
import io.rigshare.agent.hardware.HardwareProbe;
import io.rigshare.protocol.wire.Message;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@code limits} frame: validates it against this machine, stores the accepted limits for jobs to enforce
 * and says what to acknowledge. Refused limits leave the previously accepted ones in force.
 */
public final class LimitsHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LimitsHandler.class);

  private final LimitsValidator validator;
  private final HardwareProbe probe;
  private final JsonFile<AcceptedLimits> store;
  private final Clock clock;

  public LimitsHandler(LimitsValidator validator, HardwareProbe probe, JsonFile<AcceptedLimits> store, Clock clock) {
    this.validator = validator;
    this.probe = probe;
    this.store = store;
    this.clock = clock;
  }

  /** The {@code ack} to send for {@code limits}. */
  public synchronized Message.Ack apply(Message.Limits limits) {
    List<String> problems = validator.problems(limits.limits(), probe.report());
    if (!problems.isEmpty()) {
      String error = String.join("; ", problems);
      LOG.warn("Refused the owner's limits {} (version {}): {}", limits.id(), limits.version(), error);
      return new Message.Ack(limits.id(), false, error);
    }
    try {
      store.write(new AcceptedLimits(limits.id(), limits.version(), limits.limits(), clock.instant()));
    } catch (IOException e) {
      LOG.warn("Could not store the owner's limits in {}", store.file(), e);
      return new Message.Ack(limits.id(), false, "the agent could not store the limits: " + e.getMessage());
    }
    LOG.info("Accepted the owner's limits {} (version {})", limits.id(), limits.version());
    return new Message.Ack(limits.id(), true, null);
  }
}
