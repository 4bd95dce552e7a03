import { WALLET_ADDRESS } from './harness';

export const CHALLENGE_MESSAGE = `localhost:8080 wants you to sign in with your Solana account:
${WALLET_ADDRESS}

Sign in to Rigshare.

URI: http://localhost:8080
Version: 1
Chain ID: devnet
Nonce: n0nce123
Issued At: 2026-03-01T12:00:00Z
Expiration Time: 2026-03-01T12:05:00Z`;

export function challenge(address = WALLET_ADDRESS) {
  return {
    message: CHALLENGE_MESSAGE,
    nonce: 'n0nce123',
    expiresAt: '2026-03-01T12:05:00Z',
    input: {
      domain: 'localhost:8080',
      address,
      statement: 'Sign in to Rigshare.',
      uri: 'http://localhost:8080',
      version: '1',
      chainId: 'devnet',
      nonce: 'n0nce123',
      issuedAt: '2026-03-01T12:00:00Z',
      expirationTime: '2026-03-01T12:05:00Z',
    },
  };
}

/** A session that ends a day from now (the app forgets expired ones). */
export function sessionFor(address = WALLET_ADDRESS, token = 'session-token-1') {
  return {
    token,
    address,
    expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
  };
}

export function storeSession(session: ReturnType<typeof sessionFor>) {
  window.localStorage.setItem('rigshare.session', JSON.stringify(session));
}
