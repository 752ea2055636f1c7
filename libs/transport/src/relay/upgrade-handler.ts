import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import { TransportError, TransportErrorCode } from '#errors';
import { BRIDGE_HEADER } from '../cluster/bridge-auth';
import { clientAddress } from './client-address';
import type { ConnectionCounter } from './connection-counter';
import type { TrustedProxies } from './trusted-proxies';

/** What the relay's upgrade handler needs. */
export interface UpgradeHandlerOptions {
  /** URL path of the WebSocket endpoint. */
  path: string;
  /** Whether the relay is attached to a host's server (then other paths are the host's to answer). */
  attached: boolean;
  /** Proxies whose `X-Forwarded-For` is believed. */
  trusted: TrustedProxies;
  /** Connections per address and in all. */
  counter: ConnectionCounter;
  /** The `noServer` WebSocket server that completes the handshake. */
  wss: WebSocketServer;
  /** Whether the relay is shutting down (new connections get 503). */
  closing: () => boolean;
  /** Whether the relay drains: new peer connections get 503, bridges from other nodes are still taken. */
  draining?: () => boolean;
  /** Takes a new WebSocket from `address`. */
  accept: (ws: WebSocket, address: string) => void;
  /** Gets failures nobody else can report. */
  onError: (error: Error) => void;
  /**
   * In a cluster: checks an upgrade that carries the bridge header of another node and returns
   * what takes the bridge, or `undefined` to refuse it (401). Bridges skip the per-address limit
   * and are still taken while the relay drains.
   */
  bridge?: (request: IncomingMessage) => ((ws: WebSocket) => void) | undefined;
}

function refuseUpgrade(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroySoon?.();
}

/**
 * The relay's `upgrade` listener: other paths get 404 (on its own server; an attached relay
 * leaves them to the host), a closing relay 503, an address over its connection limits 429;
 * the rest complete the WebSocket handshake.
 *
 * @param options - see {@link UpgradeHandlerOptions}
 * @returns the listener for the HTTP server's `upgrade` event
 */
export function createUpgradeHandler(
  options: UpgradeHandlerOptions,
): (request: IncomingMessage, socket: Socket, head: Buffer) => void {
  const { path, attached, trusted, counter, wss, accept, onError } = options;
  return (request, socket, head) => {
    const pathname = (request.url ?? '/').split('?')[0];
    if (pathname !== path && attached) return;
    // The HTTP server stops listening for errors once it hands the socket over: a reset with no
    // listener would end the process. ws adds its own listener once the handshake is done.
    socket.on('error', () => socket.destroy());
    try {
      if (pathname !== path) {
        refuseUpgrade(socket, '404 Not Found');
        return;
      }
      if (options.bridge && request.headers[BRIDGE_HEADER] !== undefined) {
        const take = options.bridge(request);
        if (take === undefined || options.closing()) {
          refuseUpgrade(socket, take === undefined ? '401 Unauthorized' : '503 Service Unavailable');
          return;
        }
        wss.handleUpgrade(request, socket, head, take);
        return;
      }
      if (options.closing() || options.draining?.()) {
        refuseUpgrade(socket, '503 Service Unavailable');
        return;
      }
      const address = clientAddress(request, trusted);
      if (!counter.acquire(address)) {
        refuseUpgrade(socket, '429 Too Many Requests');
        return;
      }
      socket.once('close', () => counter.release(address));
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, address));
    } catch (cause) {
      onError(
        new TransportError(TransportErrorCode.INTERNAL, `a WebSocket upgrade failed: ${String(cause)}`, { cause }),
      );
      socket.destroy();
    }
  };
}
