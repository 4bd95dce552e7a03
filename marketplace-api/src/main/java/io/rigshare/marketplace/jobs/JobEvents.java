package io.rigshare.marketplace.jobs;

import io.rigshare.marketplace.core.Notifications;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job hints between API instances on the {@code rigshare_jobs} channel, sent when the transaction that caused them
 * commits: {@code queued} (a job may be matchable: wake the dispatchers), {@code assign:<node>} (the instance holding
 * the node's socket sends its assignments), {@code cancel:<node>:<job>:<attempt>} (it sends a cancel), {@code
 * changed:<job>} (log followers read on). Each is only a hint; the state is in the database and the slow polls
 * cover lost ones.
 */
public class JobEvents {
  private static final Logger LOG = LoggerFactory.getLogger(JobEvents.class);
  static final String CHANNEL = "rigshare_jobs";

  public interface Listener {
    default void onQueued() {}

    default void onAssigned(UUID nodeId) {}

    default void onCancel(UUID nodeId, UUID jobId, int attempt) {}

    default void onChanged(UUID jobId) {}
  }

  private final Notifications notifications;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public JobEvents(Notifications notifications) {
    this.notifications = notifications;
    notifications.subscribe(CHANNEL, this::dispatch);
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void queued(Handle handle) {
    Notifications.publish(handle, CHANNEL, "queued");
  }

  /** Outside a transaction: e.g. a node came online or freed capacity. */
  public void queued() {
    notifications.publish(CHANNEL, "queued");
  }

  public void assigned(Handle handle, UUID nodeId) {
    Notifications.publish(handle, CHANNEL, "assign:" + nodeId);
  }

  public void cancel(Handle handle, UUID nodeId, UUID jobId, int attempt) {
    Notifications.publish(handle, CHANNEL, "cancel:" + nodeId + ":" + jobId + ":" + attempt);
  }

  public void changed(Handle handle, UUID jobId) {
    Notifications.publish(handle, CHANNEL, "changed:" + jobId);
  }

  private void dispatch(String payload) {
    String[] parts = payload.split(":");
    try {
      for (Listener listener : listeners) {
        switch (parts[0]) {
          case "queued" -> listener.onQueued();
          case "assign" -> listener.onAssigned(UUID.fromString(parts[1]));
          case "cancel" -> listener.onCancel(
              UUID.fromString(parts[1]), UUID.fromString(parts[2]), Integer.parseInt(parts[3]));
          case "changed" -> listener.onChanged(UUID.fromString(parts[1]));
          default -> LOG.warn("ignoring unknown job event '{}'", payload);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("ignoring malformed job event '{}'", payload);
    }
  }
}
