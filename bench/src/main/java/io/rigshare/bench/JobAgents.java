package io.rigshare.bench;

import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import io.rigshare.protocol.wire.Message;
import io.rigshare.protocol.wire.UsageReceipt;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N simulated host agents ({@link SimulatedAgent}: a real WebSocket and node key each) registered by host wallets,
 * offering the process runner and no GPUs, that run every assigned attempt at once: {@code started}, then
 * {@code finished} with a receipt signed by the node key, no output. One shared timer sends their heartbeats.
 */
final class JobAgents implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int REGISTER_ATTEMPTS = 5;
  /** What a no-op job ({@code true}) does: exit 0, no output, so no {@code log} frame. */
  private static final SimulatedAgent.JobResult NO_OP = new SimulatedAgent.JobResult("succeeded", 0, "");

  private final List<SimulatedAgent> agents = new ArrayList<>();
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(Fleet.named("dispatch-heartbeat"));
  private final AtomicLong heartbeatSeq = new AtomicLong();

  int size() {
    return agents.size();
  }

  /** Registers {@code count} agents (tokens from {@code perWallet}-node host wallets) and starts their heartbeats. */
  static JobAgents register(ApiClient api, URI agentUrl, int count, int perWallet, int heartbeatSeconds,
      JobLedger ledger) throws IOException, InterruptedException {
    JobAgents out = new JobAgents();
    SecureRandom random = new SecureRandom();
    HardwareReport hardware = new HardwareReport("dispatch-bench", new OsInfo("Debian", "12", "amd64"),
        new CpuInfo("bench", 8, 16, 4000), new MemoryInfo(64L << 30, 60L << 30), List.of(), List.of(),
        Instant.now());
    ExecutorService pool = Executors.newFixedThreadPool(8, Fleet.named("dispatch-register"));
    long start = System.nanoTime();
    try {
      List<Future<SimulatedAgent>> futures = new ArrayList<>();
      for (int first = 0; first < count; first += perWallet) {
        String host = api.signIn(Keypair.generate(random));
        for (int i = first; i < Math.min(count, first + perWallet); i++) {
          int index = i;
          futures.add(pool.submit(() -> registerOne(api, agentUrl, host, index, hardware, ledger, random)));
        }
      }
      List<String> problems = new ArrayList<>();
      for (Future<SimulatedAgent> f : futures) {
        try {
          out.agents.add(f.get(5, TimeUnit.MINUTES));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          problems.add(String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
      }
      if (!problems.isEmpty()) {
        out.close();
        throw new IOException(problems.size() + " of " + count + " agents could not register, e.g. "
            + problems.get(0));
      }
    } finally {
      pool.shutdownNow();
    }
    System.err.printf("%d agents registered and connected in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    out.startHeartbeats(heartbeatSeconds);
    return out;
  }

  private static SimulatedAgent registerOne(ApiClient api, URI agentUrl, String host, int index,
      HardwareReport hardware, JobLedger ledger, SecureRandom random) throws Exception {
    String token = api.mintNodeToken(host);
    Exception last = null;
    for (int attempt = 1; attempt <= REGISTER_ATTEMPTS; attempt++) {
      SimulatedAgent agent = new SimulatedAgent(agentUrl, Keypair.generate(random), Clock.systemUTC())
          .offering(List.of("process"), hardware)
          .runningJobs(assign -> {
            // runJob calls this right after it sent started: the moment the job became running for the agent.
            ledger.started(assign.jobId());
            return NO_OP;
          });
      try {
        agent.open(WAIT);
        Message reply = agent.register(token, String.format("dispatch-bench-%05d", index), WAIT);
        if (reply instanceof Message.Registered) {
          agent.onFrame(frame -> onFrame(frame, ledger));
          return agent;
        }
        last = new IOException("register answered " + reply);
        // A refused handshake (the gateway's rate limit) leaves the token unspent: try again a moment later.
        if (!(reply instanceof Message.Error e) || !"RATE_LIMITED".equals(e.code())) {
          agent.close();
          break;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      agent.close();
      Thread.sleep(500L * attempt);
    }
    throw last;
  }

  private static void onFrame(Message frame, JobLedger ledger) {
    if (frame instanceof Message.Assign) {
      ledger.assigns.increment();
    } else if (frame instanceof Message.Ack ack && ack.ref() != null && ack.ref().startsWith("fin:")) {
      String jobId = jobOf(ack.ref());
      if (ack.ok()) {
        ledger.acked(jobId);
      } else {
        ledger.agentError("ACK_NOT_OK");
      }
    } else if (frame instanceof Message.Error error) {
      ledger.agentError(error.code());
    } else if (frame instanceof Message.Cancel) {
      ledger.cancels.increment();
    }
  }

  /** The job id in {@code fin:<jobId>:<attempt>} ({@link UsageReceipt#ref}). */
  static String jobOf(String ref) {
    int last = ref.lastIndexOf(':');
    return ref.substring(4, last > 4 ? last : ref.length());
  }

  private void startHeartbeats(int intervalSeconds) {
    long periodMs = intervalSeconds * 1000L;
    for (int i = 0; i < agents.size(); i++) {
      SimulatedAgent agent = agents.get(i);
      heartbeats.scheduleAtFixedRate(() -> {
        try {
          if (agent.isOpen()) {
            agent.send(new Message.Heartbeat(heartbeatSeq.incrementAndGet(), null, List.of()));
          }
        } catch (RuntimeException closing) {
          // the socket closed between the check and the send
        }
      }, periodMs * i / agents.size(), periodMs, TimeUnit.MILLISECONDS);
    }
  }

  /** Agents whose socket is open. */
  int open() {
    int n = 0;
    for (SimulatedAgent a : agents) {
      if (a.isOpen()) {
        n++;
      }
    }
    return n;
  }

  long jobsRun() {
    return agents.stream().mapToLong(SimulatedAgent::jobsRun).sum();
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    for (SimulatedAgent a : agents) {
      a.close();
    }
  }
}
