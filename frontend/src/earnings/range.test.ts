import { describe, expect, it } from 'vitest';
import { daysOf, defaultRange, parseRange, rangeProblem, stackedDaily } from './range';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('earnings ranges', () => {
  it('defaults to the last 30 days and reads a valid range from the address', () => {
    expect(defaultRange(NOW)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(parseRange('?from=2026-02-01&to=2026-02-28', NOW)).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    for (const bad of [
      '?from=2026-02-30&to=2026-03-01',
      '?from=2026-03-02&to=2026-03-01',
      '?to=2026-03-01',
      '?from=2024-01-01&to=2026-03-01',
    ]) {
      expect(parseRange(bad, NOW)).toEqual(defaultRange(NOW));
    }
    expect(rangeProblem('2026-03-02', '2026-03-01')).toBe('The end date is before the start date.');
    expect(rangeProblem('', '2026-03-01')).toBe('Enter both dates.');
    expect(rangeProblem('2026-03-01', '2026-03-01')).toBeNull();
  });

  it('stacks pending on paid per day, with 0 for days without earnings', () => {
    const range = { from: '2026-02-27', to: '2026-03-01' };
    expect(daysOf(range)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    const row = (key: string, paid: string, pending: string) => ({
      key,
      label: key,
      jobs: 1,
      billedSeconds: 60,
      earned: '0',
      paid,
      pending,
    });
    const series = stackedDaily(
      range,
      [row('2026-02-27', '1500000', '250000'), row('2026-03-01', '0', '2000000')],
      6,
    );
    expect(series.x).toEqual([1772150400, 1772236800, 1772323200]);
    expect(series.paid).toEqual([1.5, 0, 0]);
    expect(series.paidAndPending).toEqual([1.75, 0, 2]);
  });
});
