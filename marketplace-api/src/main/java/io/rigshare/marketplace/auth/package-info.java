/** Sign-In With Solana, bearer sessions, and the secrets behind them. */
package io.rigshare.marketplace.auth;
