import { describe, expect, it } from 'vitest';
import { dammCheckDigit, dammIsValid } from '../../src/index';

function withCheck(payload: string): string {
  return `${payload}${dammCheckDigit(payload)}`;
}

function* samplePayloads(): Generator<string> {
  // Every 997th 7-digit payload: ~10 000 numbers spread over the whole space.
  for (let n = 0; n < 10_000_000; n += 997) yield String(n).padStart(7, '0');
}

describe('Damm check digit', () => {
  it('matches the published example (572 → 4)', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(dammIsValid('5724')).toBe(true);
  });

  it('catches every single-digit error over a sample of numbers', () => {
    let checked = 0;
    for (const payload of samplePayloads()) {
      const number = withCheck(payload);
      expect(dammIsValid(number)).toBe(true);
      for (let position = 0; position < 8; position++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === number[position]) continue;
          const typo = `${number.slice(0, position)}${digit}${number.slice(position + 1)}`;
          if (dammIsValid(typo)) throw new Error(`missed single error ${number} → ${typo}`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(700_000);
  });

  it('catches every transposition of neighbouring digits over a sample of numbers', () => {
    for (const payload of samplePayloads()) {
      const number = withCheck(payload);
      for (let position = 0; position < 7; position++) {
        const a = number[position]!;
        const b = number[position + 1]!;
        if (a === b) continue;
        const swapped = `${number.slice(0, position)}${b}${a}${number.slice(position + 2)}`;
        if (dammIsValid(swapped)) throw new Error(`missed transposition ${number} → ${swapped}`);
      }
    }
  });

  it('rejects non-digits with a RangeError', () => {
    expect(() => dammCheckDigit('12a')).toThrow(RangeError);
    expect(dammIsValid('')).toBe(false);
  });
});
