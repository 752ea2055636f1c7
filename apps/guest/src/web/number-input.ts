import { parseSessionNumber, SessionErrorCode, SessionNumberError } from '@fernhilfe/session';

/** What is wrong with a typed session number, in words the page can show. */
export type NumberProblem =
  | { kind: 'empty' }
  | { kind: 'not-digits' }
  | { kind: 'too-short'; count: number }
  | { kind: 'too-long'; count: number }
  | { kind: 'typo' };

/** The verdict on what the customer typed so far. */
export type NumberCheck =
  | { status: 'empty' }
  | { status: 'incomplete' }
  | { status: 'valid'; digits: string }
  | { status: 'invalid'; problem: NumberProblem };

const SEPARATORS = /[\s\-‐‑‒–—―−_.]/gu;

function digitCount(input: string): number {
  return input.normalize('NFKC').replace(SEPARATORS, '').length;
}

/**
 * Checks a typed session number with the session lib's parser (spaces and dashes are fine,
 * the Damm check digit catches a typo). While typing (`submitted` false) a number that is
 * merely not finished yet is `incomplete`, not an error; a wrong character, a ninth digit or
 * a wrong check digit are reported at once.
 *
 * @param input - the text field's value
 * @param submitted - whether the customer pressed Start (then "too short" is a problem)
 * @returns the verdict
 */
export function checkNumber(input: string, submitted: boolean): NumberCheck {
  if (input.trim() === '') return submitted ? { status: 'invalid', problem: { kind: 'empty' } } : { status: 'empty' };
  try {
    return { status: 'valid', digits: parseSessionNumber(input) };
  } catch (error) {
    if (!(error instanceof SessionNumberError)) throw error;
    switch (error.code) {
      case SessionErrorCode.NUMBER_TOO_SHORT:
        return submitted
          ? { status: 'invalid', problem: { kind: 'too-short', count: digitCount(input) } }
          : { status: 'incomplete' };
      case SessionErrorCode.NUMBER_TOO_LONG:
        return { status: 'invalid', problem: { kind: 'too-long', count: digitCount(input) } };
      case SessionErrorCode.NUMBER_CHECK_DIGIT_WRONG:
        return { status: 'invalid', problem: { kind: 'typo' } };
      default:
        return { status: 'invalid', problem: { kind: 'not-digits' } };
    }
  }
}

/**
 * Reads a number handed over in the page address (`…/#1234-5678`), so an agent can send a
 * link that fills the field in. Only fills the field: the customer still presses Start.
 *
 * @param hash - `location.hash`
 * @returns the text to put into the field (empty when the hash holds no digits)
 */
export function numberFromHash(hash: string): string {
  let text: string;
  try {
    text = decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return '';
  }
  return /^[0-9][0-9 -]{0,15}$/.test(text) ? text : '';
}
