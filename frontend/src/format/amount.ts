/**
 * Token amounts. The API speaks integers of base units (1 token = 10^decimals base units); people
 * read and type decimal tokens. Everything here is BigInt and string arithmetic: a binary float
 * cannot hold 0.1, so amounts never pass through one.
 */

/** The most the API accepts for a price (`BaseUnits` in docs/openapi.yaml). */
export const MAX_BASE_UNITS = 1_000_000_000_000_000n;

/** Decimals the reward token has when the server does not say (the server's default). */
export const DEFAULT_DECIMALS = 6;

export type AmountParse = { ok: true; baseUnits: bigint } | { ok: false; problem: string };

const DECIMAL = /^(\d*)(?:\.(\d*))?$/;

/**
 * Reads a decimal token amount typed by a person ("1.5", "0.000001", ".25", "12") into base
 * units. Refuses signs, exponents, thousands separators, and more fraction digits than the token
 * has. Spaces around the number are fine.
 */
export function parseAmount(text: string, decimals: number): AmountParse {
  const value = text.trim();
  if (value === '') return { ok: false, problem: 'Enter an amount.' };
  if (value.includes(',')) {
    return { ok: false, problem: 'Use a dot for decimals and no thousands separators.' };
  }
  const match = DECIMAL.exec(value);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    return { ok: false, problem: 'Enter a number of tokens, like 1.5.' };
  }
  const whole = match[1];
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    return {
      ok: false,
      problem:
        decimals === 0
          ? 'This token has no decimals: enter a whole number.'
          : `At most ${decimals} decimal place${decimals === 1 ? '' : 's'}.`,
    };
  }
  const digits = `${whole}${fraction.padEnd(decimals, '0')}`;
  return { ok: true, baseUnits: BigInt(digits === '' ? '0' : digits) };
}

/** An integer from the API (a JSON number or a digit string) as BigInt; refuses anything else. */
export function toBaseUnits(value: number | string | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an exact integer: ${value}`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`not an integer: ${value}`);
  return BigInt(value);
}

export interface FormatAmountOptions {
  /** Group the whole part in thousands ("1,234.5"); off for values put into an input. */
  grouping?: boolean;
}

/**
 * Base units as decimal tokens, trailing zeros dropped: (1500000n, 6) -> "1.5",
 * (1n, 6) -> "0.000001", (2000000n, 6) -> "2".
 */
export function formatAmount(
  baseUnits: number | string | bigint,
  decimals: number,
  { grouping = true }: FormatAmountOptions = {},
): string {
  const units = toBaseUnits(baseUnits);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const wholeDigits = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  const whole = grouping ? wholeDigits.replace(/\B(?=(\d{3})+$)/g, ',') : wholeDigits;
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "1.5 tokens", "1 token". */
export function formatTokens(baseUnits: number | string | bigint, decimals: number): string {
  const text = formatAmount(baseUnits, decimals);
  return `${text} ${text === '1' ? 'token' : 'tokens'}`;
}

/**
 * A decimal string of base units ("400.0000", exact, from the API) as decimal tokens:
 * ("400.0000", 6) -> "0.0004". String and BigInt arithmetic only.
 */
export function formatDecimalAmount(baseUnits: string, decimals: number): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(baseUnits.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${baseUnits}`);
  const fraction = match[2] ?? '';
  return formatAmount(BigInt(`${match[1]}${fraction}`), decimals + fraction.length);
}

/** Basis points (10,000 = 100 %) as a percentage with two decimals: 9712 -> "97.12 %". */
export function formatBasisPoints(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = Math.abs(basisPoints % 100);
  return `${whole}.${String(rest).padStart(2, '0')} %`;
}
