import { orNotFound, type HttpClient, type Offer } from '../api';

/**
 * The offer of one node (`GET /api/offers/{id}`). Null when the node is not listed now: offline, fully busy,
 * unverified or unknown.
 */
export async function findOffer(
  http: HttpClient,
  nodeId: string,
  signal?: AbortSignal,
): Promise<Offer | null> {
  return orNotFound(
    http.request<Offer>('GET', `/api/offers/${encodeURIComponent(nodeId)}`, { signal }),
  );
}
