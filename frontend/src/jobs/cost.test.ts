import { describe, expect, it } from 'vitest';
import { maxCost } from './cost';

describe('maxCost', () => {
  it('is the hourly price for the whole time limit', () => {
    expect(maxCost(2_000_000n, 3600)).toBe(2_000_000n);
    expect(maxCost(2_500_000n, 5 * 3600 + 30 * 60)).toBe(13_750_000n);
    expect(maxCost(3_000_000n, 60)).toBe(50_000n);
    expect(maxCost(1n, 0)).toBe(0n);
  });

  it('rounds a partial base unit up, so the bound is never too low', () => {
    expect(maxCost(1n, 1)).toBe(1n);
    expect(maxCost(1_000_000n, 7)).toBe(1945n); // 1944.44…
    expect(maxCost(3600n, 1)).toBe(1n);
  });

  it('stays exact at the largest price and time limit', () => {
    // 10^15 × 604800 is far beyond 2^53: BigInt keeps every digit.
    expect(maxCost(1_000_000_000_000_000n, 604_800)).toBe(168_000_000_000_000_000n);
    expect(maxCost(999_999_999_999_999n, 604_799)).toBe(167_999_722_222_222_055n);
  });

  it('refuses impossible inputs', () => {
    expect(() => maxCost(1n, -1)).toThrow(RangeError);
    expect(() => maxCost(1n, 1.5)).toThrow(RangeError);
    expect(() => maxCost(-1n, 10)).toThrow(RangeError);
  });
});
