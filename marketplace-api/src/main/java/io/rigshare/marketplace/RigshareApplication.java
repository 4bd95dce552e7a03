package io.rigshare.marketplace;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.lifecycle.Managed;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rigshare.marketplace.auth.AuthService;
import io.rigshare.marketplace.auth.BearerAuth;
import io.rigshare.marketplace.config.AgentGatewayConfig;
import io.rigshare.marketplace.config.PaymentsConfig;
import io.rigshare.marketplace.core.Chain;
import io.rigshare.marketplace.core.Housekeeping;
import io.rigshare.marketplace.core.NodeEvents;
import io.rigshare.marketplace.core.NodeService;
import io.rigshare.marketplace.core.NodeTokenService;
import io.rigshare.marketplace.core.Notifications;
import io.rigshare.marketplace.core.RateLimiter;
import io.rigshare.marketplace.core.TelemetryService;
import io.rigshare.marketplace.db.DatabaseUrl;
import io.rigshare.marketplace.db.EmbeddedDatabase;
import io.rigshare.marketplace.db.Migrations;
import io.rigshare.marketplace.errors.ApiExceptionMapper;
import io.rigshare.marketplace.errors.JsonErrorMapper;
import io.rigshare.marketplace.errors.UnexpectedErrorMapper;
import io.rigshare.marketplace.errors.ViolationMapper;
import io.rigshare.marketplace.errors.WebErrorMapper;
import io.rigshare.marketplace.gateway.AgentGateway;
import io.rigshare.marketplace.gateway.Tls;
import io.rigshare.marketplace.health.LedgerHealthCheck;
import io.rigshare.marketplace.jobs.Dispatcher;
import io.rigshare.marketplace.jobs.JobBilling;
import io.rigshare.marketplace.jobs.JobEvents;
import io.rigshare.marketplace.jobs.JobService;
import io.rigshare.marketplace.jobs.LogFollowers;
import io.rigshare.marketplace.money.Money;
import io.rigshare.marketplace.offers.MarketService;
import io.rigshare.marketplace.offers.OfferService;
import io.rigshare.marketplace.offers.OfferSummaries;
import io.rigshare.marketplace.offers.Pricing;
import io.rigshare.marketplace.offers.ReliabilityJob;
import io.rigshare.marketplace.resources.AdminResource;
import io.rigshare.marketplace.resources.AgentConfigResource;
import io.rigshare.marketplace.resources.AuthResource;
import io.rigshare.marketplace.resources.ChainResource;
import io.rigshare.marketplace.resources.DepositResource;
import io.rigshare.marketplace.resources.EarningsResource;
import io.rigshare.marketplace.resources.JobResource;
import io.rigshare.marketplace.resources.NodeResource;
import io.rigshare.marketplace.resources.NodeTokenResource;
import io.rigshare.marketplace.resources.OfferResource;
import io.rigshare.marketplace.resources.PayoutResource;
import io.rigshare.marketplace.resources.QueueResource;
import io.rigshare.marketplace.verify.VerificationService;
import io.rigshare.marketplace.web.BodyLimitFilter;
import io.rigshare.marketplace.web.ClientIp;
import io.rigshare.marketplace.web.InstallServlet;
import io.rigshare.marketplace.web.SpaFallbackFilter;
import io.rigshare.payments.deposits.DepositService;
import io.rigshare.payments.deposits.DepositSettings;
import io.rigshare.payments.earnings.EarningsService;
import io.rigshare.payments.jobs.PaymentsScheduler;
import io.rigshare.payments.jobs.SchedulerSettings;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.payouts.Checkpoints;
import io.rigshare.payments.payouts.PayoutService;
import io.rigshare.payments.payouts.PayoutSettings;
import io.rigshare.protocol.verify.GpuCatalog;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class RigshareApplication extends Application<RigshareConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(RigshareApplication.class);

  public static void main(String[] args) throws Exception {
    new RigshareApplication().run(args);
  }

  @Override
  public String getName() {
    return "rigshare";
  }

  /** The time source for everything that expires; tests override it to move time. */
  protected Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public void initialize(Bootstrap<RigshareConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    configureJson(bootstrap.getObjectMapper());
    // config.yml keeps Jackson's lenient defaults (a quoted "8080" or an all-digit password must still load);
    // only request bodies get the strict mapper above.
    bootstrap.setConfigurationFactoryFactory(
        (klass, validator, mapper, prefix) ->
            new YamlConfigurationFactory<>(klass, validator, Jackson.newObjectMapper(), prefix));
    bootstrap.addBundle(new AssetsBundle("/ui", "/", "index.html", "ui"));
  }

  static void configureJson(ObjectMapper mapper) {
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // "address": 123 is a client bug, not a string: refuse scalar coercions.
    mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  @Override
  public void run(RigshareConfiguration config, Environment environment) throws IOException {
    Clock clock = clock();
    DatabaseUrl databaseUrl = database(config, environment);
    LOG.info("schema: {} migrations applied", Migrations.migrate(databaseUrl).migrationsExecuted);
    Jdbi jdbi = jdbi(config, environment, databaseUrl);

    ((DefaultServerFactory) config.getServerFactory()).setRegisterDefaultExceptionMappers(false);
    ((DefaultServerFactory) config.getServerFactory()).setJerseyRootPath("/api/*");
    JerseyEnvironment jersey = environment.jersey();
    registerErrorMappers(jersey, jdbi, clock);
    registerAccounts(config, jersey, jdbi, clock);
    Chain chain = Chain.open(config.getChain(), config.getDataDir());
    if (chain != null) {
      environment.lifecycle().manage(chain);
      environment.healthChecks().register("solana", chain.healthCheck());
    }
    jersey.register(new ChainResource(chain));
    Ledger ledger = new Ledger(jdbi, clock);
    environment.healthChecks().register("ledger", new LedgerHealthCheck(new LedgerCheck(jdbi)));
    Nodes nodes = registerNodes(config, environment, jdbi, databaseUrl, clock, ledger);
    registerPayments(config, environment, jdbi, databaseUrl, clock, ledger, chain, nodes.jobEvents());
    registerServlets(config, environment);

    ScheduledExecutorService scheduler =
        environment.lifecycle().scheduledExecutorService("housekeeping-%d").threads(1).build();
    scheduler.scheduleWithFixedDelay(new Housekeeping(jdbi, clock, nodes.telemetry()), 1, 10, TimeUnit.MINUTES);

    PrometheusRegistry prometheus = new PrometheusRegistry();
    DropwizardExports.builder().dropwizardRegistry(environment.metrics()).register(prometheus);
    environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(prometheus)).addMapping("/prometheus");
  }

  /** What the payments wiring needs from the node side. */
  private record Nodes(TelemetryService telemetry, JobEvents jobEvents) {}

  /**
   * Balances, deposits, withdrawals, earnings and payouts, and the clustered Quartz scheduler (its own small pool on
   * the same database) that settles jobs, watches deposits and pays out. Without a chain there are no deposits or
   * payouts; settlement still runs.
   */
  private static void registerPayments(RigshareConfiguration config, Environment environment, Jdbi jdbi,
      DatabaseUrl databaseUrl, Clock clock, Ledger ledger, Chain chain, JobEvents jobEvents) {
    PaymentsConfig pay = config.getPayments();
    EarningsService earnings = new EarningsService(jdbi, ledger, clock, pay.getSettlementBatch());
    DepositService deposits = null;
    PayoutService payouts = null;
    if (chain != null) {
      deposits = new DepositService(jdbi, ledger, chain.client(), new DepositSettings(pay.getMinDeposit(),
          pay.getMaxDeposit(), pay.getDepositTtl().toJavaDuration(), pay.getDepositWatchFor().toJavaDuration(),
          pay.getDepositLabel(), pay.getDepositMessage()), clock);
      payouts = new PayoutService(jdbi, ledger, chain.client(), new PayoutSettings(pay.getMinimumPayout(),
          pay.getMaxTransfersPerTransaction(), pay.getPayoutMemo(), pay.getConfirmTimeout().toJavaDuration(),
          pay.getMaxHostsPerRun()), clock, Checkpoints.NONE);
    }
    // A withdrawal asks the payout job to run now; the scheduler (if this instance runs one) is set below.
    AtomicReference<PaymentsScheduler> quartz = new AtomicReference<>();
    Money money = new Money(jdbi, ledger, chain == null ? null : chain.info(), deposits, payouts, earnings,
        jobEvents, () -> {
          PaymentsScheduler scheduler = quartz.get();
          if (scheduler != null) {
            scheduler.runNow(PaymentsScheduler.PAYOUTS);
          }
        }, clock);
    if (pay.isScheduler()) {
      DepositService watched = deposits;
      PayoutService paying = payouts;
      ManagedDataSource quartzPool = dataSource(databaseUrl, pay.getSchedulerThreads() + 2)
          .build(environment.metrics(), "quartz");
      environment.lifecycle().manage(quartzPool);
      PaymentsScheduler scheduler = new PaymentsScheduler(quartzPool, new SchedulerSettings("rigshare", "AUTO",
          pay.getSchedulerThreads(), pay.getEarningsEvery().toJavaDuration(), pay.getPayoutsEvery().toJavaDuration(),
          pay.getDepositsEvery().toJavaDuration(), pay.getSchedulerIdleWait().toJavaDuration(),
          pay.getClusterCheckinInterval().toJavaDuration()),
          earnings::settle,
          () -> {
            if (paying != null) {
              paying.run();
            }
          },
          () -> {
            // Credited deposits: jobs waiting for funds are matched now, not at their next funding retry.
            if (watched != null && watched.watch() > 0) {
              money.fundsChanged(null);
            }
          });
      quartz.set(scheduler);
      environment.lifecycle().manage(new Managed() {
        @Override
        public void start() {
          scheduler.start();
        }

        @Override
        public void stop() {
          scheduler.stop();
        }
      });
    }
    JerseyEnvironment jersey = environment.jersey();
    jersey.register(new DepositResource(money));
    jersey.register(new PayoutResource(money));
    jersey.register(new EarningsResource(money, clock));
    jersey.register(new AdminResource(pay.operatorWallets(), jdbi, money, chain));
  }

  private static void registerErrorMappers(JerseyEnvironment jersey, Jdbi jdbi, Clock clock) {
    jersey.register(new ApiExceptionMapper());
    jersey.register(new JsonErrorMapper());
    jersey.register(new ViolationMapper());
    jersey.register(new WebErrorMapper());
    jersey.register(new UnexpectedErrorMapper(jdbi, clock));
  }

  /** Sign-in, sessions and node tokens. */
  private static void registerAccounts(RigshareConfiguration config, JerseyEnvironment jersey, Jdbi jdbi, Clock clock) {
    AuthService auth = new AuthService(jdbi, config.getAuth(), config.publicUri(), config.siwsDomain(), clock);
    NodeTokenService nodeTokens = new NodeTokenService(jdbi, config.getNodeTokens(), config.publicUri(), clock);
    RateLimiter limiter = new RateLimiter(clock);
    ClientIp clientIp = new ClientIp(config.getRateLimits().getClientIpHeader());
    BearerAuth.register(jersey, auth);
    jersey.register(new AuthResource(
        auth, limiter, config.getRateLimits(), clientIp, config.getPayments().operatorWallets()));
    jersey.register(new NodeTokenResource(nodeTokens, limiter, config.getRateLimits(), clientIp));
  }

  /**
   * The agent gateway, node and job events across instances (LISTEN/NOTIFY), the job dispatcher, and the node, job
   * and queue REST APIs.
   */
  private static Nodes registerNodes(RigshareConfiguration config, Environment environment, Jdbi jdbi,
      DatabaseUrl databaseUrl, Clock clock, Ledger ledger) {
    AgentGatewayConfig gatewayConfig = config.getAgentGateway();
    Notifications notifications = new Notifications(jdbi, databaseUrl);
    NodeEvents events = new NodeEvents(notifications);
    JobEvents jobEvents = new JobEvents(notifications);
    NodeService nodes = new NodeService(jdbi, clock, events);
    JobBilling billing = new JobBilling(ledger, config.getPayments().getPlatformFeeBps(),
        config.getPayments().getFundingRetry().toJavaDuration());
    JobService jobs = new JobService(jdbi, config.getJobs(), clock, jobEvents, billing);
    Dispatcher dispatcher = new Dispatcher(jobs);
    LogFollowers followers = new LogFollowers(config.getJobs().getMaxFollowers());
    TelemetryService telemetry = new TelemetryService(
        jdbi, clock, gatewayConfig.getHeartbeatInterval(), gatewayConfig.getTelemetryRetention());
    Pricing pricing = new Pricing(config.getPricing());
    VerificationService verification =
        new VerificationService(jdbi, clock, config.getVerification(), pricing, GpuCatalog.standard());
    AgentGateway gateway = new AgentGateway(gatewayConfig, nodes, jobs, jobEvents, verification,
        config.siwsDomain(), environment.metrics(), jdbi, Tls.context(gatewayConfig.getTls()));
    gateway.verifyEvery(config.getVerification().getSweepInterval());
    events.addListener(gateway);
    jobEvents.addListener(gateway);
    jobEvents.addListener(dispatcher);
    jobEvents.addListener(followers);
    // Whatever was missed while the listener was down: a matching pass, and resends by the gateway's timer.
    notifications.onReconnect(dispatcher::wake);
    nodes.onCapacityChanged(jobEvents::queued);
    environment.lifecycle().manage(notifications);
    environment.lifecycle().manage(gateway);
    environment.lifecycle().manage(dispatcher);
    ReliabilityJob reliability = new ReliabilityJob(jdbi, clock);
    MarketService market = new MarketService(jdbi, pricing, reliability);
    environment.lifecycle().scheduledExecutorService("reliability-%d").threads(1).build()
        .scheduleWithFixedDelay(reliability, 1, 5, TimeUnit.MINUTES);
    environment.jersey().register(new NodeResource(nodes, telemetry, jobs, market));
    OfferSummaries summaries = new OfferSummaries(jdbi, clock);
    // Off the request path: one refresher thread per instance; requests read the last summary.
    environment.lifecycle().scheduledExecutorService("offers-summary-%d").threads(1).build()
        .scheduleWithFixedDelay(summaries::refresh, 5, 5, TimeUnit.SECONDS);
    environment.jersey().register(new OfferResource(new OfferService(jdbi), summaries));
    environment.jersey().register(new JobResource(jobs, followers, environment.getObjectMapper()));
    environment.jersey().register(new QueueResource(jobs));
    environment.jersey().register(new AgentConfigResource(
        () -> agentUrl(config, gateway), config.siwsDomain(),
        (int) gatewayConfig.getHeartbeatInterval().toSeconds(), clock));
    return new Nodes(telemetry, jobEvents);
  }

  /** What is served outside /api: the installer and agent download, the body limit, the web app's deep links. */
  private static void registerServlets(RigshareConfiguration config, Environment environment) {
    environment.servlets()
        .addServlet("install", new InstallServlet(config.publicUri()))
        .addMapping("/install.sh", "/downloads/*");
    environment
        .servlets()
        .addFilter("body-limit", new BodyLimitFilter(config.getMaxRequestBytes(), environment.getObjectMapper()))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/*");
    environment
        .servlets()
        .addFilter("spa-fallback", new SpaFallbackFilter())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
  }

  /** The agent WebSocket URL: configured, or derived from the public URL's host and the gateway's real port. */
  static String agentUrl(RigshareConfiguration config, AgentGateway gateway) {
    if (!config.getAgentGateway().getPublicUrl().isEmpty()) {
      return config.getAgentGateway().getPublicUrl();
    }
    String scheme = gateway.tls() ? "wss" : "ws";
    return scheme + "://" + config.publicUri().getHost() + ":" + gateway.port() + "/agent/v1";
  }

  private static DatabaseUrl database(RigshareConfiguration config, Environment environment) throws IOException {
    var db = config.getDatabase();
    if (!db.getUrl().isEmpty()) {
      return DatabaseUrl.parse(db.getUrl(), db.getUser(), db.getPassword());
    }
    EmbeddedDatabase embedded = new EmbeddedDatabase(config.getDataDir().resolve("pg"));
    DatabaseUrl url = embedded.startNow();
    environment.lifecycle().manage(embedded);
    return url;
  }

  private static DataSourceFactory dataSource(DatabaseUrl url, int maxSize) {
    DataSourceFactory dataSource = new DataSourceFactory();
    dataSource.setDriverClass("org.postgresql.Driver");
    dataSource.setUrl(url.jdbcUrl());
    dataSource.setUser(url.user());
    dataSource.setPassword(url.password());
    dataSource.setMaxSize(maxSize);
    dataSource.setMinSize(Math.min(2, maxSize));
    dataSource.setInitialSize(Math.min(2, maxSize));
    dataSource.setValidationQuery("/* rigshare health */ SELECT 1");
    return dataSource;
  }

  private static Jdbi jdbi(RigshareConfiguration config, Environment environment, DatabaseUrl url) {
    DataSourceFactory dataSource = dataSource(url, config.getDatabase().getMaxPoolSize());
    Jdbi jdbi = new JdbiFactory().build(environment, dataSource, "postgresql");
    // JDBI's own engine caches each statement's parse; Dropwizard's name-prepending wrapper re-parses the text on
    // every execution, which profiling showed as the largest single cost of a job's dispatch.
    jdbi.setTemplateEngine(new DefinedAttributeTemplateEngine());
    return jdbi;
  }
}
