package io.rigshare.payments.jobs;

import org.quartz.DisallowConcurrentExecution;

/** Plans, sends and confirms host payouts. One run at a time across the cluster. */
@DisallowConcurrentExecution
final class PayoutJob extends TaskJob {
  PayoutJob(Runnable task) {
    super(task);
  }
}
