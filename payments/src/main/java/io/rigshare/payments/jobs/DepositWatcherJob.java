package io.rigshare.payments.jobs;

import org.quartz.DisallowConcurrentExecution;

/** Credits buyers' deposits seen on chain. One run at a time across the cluster. */
@DisallowConcurrentExecution
final class DepositWatcherJob extends TaskJob {
  DepositWatcherJob(Runnable task) {
    super(task);
  }
}
