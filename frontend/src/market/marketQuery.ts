import type { OfferQuery, OfferSort } from '../api';

export const OFFER_SORTS: readonly OfferSort[] = ['pricePerUnit', 'price', 'score', 'reliability'];
export const DEFAULT_SORT: OfferSort = 'pricePerUnit';

/**
 * Pages past the first are reached by cursor (each answer's `next`), and the address keeps the
 * cursors that led to the current page, one `after` each, so Previous, reload and a shared link
 * all work. It keeps at most this many, the most recent: each is about 80 characters, and an
 * address much over 4 KiB risks the server's 8 KiB limit on a reload. Past that, Previous from
 * the oldest page kept returns to page 1.
 */
export const MAX_TRAIL = 40;

/** A cursor as the API writes it: base64url without padding. */
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

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
  /** The `next` cursors of the pages before this one, oldest first (at most MAX_TRAIL); [] on page 1. */
  trail: readonly string[];
}

export const EMPTY_QUERY: MarketQuery = {
  model: '',
  minVramGb: null,
  minScore: null,
  maxPricePerGpuHour: null,
  minReliability: null,
  sort: DEFAULT_SORT,
  page: 0,
  trail: [],
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
  const cursors = params.getAll('after');
  const trail = cursors.length <= MAX_TRAIL && cursors.every((c) => CURSOR.test(c)) ? cursors : [];
  // A page number is only kept where the trail no longer reaches back to page 1.
  const page =
    trail.length === MAX_TRAIL
      ? Math.max(MAX_TRAIL, readWhole(params.get('page'), Number.MAX_SAFE_INTEGER) ?? 0)
      : trail.length;
  return {
    model: (params.get('model') ?? '').trim().slice(0, 64),
    minVramGb: readWhole(params.get('minVramGb'), 4096),
    minScore: readWhole(params.get('minScore'), Number.MAX_SAFE_INTEGER),
    maxPricePerGpuHour: price === null || price < 1 ? null : BigInt(price),
    minReliability: readWhole(params.get('minReliability'), 100),
    sort: OFFER_SORTS.includes(sort as OfferSort) ? (sort as OfferSort) : DEFAULT_SORT,
    page,
    trail,
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
  if (query.page > query.trail.length) params.set('page', String(query.page));
  for (const cursor of query.trail) params.append('after', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The view's next page, reached through the current page's `next` cursor. */
export function nextPage(query: MarketQuery, next: string): MarketQuery {
  return { ...query, page: query.page + 1, trail: [...query.trail, next].slice(-MAX_TRAIL) };
}

/** The view's previous page: the trail less its last cursor (page 1 once the trail is used up). */
export function previousPage(query: MarketQuery): MarketQuery {
  const trail = query.trail.slice(0, -1);
  return { ...query, page: trail.length === 0 ? 0 : query.page - 1, trail };
}

/** The view's first page: what a new filter or order starts from. */
export function firstPage(query: MarketQuery): MarketQuery {
  return { ...query, page: 0, trail: [] };
}

/** The API request for a view: its first page, or the page after the trail's last cursor. */
export function toOfferQuery(query: MarketQuery, size: number): OfferQuery {
  return {
    model: query.model || undefined,
    minVramGb: query.minVramGb ?? undefined,
    minScore: query.minScore ?? undefined,
    maxPricePerGpuHour:
      query.maxPricePerGpuHour === null ? undefined : Number(query.maxPricePerGpuHour),
    minReliability: query.minReliability ?? undefined,
    sort: query.sort,
    after: query.trail.at(-1),
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
