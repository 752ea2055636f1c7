import { dammCheckDigit } from '@fernhilfe/session';
import { describe, expect, it } from 'vitest';
import { checkNumber, numberFromHash } from '../../src/web/number-input';

const valid = `1234567${dammCheckDigit('1234567')}`;
const typo = `1234567${(Number(dammCheckDigit('1234567')) + 1) % 10}`;

describe('checkNumber', () => {
  it('accepts a valid number typed with spaces or dashes', () => {
    expect(checkNumber(valid, false)).toEqual({ status: 'valid', digits: valid });
    expect(checkNumber(`${valid.slice(0, 4)} ${valid.slice(4)}`, true)).toEqual({ status: 'valid', digits: valid });
    expect(checkNumber(`${valid.slice(0, 4)}-${valid.slice(4)}\n`, true)).toEqual({ status: 'valid', digits: valid });
  });

  it('reports a wrong check digit at once, while typing', () => {
    expect(checkNumber(typo, false)).toEqual({ status: 'invalid', problem: { kind: 'typo' } });
  });

  it('does not complain about an unfinished number until Start is pressed', () => {
    expect(checkNumber('', false)).toEqual({ status: 'empty' });
    expect(checkNumber('1234 5', false)).toEqual({ status: 'incomplete' });
    expect(checkNumber('1234 5', true)).toEqual({ status: 'invalid', problem: { kind: 'too-short', count: 5 } });
    expect(checkNumber('  ', true)).toEqual({ status: 'invalid', problem: { kind: 'empty' } });
  });

  it('reports letters and a ninth digit at once', () => {
    expect(checkNumber('12a4', false)).toEqual({ status: 'invalid', problem: { kind: 'not-digits' } });
    expect(checkNumber('1234 56789', false)).toEqual({ status: 'invalid', problem: { kind: 'too-long', count: 9 } });
    expect(checkNumber('x'.repeat(200), false)).toEqual({
      status: 'invalid',
      problem: { kind: 'too-long', count: 200 },
    });
  });
});

describe('numberFromHash', () => {
  it('prefills digits from the page address', () => {
    expect(numberFromHash('#1234-5678')).toBe('1234-5678');
    expect(numberFromHash('#1234%205678')).toBe('1234 5678');
  });

  it('ignores anything else', () => {
    expect(numberFromHash('')).toBe('');
    expect(numberFromHash('#<script>')).toBe('');
    expect(numberFromHash('#%E0%A4%A')).toBe('');
  });
});
