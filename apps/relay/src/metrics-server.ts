import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RelayStats } from '@fernhilfe/transport/relay';
import { serveMetrics } from './metrics';
import type { RelayActivity } from './relay-activity';

/** The separate `/metrics` listener of `--metrics-listen`. */
export interface MetricsServer {
  /** `http://HOST:PORT/metrics`. */
  url: string;
  /** Stops listening. */
  close(): Promise<void>;
}

/**
 * Serves `/metrics` (and nothing else: 404) on an address of its own, e.g. 127.0.0.1:9464, so the
 * public port behind a proxy never shows it.
 *
 * @param address - where to listen
 * @param stats - reads the relay's counters
 * @param activity - the counters from the audit records
 * @returns the listening server
 * @throws the listen error (e.g. `EADDRINUSE`)
 */
export async function listenMetrics(
  address: { host: string; port: number },
  stats: () => RelayStats,
  activity: RelayActivity,
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    if ((request.url ?? '/').split('?')[0] === '/metrics') serveMetrics(request, response, stats, activity);
    else response.writeHead(404, { 'Content-Type': 'text/plain' }).end('only /metrics here\n');
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(address.port, address.host, () => {
      server.off('error', fail);
      done();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
