/**
 * Starting the local Solana runtime ({@code contracts-client/localnet}, litesvm behind our JSON-RPC server) as a
 * child process, for tests and for the one-command demo.
 */
package io.rigshare.contracts.localnet;
