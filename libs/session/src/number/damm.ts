/**
 * Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, "Total anti-symmetrische
 * Quasigruppen", 2004). A check digit from it detects every single-digit error and every
 * transposition of neighbouring digits.
 */
const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammInterim(digits: string): number {
  let interim = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) throw new RangeError(`dammCheckDigit: not an ASCII digit at ${i}`);
    interim = DAMM_TABLE[interim]![digit]!;
  }
  return interim;
}

/**
 * Damm check digit of a string of ASCII digits.
 *
 * @param digits - one or more ASCII digits `0-9`
 * @returns the check digit (0–9) to append
 * @throws RangeError if `digits` contains anything but ASCII digits
 */
export function dammCheckDigit(digits: string): number {
  return dammInterim(digits);
}

/**
 * Whether a string of ASCII digits ends in its correct Damm check digit.
 *
 * @param digitsWithCheck - digits followed by their check digit
 * @returns `true` when the check digit matches (the whole string reduces to 0)
 * @throws RangeError if the string contains anything but ASCII digits
 */
export function dammIsValid(digitsWithCheck: string): boolean {
  return digitsWithCheck.length > 0 && dammInterim(digitsWithCheck) === 0;
}
