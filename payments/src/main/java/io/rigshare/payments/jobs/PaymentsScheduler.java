package io.rigshare.payments.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The payments jobs on Quartz's clustered JDBC job store (tables {@code qrtz_*}, migration V8) in the application's
 * own PostgreSQL: every API instance runs one, and together they form one Quartz cluster, so each fire of a job runs
 * on one instance only, and a dead instance's work is taken over after {@code clusterCheckinInterval}.
 *
 * <p>Three jobs, each a thin wrapper around a task the caller supplies: {@link #EARNINGS} (settle), {@link #PAYOUTS}
 * and {@link #DEPOSITS}. Each has exactly one trigger, and none runs concurrently with itself anywhere in the cluster. Missed fires (all instances down,
 * or a run longer than the interval) are skipped, not caught up: each task does all outstanding work when it runs, and
 * is idempotent, so an extra run is harmless. A task's exception is logged and the job runs again at its next fire.
 *
 * <p>{@link #start()} (re)registers the jobs and their triggers idempotently, so instances may start concurrently; a
 * changed interval replaces the trigger. Not Dropwizard-aware: marketplace-api wraps it in a {@code Managed}.
 *
 * <p>Each instance builds its own Quartz scheduler, even when several share a name in one JVM (Quartz's
 * factory would otherwise hand back the first one): give them distinct instance ids.
 */
public final class PaymentsScheduler {
  public static final String EARNINGS = "earnings";
  public static final String PAYOUTS = "payouts";
  public static final String DEPOSITS = "deposits";

  private static final String GROUP = "payments";
  private static final Object FACTORY_LOCK = new Object();
  private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

  private final SchedulerSettings settings;
  private final Map<String, Runnable> tasks;
  private final Map<String, Duration> intervals;
  private final Scheduler scheduler;

  /**
   * Builds the scheduler (nothing runs before {@link #start()}). Connections come from {@code dataSource}, one per
   * job-store operation, and are closed after use: pass a pooled one in production.
   *
   * @throws IllegalStateException if Quartz refuses the configuration
   */
  public PaymentsScheduler(
      DataSource dataSource, SchedulerSettings settings, Runnable settle, Runnable payouts, Runnable deposits) {
    Objects.requireNonNull(dataSource, "dataSource");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tasks = Map.of(
        EARNINGS, Objects.requireNonNull(settle, "settle"),
        PAYOUTS, Objects.requireNonNull(payouts, "payouts"),
        DEPOSITS, Objects.requireNonNull(deposits, "deposits"));
    this.intervals = Map.of(
        EARNINGS, settings.earningsEvery(), PAYOUTS, settings.payoutsEvery(), DEPOSITS, settings.depositsEvery());
    String dataSourceName = "rigshare-payments-" + DATA_SOURCES.incrementAndGet();
    DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new Provider(dataSource));
    try {
      synchronized (FACTORY_LOCK) {
        scheduler = new StdSchedulerFactory(properties(settings, dataSourceName)).getScheduler();
        // Out of Quartz's JVM-wide registry, so the next instance with this name gets a scheduler of its own.
        SchedulerRepository.getInstance().remove(settings.schedulerName());
      }
      scheduler.setJobFactory((bundle, s) -> job(bundle.getJobDetail().getKey().getName()));
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not build the payments scheduler", e);
    }
  }

  private static Properties properties(SchedulerSettings s, String dataSourceName) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", s.schedulerName());
    p.setProperty("org.quartz.scheduler.instanceId", s.instanceId());
    p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(s.idleWait().toMillis()));
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(s.threadCount()));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(s.clusterCheckinInterval().toMillis()));
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    return p;
  }

  private TaskJob job(String name) {
    Runnable task = tasks.get(name);
    if (task == null) {
      throw new IllegalStateException("no payments task named " + name);
    }
    Function<Runnable, TaskJob> make = switch (name) {
      case EARNINGS -> EarningsJob::new;
      case PAYOUTS -> PayoutJob::new;
      default -> DepositWatcherJob::new;
    };
    return make.apply(task);
  }

  /** Registers the jobs and triggers (idempotently) and starts running them. */
  public void start() {
    try {
      register(EARNINGS, EarningsJob.class, intervals.get(EARNINGS));
      register(PAYOUTS, PayoutJob.class, intervals.get(PAYOUTS));
      register(DEPOSITS, DepositWatcherJob.class, intervals.get(DEPOSITS));
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not start the payments scheduler", e);
    }
  }

  private void register(String name, Class<? extends TaskJob> type, Duration every) throws SchedulerException {
    JobDetail job = JobBuilder.newJob(type).withIdentity(name, GROUP).storeDurably().build();
    scheduler.addJob(job, true);
    SimpleTrigger trigger = trigger(name, every, new Date());
    Trigger existing = scheduler.getTrigger(trigger.getKey());
    if (existing == null) {
      try {
        scheduler.scheduleJob(trigger);
      } catch (ObjectAlreadyExistsException startedConcurrently) {
        // Another instance registered it between our look and our write: the same trigger, keep theirs.
      }
    } else if (!(existing instanceof SimpleTrigger simple) || simple.getRepeatInterval() != every.toMillis()) {
      scheduler.rescheduleJob(trigger.getKey(), trigger);
    }
  }

  /** The one trigger of a job: every {@code every} from {@code start}, missed fires skipped. */
  private static SimpleTrigger trigger(String name, Duration every, Date start) {
    return TriggerBuilder.newTrigger()
        .withIdentity(name, GROUP)
        .forJob(name, GROUP)
        .startAt(start)
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withIntervalInMilliseconds(every.toMillis())
            .repeatForever()
            .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }

  /**
   * Asks for a run of {@code job} ({@link #EARNINGS}, {@link #PAYOUTS} or {@link #DEPOSITS}) now, on whichever
   * instance is free first; if it is running, right after. Its schedule restarts from now. This moves the job's one
   * trigger rather than adding a one-off trigger: Quartz keeps a job from running twice at once only among triggers
   * one instance acquires, and a second trigger taken by another instance would run beside the first (seen in
   * {@code PaymentsSchedulerIntegrationTest}).
   *
   * @throws IllegalArgumentException for an unknown job name
   */
  public void runNow(String job) {
    Duration every = intervals.get(job);
    if (every == null) {
      throw new IllegalArgumentException("no payments job named " + job);
    }
    try {
      scheduler.rescheduleJob(new TriggerKey(job, GROUP), trigger(job, every, new Date()));
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not trigger payments job " + job, e);
    }
  }

  /** Stops taking new fires and waits for running jobs to finish. The scheduler cannot be started again. */
  public void stop() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not stop the payments scheduler", e);
    }
  }

  /** Hands Quartz connections from the application's DataSource; the DataSource's owner closes it. */
  private record Provider(DataSource dataSource) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }
}
