/**
 * The top of a chart's y axis: a tenth above the highest value, or 1 when all are 0 (an empty
 * chart still shows a scale). Small values keep their own scale, so 0.0008 tokens is not drawn
 * as a flat line on a 0–1 axis.
 */
export function yAxisMax(max: number | null | undefined): number {
  return max && max > 0 ? max * 1.1 : 1;
}

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const small = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 2 });

/** A chart value or tick: one decimal from 1 up, two significant digits below (0.00079). */
export function formatChartNumber(value: number): string {
  return Math.abs(value) >= 1 || value === 0 ? whole.format(value) : small.format(value);
}
