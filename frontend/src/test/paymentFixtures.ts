/** Payments as the API contract gives them: amounts are base-unit digit strings. */
import { NODE_KEY } from './jobFixtures';

export const DEPOSIT_ID = 'd0000000-0000-4000-8000-000000000001';
export const REFERENCE = 'B26KvhfQbSRbj3N7ybpvAJC4nvejRX4PHDwV2ZLQDsHR';
export const TX_SIGNATURE =
  '3AsdoALgZFuq2oUVWrDYhg2pNeaLJKPLf8hU2mQ6U8qJxeJ6hsrPVpzQ7g6mCDqUVkS8Y5bmUpVvbMpGqrBEWD8c';
export const MINT = 'So11111111111111111111111111111111111111112';

export function balance(overrides: Record<string, unknown> = {}) {
  return {
    wallet: 'x',
    available: '12500000',
    escrowed: '2000000',
    earnings: { pending: '750000', inFlight: '0', paid: '31000000' },
    mint: MINT,
    decimals: 6,
    ...overrides,
  };
}

export function deposit(overrides: Record<string, unknown> = {}) {
  return {
    id: DEPOSIT_ID,
    amount: '25000000',
    status: 'pending',
    expired: false,
    reference: REFERENCE,
    recipient: NODE_KEY,
    mint: MINT,
    decimals: 6,
    url: `solana:${NODE_KEY}?amount=25&spl-token=${MINT}&reference=${REFERENCE}&label=Rigshare&memo=rigshare%3Adeposit%3A1`,
    memo: 'rigshare:deposit:1',
    signature: null,
    reason: null,
    createdAt: new Date(Date.now() - 5_000).toISOString(),
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    creditedAt: null,
    ...overrides,
  };
}

export function withdrawal(overrides: Record<string, unknown> = {}) {
  return {
    id: 'w0000000-0000-4000-8000-000000000001',
    amount: '5000000',
    status: 'confirmed',
    signature: TX_SIGNATURE,
    explorerUrl: `https://explorer.solana.com/tx/${TX_SIGNATURE}?cluster=devnet`,
    createdAt: new Date(Date.now() - 3600_000).toISOString(),
    confirmedAt: new Date(Date.now() - 3590_000).toISOString(),
    error: null,
    ...overrides,
  };
}

export function payout(overrides: Record<string, unknown> = {}) {
  return {
    id: 'p0000000-0000-4000-8000-000000000001',
    kind: 'earnings',
    amount: '1480000',
    status: 'confirmed',
    signature: TX_SIGNATURE,
    explorerUrl: null,
    createdAt: new Date(Date.now() - 86_400_000).toISOString(),
    confirmedAt: new Date(Date.now() - 86_000_000).toISOString(),
    error: null,
    ...overrides,
  };
}

export const list = (items: unknown[], hasMore = false) => ({ items, hasMore });
