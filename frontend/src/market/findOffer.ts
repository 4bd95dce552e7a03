import { ApiError, type HttpClient, type Offer } from '../api';

/**
 * The offer of one node (`GET /api/offers/{id}`). Null when the node is not listed now: offline, fully busy,
 * unverified or unknown.
 */
export async function findOffer(
  http: HttpClient,
  nodeId: string,
  signal?: AbortSignal,
): Promise<Offer | null> {
  try {
    return await http.request<Offer>('GET', `/api/offers/${encodeURIComponent(nodeId)}`, {
      signal,
    });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
