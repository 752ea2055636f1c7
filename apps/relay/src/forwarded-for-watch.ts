import type { IncomingMessage } from 'node:http';
import type { TrustedProxies } from '@fernhilfe/transport/relay';
import type { OperatorLog } from './operator-log';
import type { RelayActivity } from './relay-activity';

function peerOf(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * The loud warning about `X-Forwarded-For` from a peer that is not a trusted proxy: the relay then
 * counts every customer behind that proxy as the proxy, so all of them share one budget.
 *
 * @param peer - the proxy's address
 * @returns the warning text
 */
export function untrustedForwardWarning(peer: string): string {
  return [
    `WARNING: requests carry X-Forwarded-For from ${peer}, which is not a trusted proxy (--trust-proxy).`,
    `  Every customer behind it is counted as ${peer}, and all of them share ONE budget: 20 open connections`,
    '  for the whole service, and after 20 failed joins every customer is locked out for an hour,',
    '  even one with the correct number. Start the relay with',
    `    --trust-proxy ${peer}   (or its range, e.g. 127.0.0.0/8 or 10.0.0.0/8)`,
    '  See docs/self-hosting.md, "Behind a reverse proxy". This warning is shown once.',
  ].join('\n');
}

/**
 * Watches requests and WebSocket upgrades for `X-Forwarded-For` from untrusted peers: counts each
 * (`activity.untrustedForwards`) and warns once.
 *
 * @param trusted - the trusted proxies
 * @param log - where the warning goes
 * @param activity - the counters
 * @returns a function to call with every request and upgrade
 */
export function watchForwardedFor(
  trusted: TrustedProxies,
  log: OperatorLog,
  activity: RelayActivity,
): (request: IncomingMessage) => void {
  let warned = false;
  return (request) => {
    if (request.headers['x-forwarded-for'] === undefined) return;
    const peer = peerOf(request);
    if (trusted.has(peer)) return;
    activity.untrustedForwards++;
    if (warned) return;
    warned = true;
    log.write('warn', 'proxy-untrusted', untrustedForwardWarning(peer), { peer });
  };
}
