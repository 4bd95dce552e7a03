/**
 * The double-entry ledger: every movement of money inside Rigshare is one balanced, immutable {@link
 * io.rigshare.payments.ledger.Transfer} with a caller-supplied unique id.
 *
 * <p>Sign convention. An {@link io.rigshare.payments.ledger.Entry}'s amount (token base units, a {@code long}) is
 * added to its account's balance: positive means the account now holds more. A transfer's entries sum to zero, so
 * the balances of all accounts sum to zero at every commit. Money enters and leaves the system through the {@code
 * treasury}, the mirror of the on-chain pool and the only account allowed below zero: a deposit is {@code treasury
 * -x, buyer +x}, a confirmed payout is {@code payouts_in_flight -x, treasury +x}. So {@code -treasury} is what the
 * platform owes to buyers, their escrows, hosts and itself, and it can never be below zero because every other account
 * is non-negative.
 *
 * <p>Guarantees, each held by PostgreSQL as well as by this code (migrations {@code V3__ledger.sql} and {@code
 * V7__billing.sql}): a transfer's entries are all inserted by one statement and sum to zero (statement-level trigger,
 * plus a deferred check at commit that every transfer has entries), balances follow entries in the same statement
 * (the same trigger) and stay non-negative except the treasury (check constraint), history is append-only (triggers
 * refuse UPDATE, DELETE and TRUNCATE). Corrections are new transfers that reverse an earlier one ({@link
 * io.rigshare.payments.ledger.Ledger#correct}). {@link io.rigshare.payments.ledger.LedgerCheck} re-verifies it all
 * from the rows, for tests and the health check.
 */
package io.rigshare.payments.ledger;
