import { describe, expect, it } from 'vitest';
import { encodeQr, penalty } from './qrcode';
import { QR_FIXTURES } from './qrcode.fixtures';

const rows = (modules: boolean[][]) =>
  modules.map((row) => row.map((dark) => (dark ? '1' : '0')).join(''));

describe('the QR encoder', () => {
  for (const fixture of QR_FIXTURES) {
    it(`draws the same code as an independent encoder: ${fixture.name} (version ${fixture.version})`, () => {
      const qr = encodeQr(fixture.text, { errorCorrection: fixture.errorCorrection });
      expect(qr.version).toBe(fixture.version);
      expect(qr.size).toBe(fixture.version * 4 + 17);
      expect(qr.mask).toBe(fixture.mask);
      expect(rows(qr.modules)).toEqual(fixture.rows);
    });
  }

  it('picks the smallest version that holds the bytes (UTF-8 counts bytes, not characters)', () => {
    // Level M, byte mode: version 1 holds 14 bytes, version 2 holds 26.
    expect(encodeQr('a'.repeat(14)).version).toBe(1);
    expect(encodeQr('a'.repeat(15)).version).toBe(2);
    expect(encodeQr('é'.repeat(7)).version).toBe(1);
    expect(encodeQr('é'.repeat(8)).version).toBe(2);
    expect(encodeQr('a'.repeat(2331)).version).toBe(40);
    expect(() => encodeQr('a'.repeat(2332))).toThrow(RangeError);
  });

  it('chooses the mask with the lowest penalty', () => {
    const text = QR_FIXTURES[0].text;
    const chosen = encodeQr(text);
    for (let mask = 0; mask < 8; mask++) {
      expect(penalty(encodeQr(text, { mask }).modules)).toBeGreaterThanOrEqual(
        penalty(chosen.modules),
      );
    }
  });
});
