import { SessionErrorCode, SessionNumberError } from '../errors';
import { dammCheckDigit, dammIsValid } from './damm';

/** Number of digits of a session number: 7 random digits and 1 Damm check digit. */
export const SESSION_NUMBER_LENGTH = 8;

const RANDOM_DIGITS = SESSION_NUMBER_LENGTH - 1;
const RANDOM_SPACE = 10 ** RANDOM_DIGITS;
/** Largest multiple of 10⁷ that fits in a u32: values at or above it are redrawn (no modulo bias). */
const UNBIASED_LIMIT = Math.floor(0x1_0000_0000 / RANDOM_SPACE) * RANDOM_SPACE;
/** Longest raw input `parseSessionNumber` looks at; anything longer is simply too long. */
const MAX_INPUT_LENGTH = 64;
const SEPARATORS = /[\s\-‐‑‒–—―−_.]/gu;

/** Fills a `Uint32Array` with cryptographically secure random values (the shape of `crypto.getRandomValues`). */
export type RandomSource = (array: Uint32Array) => unknown;

/** Options of {@link generateSessionNumber}. */
export interface GenerateSessionNumberOptions {
  /**
   * Says whether a candidate is in use: live, or retired within the last 24 h. A registry
   * passes its own lookup here. May be asynchronous (e.g. a Redis lookup).
   * @default () => false
   */
  isTaken?: (number: string) => boolean | Promise<boolean>;
  /**
   * Random source. Must be a CSPRNG in production.
   * @default globalThis.crypto.getRandomValues
   */
  random?: RandomSource;
  /**
   * Candidates drawn before giving up with `SESSION_NUMBER_SPACE_EXHAUSTED`.
   * @default 100
   */
  maxAttempts?: number;
}

function defaultRandom(array: Uint32Array): Uint32Array {
  return globalThis.crypto.getRandomValues(array);
}

function drawRandomDigits(random: RandomSource): string {
  const cell = new Uint32Array(1);
  for (;;) {
    random(cell);
    const value = cell[0]!;
    if (value < UNBIASED_LIMIT) return String(value % RANDOM_SPACE).padStart(RANDOM_DIGITS, '0');
  }
}

/**
 * Draws a fresh session number: 7 digits from a CSPRNG (rejection sampling, no modulo bias)
 * followed by their Damm check digit, redrawn while `isTaken` says the number is in use.
 *
 * @param options - see {@link GenerateSessionNumberOptions}
 * @returns the 8-digit number as a string of ASCII digits (leading zeros kept)
 * @throws {@link SessionNumberError} `SESSION_NUMBER_SPACE_EXHAUSTED` after `maxAttempts` taken candidates
 *
 * @example
 * ```ts
 * const number = await generateSessionNumber({ isTaken: (n) => registry.has(n) });
 * formatSessionNumber(number); // "4830 1929"
 * ```
 */
export async function generateSessionNumber(options: GenerateSessionNumberOptions = {}): Promise<string> {
  const random = options.random ?? defaultRandom;
  const isTaken = options.isTaken ?? (() => false);
  const maxAttempts = options.maxAttempts ?? 100;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const digits = drawRandomDigits(random);
    const candidate = `${digits}${dammCheckDigit(digits)}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new SessionNumberError(
    SessionErrorCode.NUMBER_SPACE_EXHAUSTED,
    `no free session number after ${maxAttempts} attempts`,
  );
}

/**
 * Reads a session number the way people type it: spaces, dashes, a trailing newline and
 * full-width digits (`１２３４５６７８`) are accepted (Unicode NFKC), and the result says
 * precisely what is wrong otherwise.
 *
 * @param input - what the person typed
 * @returns the 8 ASCII digits
 * @throws {@link SessionNumberError} `SESSION_NUMBER_NOT_DIGITS`, `SESSION_NUMBER_TOO_SHORT`,
 *   `SESSION_NUMBER_TOO_LONG` or `SESSION_NUMBER_CHECK_DIGIT_WRONG` (probably a typo)
 *
 * @example
 * ```ts
 * parseSessionNumber('1234-5678\n'); // "12345678" if the check digit fits
 * ```
 */
export function parseSessionNumber(input: string): string {
  if (typeof input !== 'string') {
    throw new SessionNumberError(SessionErrorCode.NUMBER_NOT_DIGITS, 'session number must be a string');
  }
  if (input.length > MAX_INPUT_LENGTH) {
    throw new SessionNumberError(SessionErrorCode.NUMBER_TOO_LONG, 'session number input is too long');
  }
  const digits = input.normalize('NFKC').replace(SEPARATORS, '');
  if (!/^[0-9]*$/.test(digits)) {
    throw new SessionNumberError(SessionErrorCode.NUMBER_NOT_DIGITS, 'session number may only contain digits');
  }
  if (digits.length < SESSION_NUMBER_LENGTH) {
    throw new SessionNumberError(SessionErrorCode.NUMBER_TOO_SHORT, `session number has ${digits.length} of 8 digits`);
  }
  if (digits.length > SESSION_NUMBER_LENGTH) {
    throw new SessionNumberError(SessionErrorCode.NUMBER_TOO_LONG, `session number has ${digits.length} of 8 digits`);
  }
  if (!dammIsValid(digits)) {
    throw new SessionNumberError(
      SessionErrorCode.NUMBER_CHECK_DIGIT_WRONG,
      'check digit does not match: probably a typo',
    );
  }
  return digits;
}

/**
 * Whether `input` parses as a session number (see {@link parseSessionNumber}).
 *
 * @param input - what the person typed
 * @returns `true` when {@link parseSessionNumber} would succeed
 */
export function isValidSessionNumber(input: string): boolean {
  try {
    parseSessionNumber(input);
    return true;
  } catch {
    return false;
  }
}

/**
 * Formats a session number for reading out: two groups of four digits, `"1234 5678"`.
 *
 * @param number - a session number in any form {@link parseSessionNumber} accepts
 * @returns `"dddd dddd"`
 * @throws {@link SessionNumberError} as {@link parseSessionNumber}
 */
export function formatSessionNumber(number: string): string {
  const digits = parseSessionNumber(number);
  return `${digits.slice(0, 4)} ${digits.slice(4)}`;
}
