import { hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSecurityCode, formatSecurityCode } from '../src/security-code';

describe('security code', () => {
  it('formats six digits with leading zeros and a space', () => {
    expect(formatSecurityCode(0)).toBe('000 000');
    expect(formatSecurityCode(42)).toBe('000 042');
    expect(formatSecurityCode(123_456)).toBe('123 456');
    expect(formatSecurityCode(999_999)).toBe('999 999');
  });

  it('matches an independent computation with node:crypto hkdfSync', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (hash) => {
        const okm = Buffer.from(hkdfSync('sha256', hash, new Uint8Array(0), 'fernhilfe/security-code/v1', 8));
        expect(deriveSecurityCode(hash)).toBe(formatSecurityCode(Number(okm.readBigUInt64BE(0) % 1_000_000n)));
      }),
    );
    expect(deriveSecurityCode(new Uint8Array(32))).toBe('052 036');
  });

  it('always has the "ddd ddd" shape and changes with the hash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (hash) => {
        expect(deriveSecurityCode(hash)).toMatch(/^\d{3} \d{3}$/);
      }),
    );
  });

  it('spreads evenly over the digits (coarse chi-square on the first digit)', () => {
    const counts = new Array(10).fill(0);
    const samples = 20_000;
    const hash = new Uint8Array(32);
    for (let i = 0; i < samples; i++) {
      new DataView(hash.buffer).setUint32(0, i);
      const first = Number(deriveSecurityCode(hash)[0]);
      counts[first]++;
    }
    const expected = samples / 10;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(40); // 9 degrees of freedom: p < 10⁻⁵ for a fair source
  });
});
