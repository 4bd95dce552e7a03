package io.rigshare.marketplace.core;

import io.dropwizard.lifecycle.Managed;
import io.rigshare.marketplace.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every API instance what happened to a node, through PostgreSQL LISTEN/NOTIFY: the instance holding the node's
 * socket reacts (push limits, close a replaced or deleted node's connection). A lost notification is harmless: the
 * state is in the database, the agent's next reconnect reads it, and stale sessions are fenced by session id.
 */
public class NodeEvents implements Managed {
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

  private final Jdbi jdbi;
  private final DatabaseUrl url;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private Thread thread;

  public NodeEvents(Jdbi jdbi, DatabaseUrl url) {
    this.jdbi = jdbi;
    this.url = url;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void publish(Kind kind, UUID nodeId, UUID session) {
    String payload = new Event(kind, nodeId, session).payload();
    try {
      jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :payload)")
          .bind("channel", CHANNEL).bind("payload", payload).mapTo(String.class).one());
    } catch (RuntimeException e) {
      LOG.warn("could not publish {}; instances will converge on the next reconnect", payload, e);
    }
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::listenLoop, "node-events");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread.join(5000);
    }
  }

  private void listenLoop() {
    long backoffMs = 500;
    while (running) {
      try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
        try (Statement listen = connection.createStatement()) {
          listen.execute("LISTEN " + CHANNEL);
        }
        backoffMs = 500;
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1000);
          if (notifications != null) {
            for (PGNotification notification : notifications) {
              dispatch(notification.getParameter());
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          LOG.warn("node event listener lost its connection; retrying in {} ms", backoffMs, e);
          try {
            Thread.sleep(backoffMs);
          } catch (InterruptedException interrupted) {
            return;
          }
          backoffMs = Math.min(backoffMs * 2, 10_000);
        }
      }
    }
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
      try {
        listener.onNodeEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("node event listener failed on {}", payload, e);
      }
    }
  }
}
