import type { IncomingMessage } from 'node:http';
import type { TrustedProxies } from './trusted-proxies';

function normalise(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * The address a request comes from: the socket's peer address, or — only when that peer is one
 * of `trustedProxies` — the right-most address in `X-Forwarded-For` that is not itself a trusted
 * proxy (what a reverse proxy appended, not what the client claimed).
 *
 * @param request - the upgrade request
 * @param trustedProxies - reverse proxies whose `X-Forwarded-For` is believed: a `TrustedProxies`
 *   from `parseTrustedProxies` (addresses and CIDR ranges), or a set of plain addresses
 * @returns the client address (`unknown` if the socket has none)
 */
export function clientAddress(
  request: IncomingMessage,
  trustedProxies: Pick<TrustedProxies, 'has'> | ReadonlySet<string>,
): string {
  const peer = normalise(request.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => normalise(part.trim()))
    .filter((part) => part !== '');
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i] as string;
    if (!trustedProxies.has(hop)) return hop.slice(0, 64);
  }
  return peer;
}
