import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { RelayOptions } from './options';

/** The relay's own HTTP(S) server, listening. */
export interface OwnServer {
  /** The server; it answers plain requests with 426 and hands upgrades to the relay. */
  server: Server;
  /** Where it listens. */
  address: { host: string; port: number };
}

/**
 * Starts the relay's own server when no `server` is given: HTTPS with `tls`, else HTTP, on
 * `host` (default `localhost`) and `port`.
 *
 * @param options - the relay's `port`, `host` and `tls`
 * @param onUpgrade - handles every WebSocket upgrade
 * @returns the listening server and its address
 * @throws the listen error (e.g. `EADDRINUSE`)
 */
export async function listenOwnServer(
  options: Pick<RelayOptions, 'port' | 'host' | 'tls'>,
  onUpgrade: (request: IncomingMessage, socket: Socket, head: Buffer) => void,
): Promise<OwnServer> {
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert as string, key: options.tls.key as string })
    : createHttpServer();
  server.on('request', (_request, response) => {
    response.writeHead(426, { 'Content-Type': 'text/plain' }).end('WebSocket endpoint\n');
  });
  server.on('upgrade', onUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? 'localhost', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const info = server.address() as AddressInfo;
  return { server, address: { host: info.address, port: info.port } };
}

/**
 * Closes the server and every connection it still holds.
 *
 * @param server - the relay's own server
 */
export function closeOwnServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
