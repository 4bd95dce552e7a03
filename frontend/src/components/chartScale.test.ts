import { describe, expect, it } from 'vitest';
import { formatChartNumber, yAxisMax } from './chartScale';

describe('chart scale', () => {
  it('fits the y axis to small values, and shows 0 to 1 when there are none', () => {
    expect(yAxisMax(0.0008)).toBeCloseTo(0.00088, 8);
    expect(yAxisMax(250)).toBeCloseTo(275, 8);
    expect(yAxisMax(0)).toBe(1);
    expect(yAxisMax(null)).toBe(1);
  });

  it('writes small values with significant digits and larger ones with one decimal', () => {
    expect(formatChartNumber(0.000793)).toBe('0.00079');
    expect(formatChartNumber(0)).toBe('0');
    expect(formatChartNumber(87.54)).toBe('87.5');
    expect(formatChartNumber(1234)).toBe('1,234');
  });
});
