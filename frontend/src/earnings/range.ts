import type { EarningsRange, EarningsRow } from '../api';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest range the page asks for (the chart has a point a day). */
export const MAX_RANGE_DAYS = 366;

/** A UTC calendar date as YYYY-MM-DD. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dateMs(text: string): number | null {
  if (!DATE.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || isoDate(ms) !== text ? null : ms;
}

/** The last 30 days, today (UTC) included. */
export function defaultRange(now: number): EarningsRange {
  return { from: isoDate(now - 29 * DAY_MS), to: isoDate(now) };
}

/**
 * The range in the address (`?from=YYYY-MM-DD&to=YYYY-MM-DD`); the default range when either is
 * missing or unreadable, `to` before `from`, or longer than MAX_RANGE_DAYS.
 */
export function parseRange(search: string, now: number): EarningsRange {
  const params = new URLSearchParams(search);
  const from = dateMs(params.get('from') ?? '');
  const to = dateMs(params.get('to') ?? '');
  if (from === null || to === null || to < from || (to - from) / DAY_MS >= MAX_RANGE_DAYS) {
    return defaultRange(now);
  }
  return { from: isoDate(from), to: isoDate(to) };
}

/** Why a typed range cannot be asked for, or null. */
export function rangeProblem(from: string, to: string): string | null {
  const a = dateMs(from);
  const b = dateMs(to);
  if (a === null || b === null) return 'Enter both dates.';
  if (b < a) return 'The end date is before the start date.';
  if ((b - a) / DAY_MS >= MAX_RANGE_DAYS) return `Choose at most ${MAX_RANGE_DAYS} days.`;
  return null;
}

/** Every date of the range, in order. */
export function daysOf({ from, to }: EarningsRange): string[] {
  const days: string[] = [];
  for (let ms = dateMs(from)!; ms <= dateMs(to)!; ms += DAY_MS) days.push(isoDate(ms));
  return days;
}

/** Unix seconds of a date's start (UTC), the chart's x value. */
export const daySeconds = (date: string) => dateMs(date)! / 1000;

/**
 * The chart's series, in tokens per day (a Number: drawing needs no more precision), stacked:
 * paid, and paid + pending on top of it. Days without a row are 0.
 */
export function stackedDaily(
  range: EarningsRange,
  rows: EarningsRow[],
  decimals: number,
): { x: number[]; paid: number[]; paidAndPending: number[] } {
  const byDay = new Map(rows.map((r) => [r.key, r]));
  const scale = 10 ** decimals;
  const x: number[] = [];
  const paid: number[] = [];
  const paidAndPending: number[] = [];
  for (const day of daysOf(range)) {
    const row = byDay.get(day);
    const p = row ? Number(BigInt(row.paid)) / scale : 0;
    const q = row ? Number(BigInt(row.pending)) / scale : 0;
    x.push(daySeconds(day));
    paid.push(p);
    paidAndPending.push(p + q);
  }
  return { x, paid, paidAndPending };
}
