package io.rigshare.marketplace.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshare.marketplace.config.VerificationConfig;
import io.rigshare.marketplace.db.NodeDao;
import io.rigshare.marketplace.db.NodeDao.Node;
import io.rigshare.marketplace.db.VerificationDao;
import io.rigshare.marketplace.db.VerificationDao.Challenge;
import io.rigshare.marketplace.offers.Pricing;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.verify.ChallengeMatrices;
import io.rigshare.protocol.verify.GpuCatalog;
import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.Wire;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of benchmark verification (docs/protocol.md section 10): takes in benchmark reports, judges
 * them ({@link BenchmarkCheck}), issues challenges, checks commitments and opened rows ({@link RowChecks}), and makes
 * nodes verified, with a score and a price, or unverified with the reason their owner sees. All state is in the
 * database; each method returns the frames to send back on the node's socket.
 */
public class VerificationService {
  private static final Logger LOG = LoggerFactory.getLogger(VerificationService.class);
  static final String ID_PREFIX = "vfy-";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Pricing pricing;
  private final GpuCatalog catalog;
  private final ChallengePlan plan;
  private final RowChecks rowChecks;
  private final SecureRandom random = new SecureRandom();

  public VerificationService(
      Jdbi jdbi, Clock clock, VerificationConfig config, Pricing pricing, GpuCatalog catalog) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.pricing = pricing;
    this.catalog = catalog;
    this.plan = new ChallengePlan(config);
    this.rowChecks = new RowChecks(new Semaphore(config.getMaxConcurrentChecks()));
  }

  /** Whether an agent error frame refers to a challenge ({@code ref} is a verify id). */
  public static boolean isChallengeRef(String ref) {
    return ref != null && ref.startsWith(ID_PREFIX);
  }

  // ---- intake -----------------------------------------------------------------------------------------------

  /** Stores the report and judges it; a plausible one is answered with a challenge. */
  public List<Message> onBenchmark(UUID nodeId, UUID session, Message.Benchmark report) {
    Instant now = clock.instant();
    String json = Wire.encode(report);
    return jdbi.inTransaction(handle -> {
      VerificationDao dao = handle.attach(VerificationDao.class);
      if (dao.storeBenchmark(nodeId, session, json, now) == 0) {
        return List.of(); // this session no longer speaks for the node
      }
      Node node = handle.attach(NodeDao.class).find(nodeId).orElseThrow();
      HardwareReport hardware = hardware(node.hardware());
      String duplicate = duplicateGpu(dao, node, hardware, report, now);
      if (duplicate != null) {
        fail(dao, nodeId, duplicate, now);
        return List.of();
      }
      return judged(dao, node, BenchmarkCheck.judge(hardware, report, catalog), now);
    });
  }

  private List<Message> judged(VerificationDao dao, Node node, BenchmarkCheck.Verdict verdict, Instant now) {
    if (verdict instanceof BenchmarkCheck.Implausible implausible) {
      fail(dao, node.id(), implausible.reason(), now);
      return List.of();
    }
    if (verdict instanceof BenchmarkCheck.Unscored) {
      // Not spoofing: nothing to price, so nothing to list or to challenge.
      dao.cancelOpen(node.id(), "the node's benchmark has no GPU score", now);
      dao.clearScore(node.id(), now);
      return List.of();
    }
    if (verdict instanceof BenchmarkCheck.DeviceOnly device) {
      int n = plan.deviceN();
      return List.of(issue(dao, node.id(), null, null, n, plan.deadline(device.referenceGflops(), n), now));
    }
    BenchmarkCheck.Plausible plausible = (BenchmarkCheck.Plausible) verdict;
    BenchmarkCheck.ScoredGpu gpu = plausible.gpus().get(random.nextInt(plausible.gpus().size()));
    int n = plan.n(gpu.model());
    return List.of(issue(dao, node.id(), gpu.gpuIndex(), plausible.perGpuScore(), n, plan.deadline(gpu.model(), n),
        now));
  }

  /**
   * A GPU uuid that other nodes report (docs/protocol.md section 10, check 1). The same owner's other nodes lose it
   * (the GPU moved, or the agent was set up again) and become unverified. Another owner's node that reported it
   * first and is not unverified keeps it: this node is refused, so a copied uuid cannot take an honest node out.
   * Each uuid's check is serialized by an advisory lock, so two nodes reporting one at once cannot both pass.
   */
  private static String duplicateGpu(
      VerificationDao dao, Node node, HardwareReport hardware, Message.Benchmark report, Instant now) {
    Set<String> uuids = new TreeSet<>(); // sorted: the locks are always taken in one order
    Stream.concat(hardware == null ? Stream.empty() : hardware.gpus().stream().map(GpuInfo::uuid),
            report.results().stream().map(Message.BenchmarkResult::gpuUuid))
        .filter(uuid -> uuid != null && !uuid.isBlank())
        .forEach(uuids::add);
    for (String uuid : uuids) {
      dao.lockGpu("gpu-uuid:" + uuid);
      for (VerificationDao.GpuHolder other : dao.gpuHolders(node.id(), uuid)) {
        if (other.wallet().equals(node.wallet())) {
          dao.cancelOpen(other.id(), "its GPU moved to another node", now);
          dao.unverify(other.id(), "GPU uuid " + uuid + " is now reported by your node '" + node.name() + "' ("
              + node.id() + ")", now);
        } else if (!"unverified".equals(other.verification())) {
          return "duplicate GPU: uuid " + uuid + " is already reported by another owner's node, which keeps it; ask"
              + " the operator if this GPU is yours";
        }
      }
    }
    return null;
  }

  /** A new challenge, replacing any open one; {@code gpuIndex} and {@code score} are null on a node without a GPU. */
  private Message.Verify issue(
      VerificationDao dao, UUID nodeId, Integer gpuIndex, Long score, int n, Duration deadline, Instant now) {
    UUID id = UUID.randomUUID();
    String seed = ChallengeMatrices.formatSeed(random.nextLong());
    dao.cancelOpen(nodeId, "replaced by a newer challenge", now);
    dao.insert(id, nodeId, gpuIndex, seed, n, now, now.plus(deadline), score);
    return new Message.Verify(ID_PREFIX + id, seed, n, gpuIndex);
  }

  // ---- the challenge ----------------------------------------------------------------------------------------

  /** The commitment: in time and never seen before, it is answered with the rows to open. */
  public List<Message> onCommit(UUID nodeId, Message.VerifyCommit commit) {
    UUID id = challengeId(commit.id());
    if (id == null) {
      return List.of(unknown(commit.id(), "verify-commit"));
    }
    Instant now = clock.instant();
    try {
      return jdbi.inTransaction(handle -> {
        VerificationDao dao = handle.attach(VerificationDao.class);
        Challenge c = dao.lock(id, nodeId).orElse(null);
        if (c == null || c.committedAt() != null) {
          return List.<Message>of(unknown(commit.id(), "verify-commit"));
        }
        if (c.finishedAt() != null) {
          return List.<Message>of(); // already decided (late, replaced)
        }
        String refusal = commitRefusal(dao, c, commit.root(), now);
        if (refusal != null) {
          finishFailed(dao, c, refusal, now);
          return List.<Message>of();
        }
        List<Integer> rows = ChallengePlan.rows(c.n(), plan.rowsOpened(), random);
        dao.commit(id, commit.root(), rows.toArray(Integer[]::new), now.plus(plan.rowsTimeout()), now);
        return ChallengePlan.frames(c.n(), rows).stream()
            .<Message>map(frame -> new Message.VerifyOpen(commit.id(), frame)).toList();
      });
    } catch (UnableToExecuteStatementException e) {
      if (!(e.getCause() instanceof SQLException sql) || !"23505".equals(sql.getSQLState())) {
        throw e;
      }
      // Another challenge committed the same root at the same moment: the unique index caught the replay.
      failById(nodeId, id, "replayed commitment: this root was committed for another challenge", now);
      return List.of();
    }
  }

  private static String commitRefusal(VerificationDao dao, Challenge c, String root, Instant now) {
    if (root == null || !root.matches("[0-9a-f]{64}")) {
      return "the commitment is not a Merkle root (64 lower-case hex digits)";
    }
    if (now.isAfter(c.deadlineAt())) {
      return String.format("late: the commitment came %d ms after the challenge; the deadline for n = %d was %d ms",
          now.toEpochMilli() - c.issuedAt().toEpochMilli(), c.n(),
          c.deadlineAt().toEpochMilli() - c.issuedAt().toEpochMilli());
    }
    if (dao.rootSeen(root, c.id())) {
      return "replayed commitment: this root was committed for another challenge";
    }
    return null;
  }

  /** Opened rows: each must be asked for, prove into the root, and match the server's own computation. */
  public List<Message> onRows(UUID nodeId, Message.VerifyRows frame) {
    UUID id = challengeId(frame.id());
    Challenge c = id == null ? null
        : jdbi.withExtension(VerificationDao.class, dao -> dao.find(id, nodeId)).orElse(null);
    if (c == null || c.rows() == null) {
      return List.of(unknown(frame.id(), "verify-rows"));
    }
    if (c.finishedAt() != null) {
      return List.of();
    }
    String failure = rowChecks.check(c, frame.rows());
    Instant now = clock.instant();
    jdbi.useTransaction(handle -> {
      VerificationDao dao = handle.attach(VerificationDao.class);
      Challenge locked = dao.lock(id, nodeId).orElseThrow();
      if (locked.finishedAt() != null) {
        return;
      }
      if (failure != null) {
        finishFailed(dao, locked, failure, now);
      } else if (now.isAfter(locked.deadlineAt())) {
        finishFailed(dao, locked, "late: the opened rows came after the deadline", now);
      } else {
        Set<Integer> checked = new LinkedHashSet<>(List.of(locked.checked()));
        frame.rows().forEach(r -> checked.add(r.index()));
        if (checked.containsAll(List.of(locked.rows()))) {
          pass(dao, locked, now);
        } else {
          dao.checked(id, checked.toArray(Integer[]::new));
        }
      }
    });
    return List.of();
  }

  private void pass(VerificationDao dao, Challenge c, Instant now) {
    if (dao.finish(c.id(), "passed", null, now) == 0) {
      return;
    }
    Instant next = now.plus(plan.nextDelay(random));
    if (c.score() == null) {
      dao.verifyWithoutScore(c.nodeId(), next, now);
    } else {
      dao.verify(c.nodeId(), c.score(), pricing.benchmarkPrice(c.score()), next, now);
    }
  }

  /** An error frame that refers to a challenge: busy (ask again later) or a failure. */
  public void onAgentError(UUID nodeId, Message.Error error) {
    UUID id = challengeId(error.ref());
    if (id == null) {
      return;
    }
    Instant now = clock.instant();
    jdbi.useTransaction(handle -> {
      VerificationDao dao = handle.attach(VerificationDao.class);
      Challenge c = dao.lock(id, nodeId).orElse(null);
      if (c == null || c.finishedAt() != null) {
        return;
      }
      String why = error.message() == null ? "" : ": " + abbreviate(error.message());
      if (ErrorCodes.VERIFY_BUSY.equals(error.code()) && dao.holdsJob(nodeId)) {
        dao.finish(id, "cancelled", "busy: a job is running", now);
        dao.scheduleChallenge(nodeId, now.plus(plan.busyRetry()));
      } else if (ErrorCodes.VERIFY_BUSY.equals(error.code())) {
        finishFailed(dao, c, "the agent answered busy while the node held no job", now);
      } else if (ErrorCodes.VERIFY_UNKNOWN.equals(error.code())) {
        finishFailed(dao, c, "the agent no longer held its commitment" + why, now);
      } else {
        finishFailed(dao, c, "the agent could not compute the challenge (" + error.code() + why + ")", now);
      }
    });
  }

  // ---- timers -----------------------------------------------------------------------------------------------

  /** Fails the challenges past their deadline (any instance may); returns how many. */
  public int sweepLate() {
    Instant now = clock.instant();
    return jdbi.inTransaction(handle -> {
      VerificationDao dao = handle.attach(VerificationDao.class);
      List<VerificationDao.Late> late = dao.failLate(now);
      late.forEach(l -> dao.unverify(l.nodeId(), l.reason(), now));
      return late.size();
    });
  }

  /** Challenges for this instance's nodes whose re-challenge time came and that run no job, by node. */
  public Map<UUID, Message.Verify> dueChallenges(String instanceId) {
    Instant now = clock.instant();
    return jdbi.inTransaction(handle -> {
      VerificationDao dao = handle.attach(VerificationDao.class);
      NodeDao nodes = handle.attach(NodeDao.class);
      Map<UUID, Message.Verify> due = new java.util.HashMap<>();
      for (UUID nodeId : dao.claimDue(instanceId, now)) {
        Node node = nodes.find(nodeId).orElseThrow();
        Message.Benchmark report = benchmark(node.benchmark());
        if (report == null) {
          continue;
        }
        BenchmarkCheck.Verdict verdict = BenchmarkCheck.judge(hardware(node.hardware()), report, catalog);
        judged(dao, node, verdict, now).forEach(m -> due.put(nodeId, (Message.Verify) m));
      }
      return due;
    });
  }

  /** A challenge that could not be sent (the socket closed meanwhile): not the node's fault; ask again later. */
  public void notSent(UUID nodeId, Message.Verify verify) {
    UUID id = challengeId(verify.id());
    Instant now = clock.instant();
    jdbi.useTransaction(handle -> {
      VerificationDao dao = handle.attach(VerificationDao.class);
      if (dao.finish(id, "cancelled", "not sent: the node's socket closed", now) > 0) {
        dao.scheduleChallenge(nodeId, now.plus(plan.busyRetry()));
      }
    });
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private void failById(UUID nodeId, UUID id, String reason, Instant now) {
    jdbi.useTransaction(handle -> {
      VerificationDao dao = handle.attach(VerificationDao.class);
      dao.lock(id, nodeId).ifPresent(c -> finishFailed(dao, c, reason, now));
    });
  }

  private static void finishFailed(VerificationDao dao, Challenge c, String reason, Instant now) {
    if (dao.finish(c.id(), "failed", reason, now) > 0) {
      dao.unverify(c.nodeId(), reason, now);
    }
  }

  private static void fail(VerificationDao dao, UUID nodeId, String reason, Instant now) {
    dao.cancelOpen(nodeId, "the node became unverified: " + reason, now);
    dao.unverify(nodeId, reason, now);
  }

  private static Message unknown(String id, String type) {
    return new Message.Error(ErrorCodes.UNEXPECTED_MESSAGE, type + " for no open challenge of this node", id);
  }

  static UUID challengeId(String id) {
    if (!isChallengeRef(id)) {
      return null;
    }
    try {
      return UUID.fromString(id.substring(ID_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static HardwareReport hardware(String hardwareJson) {
    if (hardwareJson == null) {
      return null;
    }
    try {
      return Wire.mapper().readValue(hardwareJson, HardwareReport.class);
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.debug("unreadable hardware report", e);
      return null;
    }
  }

  private static Message.Benchmark benchmark(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Wire.decode(json).message() instanceof Message.Benchmark b ? b : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
