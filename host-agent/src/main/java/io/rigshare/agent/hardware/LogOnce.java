package io.rigshare.agent.hardware;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a condition when it first appears or changes, not on every poll: probes run every second
 * and a host without {@code nvidia-smi} would otherwise fill the log with the same line.
 */
final class LogOnce {

  private final Logger logger;
  private final Map<String, String> lastMessageByTopic = new ConcurrentHashMap<>();

  LogOnce(Logger logger) {
    this.logger = logger;
  }

  void info(String topic, String message) {
    if (changed(topic, message)) {
      logger.info(message);
    }
  }

  void warn(String topic, String message, Throwable cause) {
    if (changed(topic, message)) {
      logger.warn(message, cause);
    }
  }

  /** Forgets the topic, so the next problem under it is logged again. */
  void clear(String topic) {
    lastMessageByTopic.remove(topic);
  }

  private boolean changed(String topic, String message) {
    return !Objects.equals(lastMessageByTopic.put(topic, message), message);
  }
}
