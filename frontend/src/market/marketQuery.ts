import type { OfferQuery, OfferSort } from '../api';

export const OFFER_SORTS: readonly OfferSort[] = ['pricePerUnit', 'price', 'score', 'reliability'];
export const DEFAULT_SORT: OfferSort = 'pricePerUnit';

/** The marketplace's view as its address holds it: filters, order and page. */
export interface MarketQuery {
  /** A substring of the GPU model; '' for any. */
  model: string;
  minVramGb: number | null;
  minScore: number | null;
  /** Base units per GPU-hour. */
  maxPricePerGpuHour: bigint | null;
  /** Per cent, 0 to 100. */
  minReliability: number | null;
  sort: OfferSort;
  /** From 0. */
  page: number;
}

export const EMPTY_QUERY: MarketQuery = {
  model: '',
  minVramGb: null,
  minScore: null,
  maxPricePerGpuHour: null,
  minReliability: null,
  sort: DEFAULT_SORT,
  page: 0,
};

function readWhole(text: string | null, max: number): number | null {
  if (text === null || !/^\d{1,15}$/.test(text.trim())) return null;
  const n = Number.parseInt(text.trim(), 10);
  return n <= max ? n : null;
}

/**
 * Reads the market's query string. A value the API would refuse (not a number, out of range, an
 * unknown sort) is dropped rather than sent, so a mistyped link still shows offers.
 */
export function parseMarketQuery(search: string): MarketQuery {
  const params = new URLSearchParams(search);
  const sort = params.get('sort');
  const price = readWhole(params.get('maxPricePerGpuHour'), Number.MAX_SAFE_INTEGER);
  return {
    model: (params.get('model') ?? '').trim().slice(0, 64),
    minVramGb: readWhole(params.get('minVramGb'), 4096),
    minScore: readWhole(params.get('minScore'), Number.MAX_SAFE_INTEGER),
    maxPricePerGpuHour: price === null || price < 1 ? null : BigInt(price),
    minReliability: readWhole(params.get('minReliability'), 100),
    sort: OFFER_SORTS.includes(sort as OfferSort) ? (sort as OfferSort) : DEFAULT_SORT,
    page: readWhole(params.get('page'), 10_000) ?? 0,
  };
}

/** The query string for a view ("" for the default one), defaults left out. */
export function marketSearch(query: MarketQuery): string {
  const params = new URLSearchParams();
  if (query.model) params.set('model', query.model);
  if (query.minVramGb !== null) params.set('minVramGb', String(query.minVramGb));
  if (query.minScore !== null) params.set('minScore', String(query.minScore));
  if (query.maxPricePerGpuHour !== null) {
    params.set('maxPricePerGpuHour', query.maxPricePerGpuHour.toString());
  }
  if (query.minReliability !== null) params.set('minReliability', String(query.minReliability));
  if (query.sort !== DEFAULT_SORT) params.set('sort', query.sort);
  if (query.page > 0) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API request for a view. */
export function toOfferQuery(query: MarketQuery, size: number): OfferQuery {
  return {
    model: query.model || undefined,
    minVramGb: query.minVramGb ?? undefined,
    minScore: query.minScore ?? undefined,
    maxPricePerGpuHour:
      query.maxPricePerGpuHour === null ? undefined : Number(query.maxPricePerGpuHour),
    minReliability: query.minReliability ?? undefined,
    sort: query.sort,
    page: query.page,
    size,
  };
}

/** Whether any filter narrows the view (the order and page do not). */
export function isFiltered(query: MarketQuery): boolean {
  return (
    query.model !== '' ||
    query.minVramGb !== null ||
    query.minScore !== null ||
    query.maxPricePerGpuHour !== null ||
    query.minReliability !== null
  );
}

/** The direction each order runs in, for `aria-sort`. */
export const SORT_DIRECTION: Record<OfferSort, 'ascending' | 'descending'> = {
  pricePerUnit: 'ascending',
  price: 'ascending',
  score: 'descending',
  reliability: 'descending',
};
