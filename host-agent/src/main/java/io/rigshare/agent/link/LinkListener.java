package io.rigshare.agent.link;

import io.rigshare.agent.config.LinkState;

/**
 * What the link tells the rest of the agent. Called from the link's threads; implementations must be quick and must
 * not throw (the link logs and ignores what they throw).
 */
public interface LinkListener {

  /** The link entered {@code state}; {@code detail} is a short note or null, {@code error} the cause or null. */
  void onState(LinkState state, String detail, String error);

  /** The server created the node: this machine is now node {@code nodeId} of {@code wallet}. */
  void onRegistered(String nodeId, String wallet);

  /** The server accepted the node's proof on a new connection. */
  void onAuthenticated(String nodeId, String wallet);

  LinkListener NONE =
      new LinkListener() {
        @Override
        public void onState(LinkState state, String detail, String error) {}

        @Override
        public void onRegistered(String nodeId, String wallet) {}

        @Override
        public void onAuthenticated(String nodeId, String wallet) {}
      };
}
