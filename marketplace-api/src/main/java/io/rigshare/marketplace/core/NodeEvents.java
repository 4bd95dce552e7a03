package io.rigshare.marketplace.core;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every API instance what happened to a node, through PostgreSQL LISTEN/NOTIFY: the instance holding the node's
 * socket reacts (push limits, close a replaced or deleted node's connection). A lost notification is harmless: the
 * state is in the database, the agent's next reconnect reads it, and stale sessions are fenced by session id.
 */
public class NodeEvents {
  private static final Logger LOG = LoggerFactory.getLogger(NodeEvents.class);
  static final String CHANNEL = "rigshare_nodes";

  public enum Kind {
    CONNECTED,
    LIMITS,
    DELETED
  }

  /** A node event; {@code session} is set for CONNECTED (the session that now speaks for the node). */
  public record Event(Kind kind, UUID nodeId, UUID session) {
    String payload() {
      return kind.name() + ":" + nodeId + ":" + (session == null ? "" : session);
    }

    static Event parse(String payload) {
      String[] parts = payload.split(":", -1);
      return new Event(
          Kind.valueOf(parts[0]), UUID.fromString(parts[1]), parts[2].isEmpty() ? null : UUID.fromString(parts[2]));
    }
  }

  public interface Listener {
    void onNodeEvent(Event event);
  }

  private final Notifications notifications;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public NodeEvents(Notifications notifications) {
    this.notifications = notifications;
    notifications.subscribe(CHANNEL, this::dispatch);
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void publish(Kind kind, UUID nodeId, UUID session) {
    notifications.publish(CHANNEL, new Event(kind, nodeId, session).payload());
  }

  private void dispatch(String payload) {
    Event event;
    try {
      event = Event.parse(payload);
    } catch (RuntimeException e) {
      LOG.warn("ignoring malformed node event '{}'", payload);
      return;
    }
    for (Listener listener : listeners) {
      listener.onNodeEvent(event);
    }
  }
}
