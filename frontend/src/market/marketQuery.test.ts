import { describe, expect, it } from 'vitest';
import { cursorAfter } from '../test/marketFixtures';
import {
  EMPTY_QUERY,
  MAX_TRAIL,
  firstPage,
  marketSearch,
  nextPage,
  parseMarketQuery,
  previousPage,
  toOfferQuery,
} from './marketQuery';

const A = cursorAfter('10000000-0000-4000-8000-00000000000a');
const B = cursorAfter('10000000-0000-4000-8000-00000000000b');
const C = cursorAfter('10000000-0000-4000-8000-00000000000c');

describe('the market query in the address', () => {
  it('round-trips every filter and the cursor trail, leaving defaults out', () => {
    const search = `?model=4090&minVramGb=24&minScore=1000&maxPricePerGpuHour=800000&minReliability=95&sort=price&after=${A}&after=${B}`;
    const query = parseMarketQuery(search);
    expect(query).toEqual({
      model: '4090',
      minVramGb: 24,
      minScore: 1000,
      maxPricePerGpuHour: 800000n,
      minReliability: 95,
      sort: 'price',
      page: 2,
      trail: [A, B],
    });
    expect(marketSearch(query)).toBe(search);
    expect(marketSearch(EMPTY_QUERY)).toBe('');
  });

  it('drops values the API would refuse instead of sending them', () => {
    expect(
      parseMarketQuery(
        '?minVramGb=lots&minReliability=101&sort=cheapest&page=2&maxPricePerGpuHour=0',
      ),
    ).toEqual(EMPTY_QUERY);
  });

  it('starts from page 1 when any cursor of the trail is not one the API writes', () => {
    expect(parseMarketQuery(`?after=${A}&after=not%20a%20cursor`)).toEqual(EMPTY_QUERY);
    expect(parseMarketQuery(`?after=${A}&after=`)).toEqual(EMPTY_QUERY);
  });

  it('asks the API for the first page without a cursor, later ones after the last cursor', () => {
    const first = { ...EMPTY_QUERY, maxPricePerGpuHour: 5n };
    expect(toOfferQuery(first, 25)).toEqual({
      model: undefined,
      minVramGb: undefined,
      minScore: undefined,
      maxPricePerGpuHour: 5,
      minReliability: undefined,
      sort: 'pricePerUnit',
      after: undefined,
      size: 25,
    });
    expect(toOfferQuery(nextPage(nextPage(first, A), B), 25)).toMatchObject({ after: B });
  });
});

describe('paging by cursor', () => {
  it('goes forward by the page’s next cursor and back by dropping it', () => {
    const third = nextPage(nextPage(EMPTY_QUERY, A), B);
    expect(third).toMatchObject({ page: 2, trail: [A, B] });
    expect(previousPage(third)).toMatchObject({ page: 1, trail: [A] });
    expect(previousPage(previousPage(third))).toEqual(EMPTY_QUERY);
  });

  it('keeps the filters and order, and starts them over from page 1 on request', () => {
    const filtered = { ...EMPTY_QUERY, model: 'H100', sort: 'score' as const };
    const deep = nextPage(nextPage(filtered, A), C);
    expect(deep).toMatchObject({ model: 'H100', sort: 'score' });
    expect(firstPage(deep)).toEqual(filtered);
  });

  it('keeps only the most recent cursors, numbering pages on past them', () => {
    let query = EMPTY_QUERY;
    const cursors = Array.from({ length: MAX_TRAIL + 2 }, (_, i) =>
      cursorAfter(`10000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    );
    for (const cursor of cursors) query = nextPage(query, cursor);

    expect(query.page).toBe(MAX_TRAIL + 2);
    expect(query.trail).toEqual(cursors.slice(2));
    const search = marketSearch(query);
    expect(search).toContain(`page=${MAX_TRAIL + 2}&after=`);
    expect(parseMarketQuery(search)).toEqual(query);

    // Back to the oldest page kept; one more step has no cursor left and returns to page 1.
    let back = query;
    for (let i = 1; i < MAX_TRAIL; i++) back = previousPage(back);
    expect(back).toMatchObject({ page: 3, trail: [cursors[2]] });
    expect(previousPage(back)).toEqual(EMPTY_QUERY);
  });

  it('reads a page number only where the trail is full', () => {
    expect(parseMarketQuery(`?page=7&after=${A}`)).toMatchObject({ page: 1, trail: [A] });
  });
});
