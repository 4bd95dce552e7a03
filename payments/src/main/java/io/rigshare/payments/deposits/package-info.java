/**
 * Buyer deposits through Solana Pay transfer requests. {@link io.rigshare.payments.deposits.DepositService#create}
 * issues a request with a fresh reference key; {@link io.rigshare.payments.deposits.DepositService#watch} looks for
 * the transaction that carries it and credits the buyer's ledger account exactly once, or rejects the deposit when
 * the payment does not match the request.
 */
package io.rigshare.payments.deposits;
