package io.rigshare.payments.jobs;

import java.util.Objects;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin Quartz job: runs its task and logs what the task throws, so a failing run never reaches Quartz (which would
 * otherwise log it as an error of its own) and the next fire runs as scheduled. The task is a service call that is
 * safe to run twice: every payments task is idempotent.
 */
abstract class TaskJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(TaskJob.class);
  private final Runnable task;

  TaskJob(Runnable task) {
    this.task = Objects.requireNonNull(task, "task");
  }

  @Override
  public final void execute(JobExecutionContext context) {
    String name = context.getJobDetail().getKey().getName();
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("payments job {} failed; it runs again at its next fire", name, e);
    }
  }
}
