/** Keys, signatures and encodings shared by the agent and the API: ed25519, base58, Solana CLI keypair files. */
package io.rigshare.protocol.crypto;
