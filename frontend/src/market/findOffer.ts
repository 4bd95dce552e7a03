import { listOffers, type HttpClient, type Offer } from '../api';

const PAGE_SIZE = 100;
/** 2,000 offers: past that the marketplace needs a per-offer endpoint, not a scan. */
const MAX_PAGES = 20;

/**
 * The offer of one node, found by reading the marketplace's pages (there is no per-offer endpoint).
 * Null when the node is not listed now: offline, fully busy, unverified or unknown.
 */
export async function findOffer(
  http: HttpClient,
  nodeId: string,
  signal?: AbortSignal,
): Promise<Offer | null> {
  const wanted = nodeId.toLowerCase();
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await listOffers(http, { sort: 'pricePerUnit', page, size: PAGE_SIZE }, signal);
    const offer = result.items.find((o) => o.id.toLowerCase() === wanted);
    if (offer) return offer;
    if (!result.hasMore) return null;
  }
  return null;
}
