import type { AdminError, AdminNode, AdminPayoutBatch, LedgerCheck } from './adminTypes';
import type { HttpClient } from './http';
import type { ListPage } from './paymentTypes';

export const ADMIN_NODES_PAGE_SIZE = 50;

/** Every node, any owner; operators only (others get 403). */
export function listAdminNodes(
  http: HttpClient,
  {
    state,
    offset = 0,
    limit = ADMIN_NODES_PAGE_SIZE,
  }: { state?: string; offset?: number; limit?: number },
  signal?: AbortSignal,
): Promise<ListPage<AdminNode>> {
  const query = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (state) query.set('state', state);
  return http.request('GET', `/api/admin/nodes?${query}`, { signal });
}

export function listAdminPayouts(
  http: HttpClient,
  signal?: AbortSignal,
): Promise<{ items: AdminPayoutBatch[] }> {
  return http.request('GET', '/api/admin/payouts', { signal });
}

export function getLedgerCheck(http: HttpClient, signal?: AbortSignal): Promise<LedgerCheck> {
  return http.request<LedgerCheck>('GET', '/api/admin/ledger/check', { signal });
}

export function listAdminErrors(
  http: HttpClient,
  signal?: AbortSignal,
): Promise<{ items: AdminError[] }> {
  return http.request('GET', '/api/admin/errors', { signal });
}
