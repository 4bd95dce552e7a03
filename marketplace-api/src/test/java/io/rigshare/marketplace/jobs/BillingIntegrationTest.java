package io.rigshare.marketplace.jobs;

import static io.rigshare.marketplace.jobs.JobKit.WAIT;
import static io.rigshare.marketplace.jobs.JobKit.hardware;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.rigshare.bench.SimulatedAgent;
import io.rigshare.bench.SimulatedAgent.JobResult;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.testing.Funds;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.Vectors;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.ledger.LedgerReport;
import io.rigshare.protocol.crypto.Keypair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jobs and money on the real service: escrow at assignment, a job the balance cannot cover waits and says why, the
 * receipt bills per second at the agreed price with the platform fee, the rest is refunded, and the earnings job
 * (Quartz, every second here) settles it into the host's earnings. Balances are read back through the API and the
 * ledger check must hold.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BillingIntegrationTest {
  static final DropwizardAppExtension<RigshareConfiguration> APP = TestApp.extension(
      ConfigOverride.config("agentGateway.missedHeartbeats", "100"),
      ConfigOverride.config("payments.scheduler", "true"),
      ConfigOverride.config("payments.platformFeeBps", "500"));
  private static final SecureRandom RANDOM = new SecureRandom();
  private static int day;

  private Http http;
  private String host;
  private JobKit kit;

  @BeforeEach
  void setUp() {
    TestApp.CLOCK.set(Instant.parse("2027-02-01T10:00:00Z").plus(Duration.ofDays(day++)));
    http = new Http(APP.getLocalPort());
    host = Wallets.signIn(http, Vectors.keypair("host-1"));
    kit = new JobKit(http, host);
  }

  private static Map<String, Object> gpuJob(String model) {
    return Map.of("runtime", Map.of("type", "process", "command", "python3 train.py"),
        "requirements", Map.of("gpuCount", 1, "gpuModels", List.of(model)),
        "maxPricePerHour", 2_500_000, "timeLimitSeconds", 3600);
  }

  private static long amount(JsonNode node) {
    assertThat(node.isTextual()).as("amounts are digit strings: " + node).isTrue();
    return Long.parseLong(node.asText());
  }

  @Test
  void aReceiptIsBilledPerSecondAndSettledIntoTheHostsEarnings() throws Exception {
    Keypair buyerKey = Keypair.generate(RANDOM);
    String buyer = Wallets.signIn(http, buyerKey);
    Funds.credit(APP.getConfiguration(), buyerKey.address(), 10_000_000);
    long hostEarningsBefore = amount(http.get("/api/balance", host).json().get("earnings").get("pending"));
    try (SimulatedAgent agent = kit.agent("bill-a", hardware(1, "NVIDIA GeForce BillA 4090", 24_564))) {
      agent.runningJobs(assign -> new JobResult("succeeded", 0, "ok\n", Duration.ofSeconds(45)));
      String id = kit.submit(buyer, gpuJob("BillA 4090"));
      JsonNode job = kit.awaitState(buyer, id, "succeeded").get("job");

      // Escrow: max price x time limit = 2,500,000 x 3600 s / 3600. Charge: 1,000,000 per hour (the default price)
      // x 45 s = 12,500; 5% fee = 625; the host gets 11,875; 2,487,500 comes back.
      JsonNode billing = job.get("billing");
      assertThat(amount(billing.get("escrow"))).isEqualTo(2_500_000);
      assertThat(amount(billing.get("charge"))).isEqualTo(12_500);
      assertThat(amount(billing.get("fee"))).isEqualTo(625);
      assertThat(amount(billing.get("refund"))).isEqualTo(2_487_500);
      assertThat(billing.get("billedSeconds").asInt()).isEqualTo(45);

      JsonNode settled = awaitSettled(buyer, id);
      assertThat(settled.get("job").get("billing").get("settled").asBoolean()).isTrue();
      JsonNode balance = http.get("/api/balance", buyer).json();
      assertThat(amount(balance.get("available"))).isEqualTo(10_000_000 - 12_500);
      assertThat(amount(balance.get("escrowed"))).isZero();
      long hostEarnings = amount(http.get("/api/balance", host).json().get("earnings").get("pending"));
      assertThat(hostEarnings - hostEarningsBefore).isEqualTo(11_875);
    }
    assertLedgerSound();
  }

  @Test
  void aJobTheBalanceCannotCoverWaitsAndSaysWhyUntilFundsArrive() throws Exception {
    Keypair buyerKey = Keypair.generate(RANDOM);
    String buyer = Wallets.signIn(http, buyerKey);
    try (SimulatedAgent agent = kit.agent("bill-b", hardware(1, "NVIDIA GeForce BillB 4090", 24_564))) {
      agent.runningJobs(assign -> JobResult.OK);
      String id = kit.submit(buyer, gpuJob("BillB 4090"));
      JsonNode waiting = awaitWaiting(buyer, id);
      assertThat(waiting.get("code").asText()).isEqualTo("INSUFFICIENT_BALANCE");
      assertThat(waiting.get("message").asText()).contains("2500000").contains("0 free");
      assertThat(kit.job(buyer, id).get("job").get("state").asText()).isEqualTo("queued");

      Funds.credit(APP.getConfiguration(), buyerKey.address(), 2_500_000);
      TestApp.CLOCK.advance(Duration.ofSeconds(6)); // past the funding retry
      JsonNode job = kit.awaitState(buyer, id, "succeeded").get("job");
      assertThat(job.get("waiting").isNull()).isTrue();
      assertThat(amount(job.get("billing").get("escrow"))).isEqualTo(2_500_000);
    }
    assertLedgerSound();
  }

  @Test
  void aJobThatNeverRanIsRefundedInFull() throws Exception {
    Keypair buyerKey = Keypair.generate(RANDOM);
    String buyer = Wallets.signIn(http, buyerKey);
    Funds.credit(APP.getConfiguration(), buyerKey.address(), 5_000_000);
    try (SimulatedAgent agent = kit.agent("bill-c", hardware(1, "NVIDIA GeForce BillC 4090", 24_564))) {
      agent.runningJobs(assign -> null); // assigned and started, never finished
      String id = kit.submit(buyer, gpuJob("BillC 4090"));
      kit.awaitState(buyer, id, "running");
      assertThat(amount(http.get("/api/balance", buyer).json().get("escrowed"))).isEqualTo(2_500_000);
      assertThat(http.post("/api/jobs/" + id + "/cancel", buyer, null).status()).isEqualTo(200);
      // The agent is simulated and does not answer the cancel: the lease lapses and the cancel ends the job.
      TestApp.CLOCK.advance(Duration.ofMinutes(2));
      JsonNode job = kit.awaitState(buyer, id, "cancelled").get("job");
      assertThat(amount(job.get("billing").get("charge"))).isZero();
      assertThat(amount(job.get("billing").get("refund"))).isEqualTo(2_500_000);
      awaitSettled(buyer, id);
      assertThat(amount(http.get("/api/balance", buyer).json().get("available"))).isEqualTo(5_000_000);
    }
    assertLedgerSound();
  }

  private JsonNode awaitSettled(String buyer, String id) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      JsonNode detail = kit.job(buyer, id);
      JsonNode billing = detail.get("job").get("billing");
      if (billing != null && !billing.isNull() && billing.get("settled").asBoolean()) {
        return detail;
      }
      assertThat(Instant.now()).as("job " + id + " settled").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private JsonNode awaitWaiting(String buyer, String id) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      JsonNode waiting = kit.job(buyer, id).get("job").get("waiting");
      if (waiting != null && !waiting.isNull()) {
        return waiting;
      }
      assertThat(Instant.now()).as("job " + id + " waiting for funds").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static void assertLedgerSound() {
    LedgerReport report = new LedgerCheck(Funds.jdbi(APP.getConfiguration())).run();
    assertThat(report.problems()).isEmpty();
  }
}
