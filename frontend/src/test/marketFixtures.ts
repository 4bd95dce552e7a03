/** Offers as docs/openapi.yaml documents them (`Offer`, `OfferPage`, `OfferSummary`). */
export const OFFER_ID = '10000000-0000-4000-8000-000000000001';
export const H100_ID = '10000000-0000-4000-8000-000000000002';

export function offer(overrides: Record<string, unknown> = {}) {
  return {
    id: OFFER_ID,
    gpuModel: 'NVIDIA GeForce RTX 4090',
    gpuCount: 2,
    freeGpus: 1,
    vramMib: 24564,
    score: 1850,
    pricePerGpuHour: 740000,
    pricePerHour: 1480000,
    pricePerScoreUnitHour: '400.0000',
    reliability: 9712,
    region: 'eu-west',
    verifiedAt: '2026-03-01T11:00:00.000Z',
    ...overrides,
  };
}

export const H100_OFFER = offer({
  id: H100_ID,
  gpuModel: 'NVIDIA H100 80GB HBM3',
  gpuCount: 8,
  freeGpus: 8,
  vramMib: 81559,
  score: 6100,
  pricePerGpuHour: 2440000,
  pricePerHour: 19520000,
  reliability: null,
  region: null,
});

/** A cursor as the API writes them (base64url of `sort|key|id`), after the offer `id`. */
export function cursorAfter(id: string, sort = 'pricePerUnit', key = '400.0000') {
  return btoa(`${sort}|${key}|${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** One page of offers; `next` is the cursor of the page after it, null on the last page. */
export function offerPage(items: unknown[], next: string | null = null, size = 25) {
  return { items, page: 0, size, hasMore: next !== null, sort: 'pricePerUnit', next };
}

export const SUMMARY = {
  models: [
    {
      gpuModel: 'NVIDIA GeForce RTX 4090',
      nodes: 3,
      gpus: 4,
      minPricePerGpuHour: 740000,
      medianPricePerGpuHour: 900000,
      maxPricePerGpuHour: 1000000,
      maxScore: 1850,
    },
  ],
  nodes: 4,
  at: '2026-03-01T12:00:00Z',
};
