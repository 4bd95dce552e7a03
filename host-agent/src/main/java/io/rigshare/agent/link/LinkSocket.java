package io.rigshare.agent.link;

import java.net.URI;
import java.util.Map;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The WebSocket for one connection: forwards every event to its {@link LinkSession} and does nothing else. A new
 * object per connection; Java-WebSocket's clients cannot be reused, and reconnecting from their own callbacks
 * deadlocks, which is why {@link AgentLink} reconnects from its own thread.
 */
final class LinkSocket extends WebSocketClient implements LinkSession.Outbound {
  /** Java-WebSocket pings and drops a connection that answers none for this long. */
  private static final int CONNECTION_LOST_SECONDS = 60;

  private final LinkSession session;

  LinkSocket(URI uri, LinkSession session, int connectTimeoutMillis, String agentVersion) {
    super(uri, new Draft_6455(), Map.of("User-Agent", "rigshare-agent/" + agentVersion), connectTimeoutMillis);
    this.session = session;
    setConnectionLostTimeout(CONNECTION_LOST_SECONDS);
    setDaemon(true); // the link's own thread decides when the agent ends, not a socket's
  }

  @Override
  public void onOpen(ServerHandshake handshake) {
    session.opened(this);
  }

  @Override
  public void onMessage(String frame) {
    session.received(frame);
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    session.closed(code, reason, remote);
  }

  @Override
  public void onError(Exception e) {
    session.failed(e);
  }
}
