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

export function offerPage(items: unknown[], hasMore = false, page = 0, size = 25) {
  return { items, page, size, hasMore, sort: 'pricePerUnit' };
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
