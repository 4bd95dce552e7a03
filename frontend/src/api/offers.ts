import type { HttpClient } from './http';
import type { OfferFilter, OfferPage, OfferSort, OfferSummary } from './offerTypes';

export const OFFERS_PAGE_SIZE = 25;

export interface OfferQuery extends OfferFilter {
  sort?: OfferSort;
  /** From 0; offsets reach only the first 10,000 offers. Not with `after`. */
  page?: number;
  /** The previous page's `next`: the page after it, at any depth. */
  after?: string;
  size?: number;
}

/** One page of the public marketplace; filters left out (or blank) do not narrow it. */
export function listOffers(
  http: HttpClient,
  query: OfferQuery,
  signal?: AbortSignal,
): Promise<OfferPage> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return http.request<OfferPage>('GET', `/api/offers${qs ? `?${qs}` : ''}`, {
    auth: false,
    signal,
  });
}

/** Per-model counts and price ranges of the listed nodes; public. */
export function getOfferSummary(http: HttpClient, signal?: AbortSignal): Promise<OfferSummary> {
  return http.request<OfferSummary>('GET', '/api/offers/summary', { auth: false, signal });
}
