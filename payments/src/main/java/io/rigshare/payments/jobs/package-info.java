/**
 * The payments jobs on a clustered Quartz scheduler ({@link io.rigshare.payments.jobs.PaymentsScheduler}): thin
 * wrappers that call the services' idempotent tasks (settlement, payouts, deposits) on one instance at a time.
 */
package io.rigshare.payments.jobs;
