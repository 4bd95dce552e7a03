package io.rigshare.marketplace.money;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.bench.SimulatedAgent.JobResult;
import io.rigshare.contracts.PreparedTransaction;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.TransactionOutcome;
import io.rigshare.contracts.Transfer;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.LocalChain;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import io.rigshare.protocol.hardware.CpuInfo;
import io.rigshare.protocol.hardware.GpuInfo;
import io.rigshare.protocol.hardware.HardwareReport;
import io.rigshare.protocol.hardware.MemoryInfo;
import io.rigshare.protocol.hardware.OsInfo;
import io.rigshare.protocol.wire.Message;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's "done when", on the service's own local Solana runtime: a buyer pays a Solana Pay deposit request from
 * its wallet (a real signed transfer carrying the reference), the watcher credits it, the buyer's job runs and is
 * billed from its receipt, the earnings job settles it, the payout job pays the host on chain, and an independent
 * read of the chain (getTokenAccountBalance) shows the host's tokens; then a withdrawal returns unused balance. The
 * operator's ledger check must hold throughout.
 */
class PaymentsFlowIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Keypair HOST = Vectors.keypair("host-1");
  private static final Keypair OPERATOR = Vectors.keypair("host-2");

  @TempDir static Path dataDir;
  private static DropwizardTestSupport<RigshareConfiguration> app;
  private static Http http;
  private static JsonNode chain;
  private static LocalChain solana;

  @BeforeAll
  static void start() throws Exception {
    TestApp.CLOCK.followSystemTime();
    app = TestApp.support(
        ConfigOverride.config("dataDir", dataDir.toString()),
        ConfigOverride.config("chain.localnet", "true"),
        ConfigOverride.config("agentGateway.missedHeartbeats", "100"),
        ConfigOverride.config("payments.scheduler", "true"),
        ConfigOverride.config("payments.payoutsEvery", "2 seconds"),
        ConfigOverride.config("payments.minimumPayout", "1"),
        ConfigOverride.config("payments.confirmTimeout", "20 seconds"),
        ConfigOverride.config("payments.operators", OPERATOR.address()));
    app.before();
    http = new Http(app.getLocalPort());
    chain = http.get("/api/chain", null).json();
    solana = new LocalChain(chain);
  }

  @AfterAll
  static void stop() {
    app.after();
  }

  @Test
  void aBuyerDepositsRunsAJobAndTheHostIsPaidOnChain() throws Exception {
    String host = Wallets.signIn(http, HOST);
    Keypair buyerKey = Keypair.generate(RANDOM);
    solana.faucet(buyerKey.address(), 20_000_000, 1_000_000_000);
    String buyer = Wallets.signIn(http, buyerKey);

    // 1. The deposit request and the buyer's wallet paying it.
    Http.Reply created = http.postJson("/api/deposits", buyer, Map.of("amount", "5000000"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode deposit = created.json();
    assertThat(deposit.get("url").asText()).startsWith("solana:" + chain.get("treasury").asText() + "?amount=5")
        .contains("spl-token=" + chain.get("mint").asText()).contains("reference=" + deposit.get("reference").asText());
    try (SolanaClient wallet = solana.walletOf(buyerKey)) {
      PreparedTransaction payment = wallet.prepare(List.of(Transfer.of(chain.get("treasury").asText(), 5_000_000)
          .withReference(deposit.get("reference").asText())), deposit.get("memo").asText());
      assertThat(wallet.awaitOutcome(payment, Duration.ofSeconds(30)))
          .isInstanceOf(TransactionOutcome.Confirmed.class);
    }
    String depositPath = "/api/deposits/" + deposit.get("id").asText();
    JsonNode credited = await(() -> http.post(depositPath + "/check", buyer, null).json(),
        d -> "credited".equals(d.get("status").asText()), "deposit credited");
    assertThat(credited.get("signature").isTextual()).isTrue();
    assertThat(http.get("/api/balance", buyer).json().get("available").asText()).isEqualTo("5000000");
    // Crediting is once: the watcher keeps running and a second check changes nothing.
    assertThat(http.post(depositPath + "/check", buyer, null).json().get("status").asText()).isEqualTo("credited");
    assertThat(http.get("/api/balance", buyer).json().get("available").asText()).isEqualTo("5000000");

    // 2. A job runs 45 s on the host's node at the default 1,000,000 per GPU-hour: 12,500, of which the host gets
    //    11,875 after the 5% fee.
    try (SimulatedAgent agent = agent(host)) {
      agent.runningJobs(assign -> new JobResult("succeeded", 0, "trained\n", Duration.ofSeconds(45)));
      Http.Reply job = http.postJson("/api/jobs", buyer, Map.of(
          "runtime", Map.of("type", "process", "command", "python3 train.py"),
          "requirements", Map.of("gpuCount", 1, "gpuModels", List.of("FlowA 4090")),
          "maxPricePerHour", 2_000_000, "timeLimitSeconds", 600));
      assertThat(job.status()).as(job.toString()).isEqualTo(201);
      String jobPath = "/api/jobs/" + job.json().get("id").asText();
      JsonNode billing = await(() -> http.get(jobPath, buyer).json().get("job"),
          j -> "succeeded".equals(j.get("state").asText()) && j.get("billing").get("settled").asBoolean(),
          "job succeeded and settled").get("billing");
      assertThat(billing.get("charge").asText()).isEqualTo("12500");
    }

    // 3. The payout job pays the host; the chain, read independently, agrees.
    JsonNode payout = await(() -> http.get("/api/payouts", host).json().get("items"),
        items -> items.size() > 0 && "confirmed".equals(items.get(0).get("status").asText()), "host payout")
        .get(0);
    assertThat(payout.get("kind").asText()).isEqualTo("earnings");
    assertThat(payout.get("amount").asText()).isEqualTo("11875");
    assertThat(payout.get("explorerUrl").asText()).contains("/tx/" + payout.get("signature").asText());
    assertThat(solana.tokenAccountBalance(HOST.address())).isEqualTo(11_875);
    JsonNode hostBalance = http.get("/api/balance", host).json().get("earnings");
    assertThat(hostBalance.get("paid").asText()).isEqualTo("11875");
    assertThat(hostBalance.get("pending").asText()).isEqualTo("0");
    JsonNode earnings = http.get("/api/earnings?groupBy=node", host).json();
    assertThat(earnings.get("totals").get("earned").asText()).isEqualTo("11875");
    assertThat(earnings.get("totals").get("paid").asText()).isEqualTo("11875");
    assertThat(http.get("/api/payouts/export.csv", host).body()).contains(payout.get("signature").asText());

    // 4. The buyer takes 1,000,000 of the unused balance back to the wallet.
    assertThat(http.postJson("/api/withdrawals", buyer, Map.of("amount", "999999999")).code())
        .isEqualTo("INSUFFICIENT_BALANCE");
    Http.Reply withdrawal = http.postJson("/api/withdrawals", buyer, Map.of("amount", "1000000"));
    assertThat(withdrawal.status()).as(withdrawal.toString()).isEqualTo(201);
    await(() -> http.get("/api/withdrawals", buyer).json().get("items").get(0),
        w -> "confirmed".equals(w.get("status").asText()), "withdrawal confirmed");
    assertThat(solana.tokenAccountBalance(buyerKey.address())).isEqualTo(20_000_000 - 5_000_000 + 1_000_000);
    assertThat(http.get("/api/balance", buyer).json().get("available").asText())
        .isEqualTo(Long.toString(5_000_000 - 12_500 - 1_000_000));

    // 5. The operator's ledger check: balanced, and the treasury's tokens cover what the ledger owes.
    String operator = Wallets.signIn(http, OPERATOR);
    JsonNode check = http.get("/api/admin/ledger/check", operator).json();
    assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
    assertThat(Long.parseLong(check.get("treasuryOnChain").asText()))
        .isGreaterThanOrEqualTo(Long.parseLong(check.get("liabilities").asText()));
    assertThat(http.get("/api/admin/ledger/check", buyer).code()).isEqualTo("FORBIDDEN");
    assertThat(http.get("/api/me", operator).json().get("operator").asBoolean()).isTrue();
  }

  @Test
  void badMoneyRequestsGetStableErrors() throws Exception {
    String buyer = Wallets.signIn(http, Keypair.generate(RANDOM));
    assertThat(http.postJson("/api/deposits", buyer, Map.of("amount", "12.5")).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.postJson("/api/deposits", buyer, Map.of("amount", "-1")).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.postJson("/api/deposits", buyer, Map.of("amount", 0)).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.post("/api/deposits", buyer, "{\"amount\": \"99999999999999999999\"}").code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(http.post("/api/deposits", buyer, "{\"amount\": ").code()).isEqualTo("MALFORMED_JSON");
    assertThat(http.post("/api/deposits", buyer, "{\"amount\": \"5\", \"to\": \"x\"}").code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(http.postJson("/api/deposits", null, Map.of("amount", "5")).status()).isEqualTo(401);
    assertThat(http.get("/api/deposits/not-a-uuid", buyer).code()).isEqualTo("NOT_FOUND");
    String id = http.postJson("/api/deposits", buyer, Map.of("amount", "5")).json().get("id").asText();
    String stranger = Wallets.signIn(http, Keypair.generate(RANDOM));
    assertThat(http.get("/api/deposits/" + id, stranger).code()).isEqualTo("NOT_FOUND");
    assertThat(http.get("/api/deposits/" + id, buyer).json().get("status").asText()).isEqualTo("pending");
    assertThat(http.postJson("/api/withdrawals", buyer, Map.of("amount", "1")).code())
        .isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(http.get("/api/earnings?groupBy=week", buyer).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.get("/api/earnings?from=2026-13-01", buyer).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(http.get("/api/earnings?from=2026-11-02&to=2026-11-01", buyer).code())
        .isEqualTo("VALIDATION_FAILED");
  }

  private static SimulatedAgent agent(String ownerSession) throws Exception {
    URI agentUrl = URI.create(http.get("/api/agent/config", null).json().get("agentUrl").asText());
    GpuInfo gpu = new GpuInfo(0, "nvidia", "NVIDIA GeForce FlowA 4090", "GPU-flow-" + RANDOM.nextLong(), 24_564L,
        24_564L, 0, 35, 20.0, 450.0, "550.54", "12.4", "nvidia-smi");
    HardwareReport hardware = new HardwareReport("flow", new OsInfo("Debian", "12", "amd64"),
        new CpuInfo("sim", 8, 16, 4000), new MemoryInfo(64L << 30, 60L << 30), List.of(), List.of(gpu),
        Instant.now());
    SimulatedAgent agent = new SimulatedAgent(agentUrl, Keypair.generate(RANDOM), Clock.systemUTC())
        .offering(List.of("process"), hardware);
    agent.open(Duration.ofSeconds(15));
    Http.Reply token = http.post("/api/node-tokens", ownerSession, null);
    assertThat(token.status()).as(token.toString()).isEqualTo(201);
    Message reply = agent.register(token.json().get("token").asText(), "flow-rig", Duration.ofSeconds(15));
    assertThat(reply).isInstanceOf(Message.Registered.class);
    return agent;
  }

  interface Read {
    JsonNode get() throws Exception;
  }

  private static JsonNode await(Read read, Predicate<JsonNode> done, String what) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = read.get();
      if (last != null && done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(what + " within " + WAIT + "; last seen: " + last);
  }
}
