package io.rigshare.marketplace.jobs;

import io.rigshare.marketplace.core.Notifications;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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
  // Notices of transactions in progress, per handle (a handle is used by one thread at a time).
  private final Map<Handle, Set<String>> pending = new ConcurrentHashMap<>();

  public JobEvents(Notifications notifications) {
    this.notifications = notifications;
    notifications.subscribe(CHANNEL, this::dispatch);
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Within a transaction run by {@link #inTransaction}: sent with its other notices, just before it commits. */
  public void queued(Handle handle) {
    add(handle, "queued");
  }

  /** Outside a transaction: e.g. a node came online or freed capacity. */
  public void queued() {
    notifications.publish(CHANNEL, "queued");
  }

  public void assigned(Handle handle, UUID nodeId) {
    add(handle, "assign:" + nodeId);
  }

  public void cancel(Handle handle, UUID nodeId, UUID jobId, int attempt) {
    add(handle, "cancel:" + nodeId + ":" + jobId + ":" + attempt);
  }

  public void changed(Handle handle, UUID jobId) {
    add(handle, "changed:" + jobId);
  }

  /**
   * Runs {@code work} in a transaction and sends the notices it added, deduplicated, in one statement at its end
   * (delivered when it commits, never if it rolls back).
   */
  public <T> T inTransaction(Jdbi jdbi, org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    return jdbi.inTransaction(handle -> {
      try {
        T result = work.withHandle(handle);
        Set<String> notices = pending.remove(handle);
        if (notices != null) {
          Notifications.publishAll(handle, CHANNEL, notices);
        }
        return result;
      } finally {
        pending.remove(handle);
      }
    });
  }

  private void add(Handle handle, String payload) {
    pending.computeIfAbsent(handle, h -> new LinkedHashSet<>()).add(payload);
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
