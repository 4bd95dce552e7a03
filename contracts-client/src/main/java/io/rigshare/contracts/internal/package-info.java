/**
 * The implementation behind {@code io.rigshare.contracts}: solanaj builds and serializes messages here and nowhere
 * else; JSON-RPC goes through our own {@link io.rigshare.contracts.internal.JsonRpc} so that error codes, preflight
 * logs and {@code err} fields survive (solanaj drops them or fails on real answers). Not an API: other modules use
 * the public package only.
 */
package io.rigshare.contracts.internal;
