// Balances, deposits, withdrawals, earnings and payouts. Every amount here is a JSON string of
// base-unit digits (it may exceed 2^53); read it with `toBaseUnits` into a BigInt.

export interface Balance {
  wallet: string;
  available: string;
  /** Held for queued and running jobs. */
  escrowed: string;
  earnings: { pending: string; inFlight: string; paid: string };
  mint: string;
  decimals: number;
}

export type DepositStatus = 'pending' | 'credited' | 'rejected';

export interface Deposit {
  id: string;
  amount: string;
  status: DepositStatus;
  /** A pending deposit past `expiresAt`: a payment now is no longer matched to it. */
  expired: boolean;
  /** Base58 public key to add to the transfer, by which the server finds the payment. */
  reference: string;
  /** The wallet that receives it (the treasury's owner address). */
  recipient: string;
  mint: string;
  decimals: number;
  /** The Solana Pay transfer request URL. */
  url: string;
  memo: string;
  signature: string | null;
  reason: string | null;
  createdAt: string;
  expiresAt: string;
  creditedAt: string | null;
}

export type WithdrawalStatus = 'pending' | 'sending' | 'confirmed' | 'failed';

export interface Withdrawal {
  id: string;
  amount: string;
  status: WithdrawalStatus;
  signature: string | null;
  explorerUrl: string | null;
  createdAt: string;
  confirmedAt: string | null;
  error: string | null;
}

export interface ListPage<T> {
  items: T[];
  hasMore: boolean;
}

export type EarningsGroup = 'day' | 'node';

export interface EarningsFigures {
  jobs: number;
  billedSeconds: number;
  earned: string;
  pending: string;
  paid: string;
}

export interface EarningsRow extends EarningsFigures {
  /** A date (YYYY-MM-DD) or a node id. */
  key: string;
  /** A date or a node's name. */
  label: string;
}

export interface Earnings {
  from: string;
  to: string;
  groupBy: EarningsGroup;
  rows: EarningsRow[];
  totals: EarningsFigures;
}

export type PayoutStatus = 'planned' | 'signed' | 'sent' | 'confirmed' | 'failed';

export interface Payout {
  id: string;
  kind: 'earnings' | 'withdrawal';
  amount: string;
  status: PayoutStatus;
  signature: string | null;
  explorerUrl: string | null;
  createdAt: string;
  confirmedAt: string | null;
  error: string | null;
}

/** What the job's escrow became; amounts are base-unit strings. */
export interface JobBilling {
  escrow: string;
  /** Null (as are `fee`, `refund` and `billedSeconds`) while escrow is held and the job is not billed yet. */
  charge: string | null;
  fee: string | null;
  refund: string | null;
  billedSeconds: number | null;
  settled: boolean;
}

/** Why a queued job is not matched yet, e.g. `INSUFFICIENT_BALANCE`. */
export interface JobWaiting {
  code: string;
  message: string;
}
