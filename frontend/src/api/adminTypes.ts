// The operator's views (GET /api/admin/...). Amounts are base-unit digit strings.

export interface LedgerCheck {
  ok: boolean;
  accounts: number;
  transfers: number;
  /** The sum over all ledger accounts; "0" when balanced. */
  sum: string;
  problems: string[];
  /** The treasury's token balance on chain; null when the chain could not be read. */
  treasuryOnChain: string | null;
  /** What the marketplace owes its users. */
  liabilities: string;
}

export interface AdminPayoutBatch {
  batchId: string;
  status: string;
  /** Payouts in the batch. */
  items: number;
  amount: string;
  signature: string | null;
  attempts: number;
  updatedAt: string;
  error: string | null;
}

export interface AdminNode {
  id: string;
  name: string;
  owner: string;
  state: string;
  verification: string;
  gpuModel: string | null;
  gpuCount: number;
  lastSeenAt: string | null;
}

export interface AdminError {
  at: string;
  source: string;
  message: string;
}
