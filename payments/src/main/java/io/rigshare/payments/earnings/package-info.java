/**
 * Billing and host earnings: the billing rule ({@link io.rigshare.payments.earnings.Billing}), settlement of ended
 * jobs' charges into the ledger exactly once ({@link io.rigshare.payments.earnings.EarningsService#settle()}), and a
 * host's earnings report with paid and pending amounts.
 */
package io.rigshare.payments.earnings;
