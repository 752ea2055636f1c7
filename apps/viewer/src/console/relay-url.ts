/** Path of the relay's WebSocket endpoint on the host that serves the console. */
export const DEFAULT_RELAY_PATH = '/relay';

/**
 * The relay URL the console uses: `?relay=` when given, else the relay endpoint on the
 * console's own host (`wss:` for `https:` pages, `ws:` otherwise).
 *
 * @param location - the page location (`protocol`, `host`, `search`)
 * @returns a WebSocket URL
 */
export function consoleRelayUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const explicit = new URLSearchParams(location.search).get('relay');
  if (explicit) return explicit;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${DEFAULT_RELAY_PATH}`;
}
