/**
 * Test support shared with other modules through contracts-client's test-jar: the local Solana runtime started in a
 * temporary directory, with its test-only RPC methods (faucet, blockhash expiry, dropped transactions).
 */
package io.rigshare.contracts.testing;
