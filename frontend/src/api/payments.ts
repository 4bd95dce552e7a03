import type { HttpClient } from './http';
import type {
  Balance,
  Deposit,
  Earnings,
  EarningsGroup,
  ListPage,
  Payout,
  Withdrawal,
} from './paymentTypes';

export const HISTORY_PAGE_SIZE = 20;

const depositPath = (id: string) => `/api/deposits/${encodeURIComponent(id)}`;
const pageQuery = (limit: number, offset: number) => `limit=${limit}&offset=${offset}`;

export function getBalance(http: HttpClient, signal?: AbortSignal): Promise<Balance> {
  return http.request<Balance>('GET', '/api/balance', { signal });
}

/** Opens a deposit of `amount` base units: a Solana Pay request valid until its `expiresAt`. */
export function createDeposit(http: HttpClient, amount: bigint): Promise<Deposit> {
  return http.request<Deposit>('POST', '/api/deposits', { body: { amount: amount.toString() } });
}

export function getDeposit(http: HttpClient, id: string, signal?: AbortSignal): Promise<Deposit> {
  return http.request<Deposit>('GET', depositPath(id), { signal });
}

/** Asks the server to look for the deposit's payment on chain now, and answers the deposit. */
export function checkDeposit(http: HttpClient, id: string, signal?: AbortSignal): Promise<Deposit> {
  return http.request<Deposit>('POST', `${depositPath(id)}/check`, { signal });
}

export function listDeposits(
  http: HttpClient,
  offset = 0,
  signal?: AbortSignal,
  limit = HISTORY_PAGE_SIZE,
): Promise<ListPage<Deposit>> {
  return http.request('GET', `/api/deposits?${pageQuery(limit, offset)}`, { signal });
}

/** Asks for `amount` base units of the available balance to be sent to the wallet. */
export function createWithdrawal(http: HttpClient, amount: bigint): Promise<Withdrawal> {
  return http.request<Withdrawal>('POST', '/api/withdrawals', {
    body: { amount: amount.toString() },
  });
}

export function listWithdrawals(
  http: HttpClient,
  offset = 0,
  signal?: AbortSignal,
  limit = HISTORY_PAGE_SIZE,
): Promise<ListPage<Withdrawal>> {
  return http.request('GET', `/api/withdrawals?${pageQuery(limit, offset)}`, { signal });
}

export interface EarningsRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

const earningsQuery = ({ from, to }: EarningsRange, groupBy: EarningsGroup) =>
  new URLSearchParams({ from, to, groupBy }).toString();

export function getEarnings(
  http: HttpClient,
  range: EarningsRange,
  groupBy: EarningsGroup,
  signal?: AbortSignal,
): Promise<Earnings> {
  return http.request<Earnings>('GET', `/api/earnings?${earningsQuery(range, groupBy)}`, {
    signal,
  });
}

export function listPayouts(
  http: HttpClient,
  offset = 0,
  signal?: AbortSignal,
  limit = HISTORY_PAGE_SIZE,
): Promise<ListPage<Payout>> {
  return http.request('GET', `/api/payouts?${pageQuery(limit, offset)}`, { signal });
}

/** The CSV export paths; they need the bearer token, so they are fetched, not linked. */
export const earningsCsvPath = (range: EarningsRange, groupBy: EarningsGroup) =>
  `/api/earnings/export.csv?${earningsQuery(range, groupBy)}`;
export const PAYOUTS_CSV_PATH = '/api/payouts/export.csv';

/** Fetches a CSV export with the session's token. */
export async function fetchCsv(http: HttpClient, path: string): Promise<Blob> {
  const response = await http.open('GET', path, { headers: { Accept: 'text/csv' } });
  return response.blob();
}
