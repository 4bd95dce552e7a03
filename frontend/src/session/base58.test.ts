import { describe, expect, it } from 'vitest';
import { encodeBase58, shortenAddress } from './base58';

/** An independent big-integer base58 encoder, so the vectors are not only bs58 checking itself. */
function referenceBase58(bytes: Uint8Array): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

describe('encodeBase58', () => {
  const bytes0to63 = Uint8Array.from({ length: 64 }, (_, i) => i);
  const expected =
    '1GMkH3brNXiNNs1tiFZHu4yZSRrzJwxi5wB9bHFtMinfCXNnR1adh8Vo8NTheK4evneedH4qmvjeqcBBNAefgS';

  it('encodes a 64-byte signature of bytes 0..63', () => {
    expect(encodeBase58(bytes0to63)).toBe(expected);
    expect(referenceBase58(bytes0to63)).toBe(expected);
  });

  it('keeps leading zero bytes as 1s: [0, 0, 1] is "112"', () => {
    expect(encodeBase58(Uint8Array.from([0, 0, 1]))).toBe('112');
  });

  it('agrees with the reference on other inputs', () => {
    for (const input of [[], [0], [255, 255], [0, 1, 2, 3, 250], Array(32).fill(7)]) {
      const bytes = Uint8Array.from(input);
      expect(encodeBase58(bytes)).toBe(referenceBase58(bytes));
    }
  });
});

describe('shortenAddress', () => {
  it('keeps the first and last four characters', () => {
    expect(shortenAddress('7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU')).toBe('7xKX…gAsU');
  });

  it('leaves short strings alone', () => {
    expect(shortenAddress('abcdefgh')).toBe('abcdefgh');
  });
});
