/** Which page a policy is for: the customer page may capture the screen, the agent console may not. */
export type PageKind = 'guest' | 'viewer';

/**
 * Powerful browser features, all off; the customer page turns `display-capture` on for itself.
 * Anything a page does not list stays at the browser's default (same-origin documents only).
 */
const DISABLED_FEATURES = [
  'camera',
  'microphone',
  'geolocation',
  'usb',
  'serial',
  'hid',
  'bluetooth',
  'payment',
  'midi',
  'clipboard-read',
  'screen-wake-lock',
  'publickey-credentials-get',
];

/** Headers on every file the relay serves: no MIME sniffing, no `Referer` sent onwards. */
export const FILE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** One year: HSTS only tells browsers to keep using https for this host (no `includeSubDomains`). */
const HSTS = 'max-age=31536000';

const SOURCE = /^(?:'self'|'none'|https?:|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?)$/i;

/**
 * Reads the `frame-ancestors` sources an operator gives (`--frame-ancestors`): origins such as
 * `https://helpdesk.example.com`, `https://*.example.com`, `https:`, or `'self'` / `'none'`,
 * separated by spaces or commas.
 *
 * @param text - the option's value
 * @returns the sources, in order
 * @throws `RangeError` for an empty list or anything that is not such a source (it
 *   would end up in a response header)
 */
export function parseFrameAncestors(text: string): string[] {
  const sources = text.split(/[\s,]+/).filter((source) => source !== '');
  if (sources.length === 0) throw new RangeError('needs at least one source');
  for (const source of sources) {
    if (!SOURCE.test(source)) {
      throw new RangeError(
        `${JSON.stringify(source)} is not an origin like https://helpdesk.example.com, https:, 'self' or 'none'`,
      );
    }
  }
  if (sources.includes("'none'") && sources.length > 1) {
    throw new RangeError("'none' cannot be combined with other sources");
  }
  return sources;
}

/**
 * The Content-Security-Policy of a page: everything from the relay's own origin only (scripts,
 * styles, the encoder worker, the `ws(s):` connection to `/relay`), no inline code, no plugins,
 * and framing only by `frameAncestors`.
 *
 * @param frameAncestors - who may frame the page (`'self'` by default)
 * @returns the header value
 */
export function contentSecurityPolicy(frameAncestors: readonly string[] = ["'self'"]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/**
 * The headers every answer of a page's site carries: CSP and `Permissions-Policy`, plus
 * `X-Frame-Options: SAMEORIGIN` (for browsers without `frame-ancestors`) while framing is limited
 * to the relay's own origin.
 *
 * @param page - `guest` (the customer page, may capture the screen) or `viewer` (the agent console)
 * @param frameAncestors - who may frame the page (`'self'` by default)
 * @returns header names and values
 */
export function pageSecurityHeaders(
  page: PageKind,
  frameAncestors: readonly string[] = ["'self'"],
): Record<string, string> {
  const capture = page === 'guest' ? 'display-capture=(self)' : 'display-capture=()';
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(frameAncestors),
    'Permissions-Policy': [capture, ...DISABLED_FEATURES.map((feature) => `${feature}=()`)].join(', '),
  };
  if (frameAncestors.length === 1 && frameAncestors[0] === "'self'") headers['X-Frame-Options'] = 'SAMEORIGIN';
  return headers;
}

/**
 * `Strict-Transport-Security` for every answer when the relay serves TLS itself, else nothing.
 *
 * @param tls - whether the server is https
 * @returns header names and values
 */
export function transportSecurityHeaders(tls: boolean): Record<string, string> {
  return tls ? { 'Strict-Transport-Security': HSTS } : {};
}
