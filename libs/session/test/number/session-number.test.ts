import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dammCheckDigit,
  formatSessionNumber,
  generateSessionNumber,
  isValidSessionNumber,
  parseSessionNumber,
  SessionErrorCode,
  SessionNumberError,
} from '../../src/index';

const validNumber = fc
  .integer({ min: 0, max: 9_999_999 })
  .map((n) => String(n).padStart(7, '0'))
  .map((payload) => `${payload}${dammCheckDigit(payload)}`);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SessionNumberError);
    expect((error as SessionNumberError).name).toBe('SessionNumberError');
    return (error as SessionNumberError).code;
  }
  return undefined;
}

const FULL_WIDTH = (digits: string) => [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');

describe('parseSessionNumber / formatSessionNumber', () => {
  it('round-trips every valid number through format, in every way people type it', () => {
    fc.assert(
      fc.property(validNumber, (number) => {
        const formatted = formatSessionNumber(number);
        expect(formatted).toMatch(/^\d{4} \d{4}$/);
        expect(parseSessionNumber(formatted)).toBe(number);
        expect(parseSessionNumber(formatted.replace(' ', '-'))).toBe(number);
        expect(parseSessionNumber(`${formatted}\n`)).toBe(number);
        expect(parseSessionNumber(`  ${number.slice(0, 2)} ${number.slice(2)}\r\n`)).toBe(number);
        expect(parseSessionNumber(FULL_WIDTH(number))).toBe(number);
        expect(parseSessionNumber(`${FULL_WIDTH(number.slice(0, 4))}\u3000${FULL_WIDTH(number.slice(4))}`)).toBe(
          number,
        );
      }),
    );
  });

  it('says precisely what is wrong', () => {
    const good = `1234567${dammCheckDigit('1234567')}`;
    expect(parseSessionNumber(good)).toBe(good);
    expect(codeOf(() => parseSessionNumber('1234 567'))).toBe(SessionErrorCode.NUMBER_TOO_SHORT);
    expect(codeOf(() => parseSessionNumber(''))).toBe(SessionErrorCode.NUMBER_TOO_SHORT);
    expect(codeOf(() => parseSessionNumber('1234 56789'))).toBe(SessionErrorCode.NUMBER_TOO_LONG);
    expect(codeOf(() => parseSessionNumber('9'.repeat(10_000)))).toBe(SessionErrorCode.NUMBER_TOO_LONG);
    expect(codeOf(() => parseSessionNumber('1234 56a8'))).toBe(SessionErrorCode.NUMBER_NOT_DIGITS);
    expect(codeOf(() => parseSessionNumber('١٢٣٤٥٦٧٨'))).toBe(SessionErrorCode.NUMBER_NOT_DIGITS);
    expect(codeOf(() => parseSessionNumber(42 as unknown as string))).toBe(SessionErrorCode.NUMBER_NOT_DIGITS);
    const typo = `${good.slice(0, 7)}${(Number(good[7]) + 1) % 10}`;
    expect(codeOf(() => parseSessionNumber(typo))).toBe(SessionErrorCode.NUMBER_CHECK_DIGIT_WRONG);
    expect(isValidSessionNumber(good)).toBe(true);
    expect(isValidSessionNumber(typo)).toBe(false);
  });

  it('throws only SessionNumberError for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        try {
          expect(parseSessionNumber(input)).toMatch(/^\d{8}$/);
        } catch (error) {
          expect(error).toBeInstanceOf(SessionNumberError);
        }
      }),
    );
  });
});

describe('generateSessionNumber', () => {
  it('yields valid 8-digit numbers', async () => {
    for (let i = 0; i < 200; i++) {
      const number = await generateSessionNumber();
      expect(number).toMatch(/^\d{8}$/);
      expect(isValidSessionNumber(number)).toBe(true);
    }
  });

  it('never yields a number the predicate calls taken (sync or async)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(validNumber, { minLength: 1, maxLength: 50 }), async (taken) => {
        const set = new Set(taken);
        // A random source that keeps offering the taken numbers first, then something fresh.
        const payloads = taken.map((n) => Number(n.slice(0, 7)));
        let call = 0;
        const random = (array: Uint32Array) => {
          array[0] = call < payloads.length ? payloads[call]! : 1_234_567 + call;
          call++;
        };
        const sync = await generateSessionNumber({ random, isTaken: (n) => set.has(n), maxAttempts: 200 });
        expect(set.has(sync)).toBe(false);
        call = 0;
        const async = await generateSessionNumber({ random, isTaken: async (n) => set.has(n), maxAttempts: 200 });
        expect(set.has(async)).toBe(false);
      }),
    );
  });

  it('gives up with SESSION_NUMBER_SPACE_EXHAUSTED when everything is taken', async () => {
    await expect(generateSessionNumber({ isTaken: () => true, maxAttempts: 5 })).rejects.toMatchObject({
      name: 'SessionNumberError',
      code: SessionErrorCode.NUMBER_SPACE_EXHAUSTED,
    });
  });

  it('redraws values that would bias the modulo', async () => {
    const values = [0xffff_ffff, 4_290_000_000, 4_289_999_999];
    let call = 0;
    const number = await generateSessionNumber({
      random: (array) => {
        array[0] = values[call++]!;
      },
    });
    expect(call).toBe(3);
    expect(number.slice(0, 7)).toBe('9999999');
  });
});
