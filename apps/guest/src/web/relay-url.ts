/** Path of the relay's WebSocket endpoint on the server that serves this page. */
export const DEFAULT_RELAY_PATH = '/relay';

/**
 * The relay's WebSocket URL: by default `/relay` on the page's own server, `wss:` when the page
 * came over `https:`. An operator who hosts the page elsewhere names the relay in
 * `<meta name="fernhilfe-relay" content="wss://support.example.com/relay">` (a path is taken
 * relative to the page's server).
 *
 * @param page - the page's address (`location.href`)
 * @param configured - the meta tag's content, if any
 * @returns the `ws:`/`wss:` URL
 */
export function relayUrl(page: string, configured?: string | null): string {
  const url = new URL(configured?.trim() || DEFAULT_RELAY_PATH, page);
  if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol === 'http:') url.protocol = 'ws:';
  url.hash = '';
  return url.href;
}
