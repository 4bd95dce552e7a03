/**
 * Rigshare's view of Solana: SPL token payouts signed locally and sent exactly once, signature statuses, balances
 * and Solana Pay deposits. Only our own interfaces, records and exceptions live here; solanaj stays behind them in
 * {@code io.rigshare.contracts.internal} so it can be swapped. Amounts are integer base units ({@link TokenAmount}),
 * never floating point. Every failure is a {@link ContractsException}; RPC errors keep their JSON-RPC code
 * ({@link SolanaRpcException}).
 */
package io.rigshare.contracts;
