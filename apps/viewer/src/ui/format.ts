/**
 * Groups a session number for reading aloud: `12345678` → `1234 5678`.
 *
 * @param digits - the number, digits only
 * @returns groups of four separated by a space (a shorter last group when the length is not a multiple of 4)
 */
export function groupSessionNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Spaces a security code for reading aloud: `123456` → `123 456`.
 *
 * @param code - six digits
 * @returns two groups of three
 */
export function groupSecurityCode(code: string): string {
  return code.replace(/^(\d{3})(\d{3})$/, '$1 $2');
}

/**
 * @param milliseconds - a duration, negative counts as 0
 * @returns `m:ss` below an hour, `h:mm:ss` above
 */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * Countdown to an instant, rounded up so it reaches `0:00` exactly at expiry.
 *
 * @param expiresAt - ms since epoch
 * @param now - ms since epoch
 * @returns `m:ss`
 */
export function formatCountdown(expiresAt: number, now: number): string {
  return formatDuration(Math.ceil(Math.max(0, expiresAt - now) / 1000) * 1000);
}

/**
 * @param value - a figure
 * @param digits - decimals
 * @param lang - language for the decimal separator
 * @returns the figure with a fixed number of decimals
 */
export function formatFigure(value: number, digits: number, lang: string): string {
  return value.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
