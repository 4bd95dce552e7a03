package io.rigshare.marketplace.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshare.marketplace.db.NodeDao;
import io.rigshare.marketplace.db.NodeDao.Node;
import io.rigshare.marketplace.db.NodeTokenDao;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.marketplace.offers.NodeShape;
import io.rigshare.protocol.wire.Message.NodeLimits;
import io.rigshare.protocol.wire.Wire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A node's life in the database: registration (token redeemed and node created in one transaction), connections and
 * their fencing by session id, the owner's changes, and every change of public state written to node_transitions.
 * Several API instances share this through PostgreSQL; none keeps node state only in memory.
 */
public class NodeService {
  private final Jdbi jdbi;
  private final Clock clock;
  private final NodeEvents events;
  private volatile Runnable capacityChanged = () -> {};

  public NodeService(Jdbi jdbi, Clock clock, NodeEvents events) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.events = events;
  }

  /** Called after an owner changes what a node offers (limits, maintenance, price): queued jobs may now match. */
  public void onCapacityChanged(Runnable action) {
    this.capacityChanged = action;
  }

  public Clock clock() {
    return clock;
  }

  /** Redeems the token and creates the node, online on the registering connection. */
  public Node register(
      String token, String nodeKey, String name, String hardwareJson, String agentVersion, List<String> runners,
      UUID session, String instance) {
    Instant now = clock.instant();
    Node node =
        jdbi.inTransaction(
            handle -> {
              NodeDao nodes = handle.attach(NodeDao.class);
              if (nodes.keyExists(nodeKey)) {
                throw new ApiException(ErrorCode.NODE_EXISTS, "this node key is already registered; authenticate instead");
              }
              NodeTokenDao.Redeemed redeemed =
                  NodeTokenService.redeemWith(handle.attach(NodeTokenDao.class), token, now);
              UUID id = UUID.randomUUID();
              nodes.insert(id, redeemed.wallet(), nodeKey, redeemed.id(), name, hardwareJson, agentVersion, now);
              reshape(nodes, id);
              nodes.transition(id, now, null, "installing", "registered with a node token");
              nodes.connect(id, session, instance, agentVersion, runners.toArray(String[]::new), now);
              nodes.transition(id, now, "installing", "online", "connected");
              return nodes.find(id).orElseThrow();
            });
    return node;
  }

  /**
   * Authenticates a connection for the node with this key, offering these job runners; an older connection becomes
   * stale.
   */
  public Node connect(String nodeKey, UUID session, String instance, String agentVersion, List<String> runners) {
    Instant now = clock.instant();
    Node node =
        jdbi.inTransaction(
            handle -> {
              NodeDao nodes = handle.attach(NodeDao.class);
              Node before =
                  nodes.lockByKey(nodeKey)
                      .orElseThrow(() -> new ApiException(ErrorCode.NODE_NOT_FOUND, "no node has this key"));
              if (before.deletedAt() != null) {
                throw new ApiException(ErrorCode.NODE_DISABLED, "this node was deleted by its owner");
              }
              nodes.connect(before.id(), session, instance, agentVersion, runners.toArray(String[]::new), now);
              Node after = nodes.find(before.id()).orElseThrow();
              record(nodes, before, after, now, "connected");
              return after;
            });
    // Tells the instance holding an older socket of this node to close it.
    events.publish(NodeEvents.Kind.CONNECTED, node.id(), session);
    return node;
  }

  /** The session's socket closed. A stale session (the node reconnected elsewhere) changes nothing. */
  public void disconnect(UUID nodeId, UUID session, String reason) {
    Instant now = clock.instant();
    jdbi.useTransaction(
        handle -> {
          NodeDao nodes = handle.attach(NodeDao.class);
          Optional<Boolean> maintenance = nodes.disconnectReturningMaintenance(nodeId, session, now);
          if (maintenance.isPresent() && !maintenance.get()) {
            nodes.transition(nodeId, now, "online", "offline", reason);
          }
        });
  }

  /** Marks offline every node whose socket this instance held; used when the instance shuts down. */
  public int releaseInstance(String instance, String reason) {
    return jdbi.withExtension(NodeDao.class, dao -> dao.releaseInstance(instance, clock.instant(), reason));
  }

  /** Marks offline the nodes whose heartbeats stopped, e.g. because the instance holding them died. */
  public int sweepSilent(Duration silence) {
    Instant now = clock.instant();
    return jdbi.withExtension(
        NodeDao.class,
        dao -> dao.sweepSilent(now.minus(silence), now, "no heartbeat for " + silence.toSeconds() + " s"));
  }

  public void updateHardware(UUID nodeId, UUID session, String hardwareJson) {
    jdbi.useTransaction(handle -> {
      NodeDao dao = handle.attach(NodeDao.class);
      if (dao.updateHardware(nodeId, session, hardwareJson, clock.instant()) > 0) {
        reshape(dao, nodeId);
      }
    });
  }

  /** Derives the offer's GPU model, count and VRAM from the node's hardware report and limits. */
  private static void reshape(NodeDao nodes, UUID id) {
    nodes.find(id).ifPresent(node -> {
      NodeShape shape = NodeShape.of(node.hardware(), node.limits());
      nodes.setShape(id, shape.gpuModel(), shape.gpuCount(), shape.vramMib());
    });
  }

  public boolean ackLimits(UUID nodeId, long version, boolean ok, String error) {
    return jdbi.withExtension(
            NodeDao.class, dao -> dao.ackLimits(nodeId, version, ok, error, clock.instant()))
        > 0;
  }

  // ---- the owner's side -------------------------------------------------------------------------------------

  public record Page(List<Node> items, long total) {}

  public Page listMine(String wallet, int page, int size) {
    return jdbi.withExtension(
        NodeDao.class,
        dao -> new Page(dao.listByWallet(wallet, size, page * size), dao.countByWallet(wallet)));
  }

  /** The node if it belongs to this wallet and is not deleted; otherwise NOT_FOUND, whoever owns it. */
  public Node mine(String wallet, String id) {
    return Ids.parse(id)
        .flatMap(uuid -> jdbi.withExtension(NodeDao.class, dao -> dao.find(uuid)))
        .filter(node -> node.wallet().equals(wallet) && node.deletedAt() == null)
        .orElseThrow(() -> ApiException.notFound("node"));
  }

  public List<NodeDao.Transition> transitions(Node node, int limit) {
    return jdbi.withExtension(NodeDao.class, dao -> dao.transitions(node.id(), limit));
  }

  public record Changes(String name, Boolean maintenance, NodeLimits limits, Long pricePerGpuHour, String region) {}

  public Node update(String wallet, String id, Changes changes) {
    Node owned = mine(wallet, id);
    Instant now = clock.instant();
    Node after =
        jdbi.inTransaction(
            handle -> {
              NodeDao nodes = handle.attach(NodeDao.class);
              Node before = nodes.lock(owned.id()).orElseThrow();
              if (changes.name() != null) {
                nodes.rename(before.id(), changes.name(), now);
              }
              if (changes.maintenance() != null) {
                nodes.setMaintenance(before.id(), changes.maintenance(), now);
              }
              if (changes.limits() != null) {
                nodes.setLimits(before.id(), json(changes.limits()), now);
                reshape(nodes, before.id());
              }
              if (changes.region() != null) {
                nodes.setRegion(before.id(), changes.region().isBlank() ? null : changes.region().strip(), now);
              }
              if (changes.pricePerGpuHour() != null) {
                nodes.setPrice(before.id(), changes.pricePerGpuHour(), now);
              }
              Node updated = nodes.find(before.id()).orElseThrow();
              record(nodes, before, updated, now, changes.maintenance() != null ? "set by owner" : "changed");
              return updated;
            });
    if (changes.limits() != null) {
      events.publish(NodeEvents.Kind.LIMITS, after.id(), null);
    }
    if (changes.limits() != null || changes.maintenance() != null || changes.pricePerGpuHour() != null) {
      capacityChanged.run();
    }
    return after;
  }

  public void delete(String wallet, String id) {
    Node owned = mine(wallet, id);
    Instant now = clock.instant();
    jdbi.useTransaction(
        handle -> {
          NodeDao nodes = handle.attach(NodeDao.class);
          Node before = nodes.lock(owned.id()).orElseThrow();
          if (nodes.softDelete(before.id(), now) > 0) {
            nodes.transition(before.id(), now, before.state(), "deleted", "deleted by owner");
          }
        });
    events.publish(NodeEvents.Kind.DELETED, owned.id(), null);
  }

  public Optional<Node> find(UUID id) {
    return jdbi.withExtension(NodeDao.class, dao -> dao.find(id));
  }

  private static void record(NodeDao nodes, Node before, Node after, Instant now, String reason) {
    if (!before.state().equals(after.state())) {
      nodes.transition(after.id(), now, before.state(), after.state(), reason);
    }
  }

  static String json(NodeLimits limits) {
    try {
      return Wire.mapper().writeValueAsString(limits);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
