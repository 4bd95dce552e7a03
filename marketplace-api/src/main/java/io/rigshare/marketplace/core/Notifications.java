package io.rigshare.marketplace.core;

import io.dropwizard.lifecycle.Managed;
import io.rigshare.marketplace.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL LISTEN/NOTIFY between API instances: one dedicated connection listens on every subscribed channel and
 * hands each payload to that channel's handlers, on its own thread. Notifications are hints: whoever acts on one
 * reads the state from the database, and a slow poll covers the ones lost while the connection was down.
 */
public class Notifications implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private final Jdbi jdbi;
  private final DatabaseUrl url;
  private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile Runnable onReconnect = () -> {};
  private Thread thread;

  public Notifications(Jdbi jdbi, DatabaseUrl url) {
    this.jdbi = jdbi;
    this.url = url;
  }

  /** Registers a handler; call before {@link #start()}. Handlers must be quick and must not throw. */
  public void subscribe(String channel, Consumer<String> handler) {
    handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
  }

  /** Runs after every (re)connection of the listener: notifications may have been missed while it was down. */
  public void onReconnect(Runnable action) {
    this.onReconnect = action;
  }

  /** Notifies at once, outside any transaction; a failure is logged, not thrown (it is only a hint). */
  public void publish(String channel, String payload) {
    try {
      jdbi.useHandle(h -> publish(h, channel, payload));
    } catch (RuntimeException e) {
      LOG.warn("could not publish {} on {}; the slow poll will catch up", payload, channel, e);
    }
  }

  /** Notifies when the handle's transaction commits (and never, if it rolls back). */
  public static void publish(Handle handle, String channel, String payload) {
    handle.createQuery("SELECT pg_notify(:channel, :payload)")
        .bind("channel", channel).bind("payload", payload).mapTo(String.class).one();
  }

  /** Several notices in one statement, delivered when the handle's transaction commits. */
  public static void publishAll(Handle handle, String channel, java.util.Collection<String> payloads) {
    if (payloads.isEmpty()) {
      return;
    }
    handle.createQuery("SELECT count(pg_notify(:channel, p)) FROM unnest(CAST(:payloads AS text[])) AS p")
        .bind("channel", channel).bind("payloads", payloads.toArray(String[]::new)).mapTo(Long.class).one();
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::listenLoop, "pg-notifications");
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
    boolean first = true;
    while (running) {
      try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
        try (Statement listen = connection.createStatement()) {
          for (String channel : handlers.keySet()) {
            listen.execute("LISTEN " + channel);
          }
        }
        backoffMs = 500;
        if (!first) {
          runGuarded(onReconnect);
        }
        first = false;
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1000);
          if (notifications != null) {
            for (PGNotification notification : notifications) {
              dispatch(notification.getName(), notification.getParameter());
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          LOG.warn("notification listener lost its connection; retrying in {} ms", backoffMs, e);
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

  private void dispatch(String channel, String payload) {
    for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
      runGuarded(() -> handler.accept(payload));
    }
  }

  private static void runGuarded(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("notification handler failed", e);
    }
  }
}
