package io.rigshare.marketplace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.rigshare.marketplace.RigshareConfiguration;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.jobs.AgentProcesses;
import io.rigshare.marketplace.testing.Http;
import io.rigshare.marketplace.testing.LocalChain;
import io.rigshare.marketplace.testing.TestApp;
import io.rigshare.marketplace.testing.TestDatabases;
import io.rigshare.marketplace.testing.Wallets;
import io.rigshare.protocol.crypto.Keypair;
import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's end to end: {@code frontend/e2e/flow.e2e.mjs} drives real Chromium through the whole marketplace on the
 * app's local Solana runtime (a host adds a node and runs the page's agent command as a real process, a buyer
 * deposits with a wallet-signed transfer and runs a job, the host is paid on chain); then the API, the database and
 * an independent read of the chain must agree. The screenshots it takes replace those in {@code docs/screenshots}
 * when it passes. Needs {@code node}, {@code /usr/bin/chromium}, the frontend's {@code node_modules} and the agent jar
 * the build bundles.
 */
class BrowserFlowIntegrationTest {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(170);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> STEPS =
      List.of("host-signs-in", "add-node", "agent-registers", "node-online", "market", "buyer-gets-tokens",
          "buyer-signs-in", "deposit", "submit-job", "job-output", "phone-pages", "host-paid", "operator",
          "clean-pages");
  private static final List<String> SCREENSHOTS =
      List.of("home.png", "add-node.png", "node-registered.png", "my-nodes.png", "node.png", "market.png",
          "offer.png", "deposit-request.png", "balance.png", "submit-job.png", "job.png", "my-jobs.png",
          "job-mobile.png", "market-mobile.png", "earnings.png", "operator.png");

  // Fresh for each start: failsafe's reruns of a failed run begin again from an empty marketplace.
  private static DatabaseUrl db;
  private static String base;
  private static byte[] hostSeed;
  private static byte[] buyerSeed;
  private static Keypair host;
  private static Keypair buyer;

  @TempDir static Path dataDir;
  private static DropwizardTestSupport<RigshareConfiguration> app;
  private static Http http;
  private static JsonNode chain;

  @BeforeAll
  static void start() throws Exception {
    // Chromium, the wallet, the agent and the chain all run on real time.
    TestApp.CLOCK.followSystemTime();
    db = TestDatabases.fresh();
    // The SIWS domain is publicUrl's host:port, so the browser must reach the app on a port known before it starts.
    int port = AgentProcesses.freePort();
    base = "http://localhost:" + port;
    hostSeed = seed();
    buyerSeed = seed();
    host = Keypair.fromSeed(hostSeed);
    buyer = Keypair.fromSeed(buyerSeed);
    app = new DropwizardTestSupport<>(TestApp.class, ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.url", db.jdbcUrl()),
        ConfigOverride.config("database.user", db.user()),
        ConfigOverride.config("publicUrl", base),
        ConfigOverride.config("server.applicationConnectors[0].port", String.valueOf(port)),
        ConfigOverride.config("dataDir", dataDir.toString()),
        ConfigOverride.config("chain.localnet", "true"),
        ConfigOverride.config("payments.scheduler", "true"),
        ConfigOverride.config("payments.payoutsEvery", "2 seconds"),
        ConfigOverride.config("payments.minimumPayout", "1"),
        ConfigOverride.config("payments.confirmTimeout", "20 seconds"),
        ConfigOverride.config("payments.operators", host.address()));
    app.before();
    http = new Http(app.getLocalPort());
    chain = http.get("/api/chain", null).json();
    seedMarketOffers();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.after();
    }
  }

  @Test
  void aHostAndABuyerDoTheWholeFlowInTheBrowser() throws Exception {
    // Jobs run as an unprivileged user when the agent is root: the path to their work dirs must let others pass.
    Path agents = Files.createDirectories(Path.of("target", "agents")).toAbsolutePath();
    Files.setPosixFilePermissions(agents, PosixFilePermissions.fromString("rwx--x--x"));
    Path agentHome = Files.createTempDirectory(agents, "flow-");
    Path pidFile = agents.resolve(agentHome.getFileName() + ".pid");
    Path agentJar = Path.of("target/classes/agent/rigshare-agent.jar").toAbsolutePath();
    assertThat(agentJar).as("the agent jar bundled by the build").exists();
    Path screenshots = E2eScript.repoRoot().resolve("marketplace-api/target/e2e-screenshots/flow");
    E2eScript.deleteRecursively(screenshots);
    // The page's command starts with `java`: this JVM's.
    String path = Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH");

    try {
      E2eScript.Result run = E2eScript.run(E2eScript.FLOW_SCRIPT,
          List.of("--base", base, "--host-seed", HexFormat.of().formatHex(hostSeed), "--buyer-seed",
              HexFormat.of().formatHex(buyerSeed), "--screenshots", screenshots.toString(), "--agent-dir",
              agentJar.getParent().toString(), "--agent-home", agentHome.toString(), "--agent-pid-file",
              pidFile.toString()),
          Map.of("PATH", path), SCRIPT_TIMEOUT);

      assertThat(run.exitCode())
          .as("exit code of the browser run (screenshots in %s, agent log %s); its output:%n%s", screenshots,
              agents.resolve("flow-agent.log"), run.output())
          .isZero();
      JsonNode result = run.json();
      assertThat(result.path("ok").asBoolean()).as("%s", run.output()).isTrue();
      List<String> steps = new ArrayList<>();
      result.path("steps").forEach(s -> steps.add(s.asText()));
      assertThat(steps).containsExactlyElementsOf(STEPS);
      assertThat(result.path("hostAddress").asText()).isEqualTo(host.address());
      assertThat(result.path("buyerAddress").asText()).isEqualTo(buyer.address());

      assertTheServerAndTheChainAgree(result);
      publishScreenshots(screenshots);
    } finally {
      killAgent(pidFile);
    }
  }

  private static void assertTheServerAndTheChainAgree(JsonNode result) throws Exception {
    String hostSession = Wallets.signIn(http, host);
    String buyerSession = Wallets.signIn(http, buyer);

    String nodeId = result.path("nodeId").asText();
    JsonNode node = http.get("/api/nodes/" + nodeId, hostSession).json().get("node");
    assertThat(node.get("state").asText()).as("the node the page's command started, %s", node).isEqualTo("online");
    assertThat(node.path("runners").toString()).contains("process");

    BigInteger deposited = BigInteger.TEN.pow(chain.get("decimals").asInt()).multiply(BigInteger.valueOf(5));
    JsonNode deposit = http.get("/api/deposits/" + result.path("depositId").asText(), buyerSession).json();
    assertThat(deposit.get("status").asText()).as("%s", deposit).isEqualTo("credited");
    assertThat(deposit.get("amount").asText()).isEqualTo(deposited.toString());
    assertThat(deposit.get("signature").isTextual()).isTrue();

    String jobPath = "/api/jobs/" + result.path("jobId").asText();
    JsonNode job = http.get(jobPath, buyerSession).json().get("job");
    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("billing").get("settled").asBoolean()).as("%s", job).isTrue();
    long charge = Long.parseLong(job.get("billing").get("charge").asText());
    assertThat(charge).as("the job was billed").isPositive();
    assertThat(http.get(jobPath + "/logs", buyerSession).json().path("chunks").toString())
        .contains("rigshare e2e: line 1", "rigshare e2e: line 3");
    assertThat(http.get("/api/balance", buyerSession).json().get("available").asText())
        .isEqualTo(deposited.subtract(BigInteger.valueOf(charge)).toString());

    JsonNode payouts = http.get("/api/payouts", hostSession).json().get("items");
    assertThat(payouts).as("the host's payouts").hasSize(1);
    JsonNode payout = payouts.get(0);
    assertThat(payout.get("status").asText()).isEqualTo("confirmed");
    assertThat(payout.get("signature").asText()).isEqualTo(result.path("payoutSignature").asText());
    long paid = Long.parseLong(payout.get("amount").asText());
    assertThat(paid).as("the host's share of the charge").isPositive().isLessThanOrEqualTo(charge);
    assertThat(new LocalChain(chain).tokenAccountBalance(host.address())).as("the host's tokens on chain")
        .isEqualTo(paid);
    assertThat(http.get("/api/earnings?groupBy=node", hostSession).json().get("totals").get("paid").asText())
        .isEqualTo(Long.toString(paid));
  }

  /** Three listed GPU offers of another wallet, so the market pages have something to show; they run no jobs. */
  private static void seedMarketOffers() throws Exception {
    String[][] offers = {
        {"NVIDIA GeForce RTX 4090", "1", "24564", "1840", "450000"},
        {"NVIDIA A100-SXM4-80GB", "4", "81920", "3120", "1900000"},
        {"NVIDIA L4", "2", "23034", "910", "280000"}};
    Instant now = Instant.now();
    String wallet = Keypair.generate(RANDOM).address();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement token = c.prepareStatement(
            "INSERT INTO node_tokens (id, wallet, token_hash, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement node = c.prepareStatement(
            """
            INSERT INTO nodes (id, wallet, node_key, token_id, name, status, maintenance, verification, gpu_model,
                               gpu_count, vram_mib, benchmark_score, price_per_gpu_hour, reliability, region,
                               runners, created_at, updated_at, session_id)
            VALUES (?, ?, ?, ?, ?, 'online', false, 'verified', ?, ?, ?, ?, ?, 9800, 'eu-west', '{container}', ?, ?, ?)
            """)) {
      for (String[] offer : offers) {
        UUID tokenId = UUID.randomUUID();
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        token.setObject(1, tokenId);
        token.setString(2, wallet);
        token.setBytes(3, hash);
        token.setTimestamp(4, Timestamp.from(now));
        token.setTimestamp(5, Timestamp.from(now.plusSeconds(900)));
        token.setTimestamp(6, Timestamp.from(now));
        token.executeUpdate();
        node.setObject(1, UUID.randomUUID());
        node.setString(2, wallet);
        node.setString(3, Keypair.generate(RANDOM).address());
        node.setObject(4, tokenId);
        node.setString(5, "demo-" + offer[0].replaceAll("\\W+", "-").toLowerCase());
        node.setString(6, offer[0]);
        node.setInt(7, Integer.parseInt(offer[1]));
        node.setLong(8, Long.parseLong(offer[2]));
        node.setLong(9, Long.parseLong(offer[3]));
        node.setLong(10, Long.parseLong(offer[4]));
        node.setTimestamp(11, Timestamp.from(now));
        node.setTimestamp(12, Timestamp.from(now));
        node.setObject(13, UUID.randomUUID());
        node.executeUpdate();
      }
    }
  }

  /** The run's screenshots become the documentation's: docs/screenshots shows what this run saw. */
  private static void publishScreenshots(Path screenshots) throws IOException {
    Path docs = Files.createDirectories(E2eScript.repoRoot().resolve("docs/screenshots"));
    for (String name : SCREENSHOTS) {
      assertThat(screenshots.resolve(name)).as("screenshot %s", name).isNotEmptyFile();
      Files.copy(screenshots.resolve(name), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void killAgent(Path pidFile) throws Exception {
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(pid).ifPresent(shell -> {
      try (Stream<ProcessHandle> children = shell.descendants()) {
        children.forEach(ProcessHandle::destroyForcibly);
      }
      shell.destroyForcibly();
    });
  }

  private static byte[] seed() {
    byte[] seed = new byte[32];
    RANDOM.nextBytes(seed);
    return seed;
  }
}
