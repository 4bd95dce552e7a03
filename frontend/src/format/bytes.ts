export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function trimmed(value: number): string {
  // One decimal at most, none when it is .0: "24 GiB", "931.3 GiB".
  const text = value.toFixed(1);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/**
 * A byte count (an integer) in binary units: 68719476736 -> "64 GiB", 1000000000000 -> "931.3 GiB".
 * Sizes are display-only, so a Number is precise enough (exact up to 8 PiB).
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  // 1023.96 GiB would print as "1024 GiB": move to the next unit instead.
  if (Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${trimmed(value)} ${UNITS[unit]}`;
}

/** Mebibytes as reported by GPU tools (24564 -> "24 GiB"). */
export function formatMib(mib: number | null | undefined): string {
  if (mib === null || mib === undefined) return '—';
  return formatBytes(mib * MIB);
}

/** Whole gibibytes in `bytes`, rounded down. */
export function wholeGib(bytes: number): number {
  return Math.floor(bytes / GIB);
}
