package io.rigshare.payments.jobs;

import org.quartz.DisallowConcurrentExecution;

/** Settles ended jobs' charges into host earnings ({@code EarningsService.settle}). One run at a time across the cluster. */
@DisallowConcurrentExecution
final class EarningsJob extends TaskJob {
  EarningsJob(Runnable task) {
    super(task);
  }
}
