/**
 * Exactly-once payouts of host earnings and buyer withdrawals in SPL tokens. {@link
 * io.rigshare.payments.payouts.PayoutService#run} plans batches (one transaction each), then for each batch signs,
 * records the signed bytes, sends, awaits the outcome and posts it to the ledger. Every step is recorded before the
 * next one starts, so a run that dies anywhere is finished by the next run without paying anyone twice or skipping
 * anyone. {@link io.rigshare.payments.payouts.Checkpoints} marks the steps for crash tests.
 */
package io.rigshare.payments.payouts;
