package io.rigshare.marketplace.gateway;

import io.rigshare.marketplace.core.Ids;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.rigshare.marketplace.db.JobDao;
import io.rigshare.marketplace.db.NodeDao;
import io.rigshare.marketplace.jobs.JobService;
import io.rigshare.marketplace.db.TelemetryDao;
import io.rigshare.protocol.hardware.GpuSample;
import io.rigshare.protocol.wire.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects heartbeats in memory for at most one flush period and writes them in two statements (the nodes' last
 * heartbeat, and their telemetry), so 10,000 agents cost a handful of round trips a second instead of 700. A heartbeat
 * lost with a crashed instance only delays its node's liveness by one interval; the next one carries the same facts.
 */
final class HeartbeatBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatBuffer.class);

  record Pending(
      UUID nodeId, UUID session, long seq, Instant at, Message.Telemetry telemetry, List<Message.JobRef> jobs) {}

  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final Jdbi jdbi;
  private final JobService jobs;
  private final Timer flushTimer;

  HeartbeatBuffer(Jdbi jdbi, MetricRegistry metrics, JobService jobs) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.flushTimer = metrics.timer("gateway.heartbeats.flush");
  }

  void add(Pending heartbeat) {
    pending.add(heartbeat);
  }

  /**
   * Writes what has accumulated and extends the leases of the job attempts the heartbeats listed. {@code stale}
   * receives nodes whose session no longer speaks for them; {@code notHeld} the listed attempts their nodes do not
   * hold (to cancel on the agent).
   */
  void flush(Consumer<Set<Pending>> stale, Consumer<List<JobDao.NodeJob>> notHeld) {
    // Draining (rather than swapping the queue) cannot lose a heartbeat added while we read.
    List<Pending> batch = new ArrayList<>();
    for (Pending p = pending.poll(); p != null; p = pending.poll()) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    try (Timer.Context ignored = flushTimer.time()) {
      // Liveness needs only each node's latest heartbeat; telemetry keeps every one.
      Map<UUID, Pending> latest = new HashMap<>();
      for (Pending p : batch) {
        latest.merge(p.nodeId(), p, (a, b) -> b.seq() >= a.seq() ? b : a);
      }
      List<Pending> items = new ArrayList<>(latest.values());
      int n = items.size();
      UUID[] ids = new UUID[n];
      UUID[] sessions = new UUID[n];
      Long[] ms = new Long[n];
      Long[] seqs = new Long[n];
      for (int i = 0; i < n; i++) {
        Pending p = items.get(i);
        ids[i] = p.nodeId();
        sessions[i] = p.session();
        ms[i] = p.at().toEpochMilli();
        seqs[i] = p.seq();
      }
      Set<UUID> matched =
          new HashSet<>(jdbi.withExtension(NodeDao.class, dao -> dao.heartbeats(ids, sessions, ms, seqs)));
      Set<Pending> lost = new HashSet<>();
      for (Pending p : items) {
        if (!matched.contains(p.nodeId())) {
          lost.add(p);
        }
      }
      List<Pending> live = new ArrayList<>(batch.size());
      for (Pending p : batch) {
        if (matched.contains(p.nodeId())) {
          live.add(p);
        }
      }
      writeTelemetry(live);
      if (!lost.isEmpty()) {
        stale.accept(lost);
      }
      List<JobDao.NodeJob> listed = new ArrayList<>();
      for (Pending p : items) {
        if (matched.contains(p.nodeId())) {
          for (Message.JobRef ref : p.jobs()) {
            Ids.parse(ref.jobId()).ifPresent(id -> listed.add(new JobDao.NodeJob(p.nodeId(), id, ref.attempt())));
          }
        }
      }
      List<JobDao.NodeJob> orphans = jobs.extendLeases(listed);
      if (!orphans.isEmpty()) {
        notHeld.accept(orphans);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not write {} heartbeats; their nodes' next heartbeats will", batch.size(), e);
    }
  }

  private void writeTelemetry(List<Pending> live) {
    List<Object[]> rows = new ArrayList<>();
    for (Pending p : live) {
      Message.Telemetry t = p.telemetry();
      if (t == null) {
        continue;
      }
      rows.add(new Object[] {p.nodeId(), p.at().toEpochMilli(), -1, null, null, null, null, null,
          t.cpuLoadPercent() == null ? null : t.cpuLoadPercent().floatValue(), t.memoryUsedBytes()});
      for (GpuSample g : t.gpus()) {
        rows.add(new Object[] {p.nodeId(), p.at().toEpochMilli(), g.index(),
            g.utilizationPercent() == null ? null : g.utilizationPercent().floatValue(),
            g.temperatureC() == null ? null : g.temperatureC().floatValue(), g.memoryUsedMib(), g.memoryTotalMib(),
            g.powerDrawW() == null ? null : g.powerDrawW().floatValue(), null, null});
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    UUID[] nodes = new UUID[n];
    Long[] at = new Long[n];
    Integer[] gpu = new Integer[n];
    Float[] util = new Float[n];
    Float[] temp = new Float[n];
    Long[] memUsed = new Long[n];
    Long[] memTotal = new Long[n];
    Float[] power = new Float[n];
    Float[] cpu = new Float[n];
    Long[] hostMem = new Long[n];
    for (int i = 0; i < n; i++) {
      Object[] r = rows.get(i);
      nodes[i] = (UUID) r[0];
      at[i] = (Long) r[1];
      gpu[i] = (Integer) r[2];
      util[i] = (Float) r[3];
      temp[i] = (Float) r[4];
      memUsed[i] = (Long) r[5];
      memTotal[i] = (Long) r[6];
      power[i] = (Float) r[7];
      cpu[i] = (Float) r[8];
      hostMem[i] = (Long) r[9];
    }
    jdbi.useExtension(
        TelemetryDao.class,
        dao -> dao.insertBatch(nodes, at, gpu, util, temp, memUsed, memTotal, power, cpu, hostMem));
  }
}
