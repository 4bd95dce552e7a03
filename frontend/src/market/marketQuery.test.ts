import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY, marketSearch, parseMarketQuery, toOfferQuery } from './marketQuery';

describe('the market query in the address', () => {
  it('round-trips every filter, leaving defaults out', () => {
    const search =
      '?model=4090&minVramGb=24&minScore=1000&maxPricePerGpuHour=800000&minReliability=95&sort=price&page=2';
    const query = parseMarketQuery(search);
    expect(query).toEqual({
      model: '4090',
      minVramGb: 24,
      minScore: 1000,
      maxPricePerGpuHour: 800000n,
      minReliability: 95,
      sort: 'price',
      page: 2,
    });
    expect(marketSearch(query)).toBe(search);
    expect(marketSearch(EMPTY_QUERY)).toBe('');
  });

  it('drops values the API would refuse instead of sending them', () => {
    expect(
      parseMarketQuery(
        '?minVramGb=lots&minReliability=101&sort=cheapest&page=-1&maxPricePerGpuHour=0',
      ),
    ).toEqual(EMPTY_QUERY);
  });

  it('asks the API for exactly the view', () => {
    expect(toOfferQuery({ ...EMPTY_QUERY, maxPricePerGpuHour: 5n, page: 3 }, 25)).toEqual({
      model: undefined,
      minVramGb: undefined,
      minScore: undefined,
      maxPricePerGpuHour: 5,
      minReliability: undefined,
      sort: 'pricePerUnit',
      page: 3,
      size: 25,
    });
  });
});
