import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  formatBasisPoints,
  formatDecimalAmount,
  formatTokens,
  parseAmount,
  toBaseUnits,
} from '.';

const units = (text: string, decimals = 6) => {
  const parsed = parseAmount(text, decimals);
  return parsed.ok ? parsed.baseUnits : parsed.problem;
};

describe('parseAmount', () => {
  it('reads decimal tokens into integer base units', () => {
    expect(units('1.5')).toBe(1_500_000n);
    expect(units('2')).toBe(2_000_000n);
    expect(units('0.000001')).toBe(1n);
    expect(units('.25')).toBe(250_000n);
    expect(units('3.')).toBe(3_000_000n);
    expect(units('  7.000100 ')).toBe(7_000_100n);
    expect(units('0')).toBe(0n);
  });

  it('is exact where binary floating point is not', () => {
    // 0.1 + 0.2 is 0.30000000000000004 as a double; as base units it is exact.
    expect(units('0.1')).toBe(100_000n);
    expect(units('0.3')).toBe(300_000n);
    expect(units('1.1', 18)).toBe(1_100_000_000_000_000_000n);
    expect(units('123456789012345678.123456', 6)).toBe(123456789012345678123456n);
  });

  it('follows the token’s decimals', () => {
    expect(units('1.5', 9)).toBe(1_500_000_000n);
    expect(units('42', 0)).toBe(42n);
    expect(units('1.5', 0)).toBe('This token has no decimals: enter a whole number.');
    expect(units('1.23', 1)).toBe('At most 1 decimal place.');
    expect(units('0.0000001', 6)).toBe('At most 6 decimal places.');
  });

  it('refuses what is not a plain decimal number', () => {
    expect(units('')).toBe('Enter an amount.');
    expect(units('   ')).toBe('Enter an amount.');
    expect(units('1,5')).toBe('Use a dot for decimals and no thousands separators.');
    expect(units('1,000')).toBe('Use a dot for decimals and no thousands separators.');
    for (const bad of [
      '-1',
      '+1',
      '1e6',
      '0x10',
      'abc',
      '1.2.3',
      '.',
      '1 000',
      'Infinity',
      'NaN',
    ]) {
      expect(units(bad), bad).toBe('Enter a number of tokens, like 1.5.');
    }
  });
});

describe('formatAmount', () => {
  it('writes base units as tokens without trailing zeros', () => {
    expect(formatAmount(1_500_000n, 6)).toBe('1.5');
    expect(formatAmount(2_000_000, 6)).toBe('2');
    expect(formatAmount(1n, 6)).toBe('0.000001');
    expect(formatAmount(0n, 6)).toBe('0');
    expect(formatAmount('123', 0)).toBe('123');
  });

  it('groups thousands unless asked not to', () => {
    expect(formatAmount(1_234_567_890_000n, 6)).toBe('1,234,567.89');
    expect(formatAmount(1_234_567_890_000n, 6, { grouping: false })).toBe('1234567.89');
    expect(formatAmount(1_000_000_000_000_000_000_000n, 18)).toBe('1,000');
  });

  it('round-trips with parseAmount', () => {
    for (const value of [1n, 999_999n, 1_000_001n, 1_000_000_000_000_000n]) {
      expect(units(formatAmount(value, 6, { grouping: false }))).toBe(value);
    }
  });

  it('says tokens, and token for exactly one', () => {
    expect(formatTokens(1_000_000n, 6)).toBe('1 token');
    expect(formatTokens(2_500_000n, 6)).toBe('2.5 tokens');
  });
});

describe('toBaseUnits', () => {
  it('accepts integers only', () => {
    expect(toBaseUnits(1_000_000_000_000_000)).toBe(1_000_000_000_000_000n);
    expect(toBaseUnits('42')).toBe(42n);
    expect(() => toBaseUnits(1.5)).toThrow(RangeError);
    expect(() => toBaseUnits(2 ** 53)).toThrow(RangeError);
    expect(() => toBaseUnits('1.5')).toThrow(RangeError);
  });
});

describe('decimal base units and basis points', () => {
  it('shifts an exact decimal of base units into tokens', () => {
    expect(formatDecimalAmount('400.0000', 6)).toBe('0.0004');
    expect(formatDecimalAmount('1234567.8912', 6)).toBe('1.2345678912');
    expect(formatDecimalAmount('5', 0)).toBe('5');
    expect(() => formatDecimalAmount('4e2', 6)).toThrow(RangeError);
  });

  it('writes basis points as a percentage', () => {
    expect(formatBasisPoints(9712)).toBe('97.12 %');
    expect(formatBasisPoints(10000)).toBe('100.00 %');
    expect(formatBasisPoints(5)).toBe('0.05 %');
  });
});
