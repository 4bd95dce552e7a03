const SECONDS_PER_HOUR = 3600n;

/**
 * The most a job can cost, in base units: its price per hour for its whole time limit,
 * `pricePerHour × seconds / 3600`, rounded up so the bound is never below what can be billed.
 */
export function maxCost(pricePerHour: bigint, timeLimitSeconds: number): bigint {
  if (!Number.isSafeInteger(timeLimitSeconds) || timeLimitSeconds < 0) {
    throw new RangeError(`not a time limit: ${timeLimitSeconds}`);
  }
  if (pricePerHour < 0n) throw new RangeError('a price cannot be negative');
  const total = pricePerHour * BigInt(timeLimitSeconds);
  return (total + SECONDS_PER_HOUR - 1n) / SECONDS_PER_HOUR;
}
