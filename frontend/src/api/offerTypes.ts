// The public marketplace (docs/openapi.yaml `Offer`, `OfferPage`, `OfferSummary`). Amounts are
// integer base units of the reward token.

export type OfferSort = 'pricePerUnit' | 'price' | 'score' | 'reliability';

export interface Offer {
  /** The node's id; a job targets the offer with `nodeId`. */
  id: string;
  gpuModel: string;
  gpuCount: number;
  freeGpus: number;
  /** The smallest VRAM one offered GPU gives a job. */
  vramMib: number;
  /** Per-GPU benchmark score. */
  score: number;
  pricePerGpuHour: number;
  pricePerHour: number;
  /** Base units per score unit per GPU-hour, an exact decimal string ("400.0000"). */
  pricePerScoreUnitHour: string;
  /** Basis points (10,000 = perfect); null until computed. */
  reliability: number | null;
  region: string | null;
  verifiedAt: string | null;
}

export interface OfferPage {
  items: Offer[];
  page: number;
  size: number;
  hasMore: boolean;
  sort?: OfferSort;
  /** When `hasMore`: the cursor to pass as `after` for the next page; else null. */
  next: string | null;
}

export interface OfferFilter {
  model?: string;
  minVramGb?: number;
  minScore?: number;
  /** Base units. */
  maxPricePerGpuHour?: number;
  /** Per cent, 0 to 100. */
  minReliability?: number;
}

export interface ModelSummary {
  gpuModel: string;
  nodes: number;
  gpus: number;
  minPricePerGpuHour: number;
  medianPricePerGpuHour: number;
  maxPricePerGpuHour: number;
  maxScore: number;
}

export interface OfferSummary {
  models: ModelSummary[];
  nodes: number;
  at: string;
}
