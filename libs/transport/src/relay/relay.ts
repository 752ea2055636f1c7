import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import {
  createJoinRateLimiter,
  createMemoryAuditStore,
  createMemoryRegistry,
  type JoinRateLimiterStats,
} from '@fernhilfe/session';
import { type WebSocket, WebSocketServer } from 'ws';
import { TransportCloseCode, TransportError, TransportErrorCode } from '#errors';
import { resolveLimits } from '../connection';
import { RELAY_SUBPROTOCOL } from '../protocol';
import { wrapWsSocket } from '../ws-connection';
import { verifyAgentFromList } from './agent-auth';
import { clientAddress } from './client-address';
import { ConnectionCounter } from './connection-counter';
import { GuardedConnection } from './guarded-connection';
import { type RelayOptions, resolveRelayLimits } from './options';
import { RelayCore } from './relay-core';

/** What {@link Relay.stats} reports. */
export interface RelayStats {
  /** Open WebSocket connections. */
  connections: number;
  /** Paired sessions. */
  liveSessions: number;
  /** Sessions waiting for a guest. */
  waitingSessions: number;
  /** Bytes buffered towards peers, over all live sessions. */
  bufferedBytes: number;
  /** Guest `report` messages ignored (over `maxReportsPerSession`) since the relay started. */
  ignoredReports: number;
  /** Counters of the join and the agent-token rate limiter: failures by reason, refusals by rule, guessing wave, tracked keys. */
  rateLimits: { joins: JoinRateLimiterStats; agentTokens: JoinRateLimiterStats };
}

/** A running relay. */
export interface Relay {
  /** Where the relay's own server listens (`undefined` when attached to a given server). */
  readonly address: { host: string; port: number } | undefined;
  /** URL path of the WebSocket endpoint. */
  readonly path: string;
  /** @returns connections, sessions, buffered bytes, ignored reports and the rate limiters' counters */
  stats(): RelayStats;
  /**
   * Stops taking connections, ends live sessions with `relay-shutdown`, waits until every audit
   * record is written and closes the relay's own server (an attached server stays open).
   */
  close(): Promise<void>;
}

function refuseUpgrade(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroySoon?.();
}

/**
 * Starts the relay: on its own (`port`, optionally `tls`) or attached to an existing HTTP(S) server
 * (`server`, `path`), where it only answers WebSocket upgrades on `path` and leaves every other
 * request to the host application.
 *
 * @param options - see {@link RelayOptions}
 * @returns the running relay
 * @throws `TransportError` (of `@fernhilfe/transport`) `TRANSPORT_INVALID_ARGUMENT` for bad options; the listen error of the
 *   own server (e.g. `EADDRINUSE`)
 *
 * @example
 * ```ts
 * const server = http.createServer(helpdeskApp);
 * const relay = await createRelay({ server, path: '/relay', verifyAgent: async (token) => lookUp(token) });
 * server.listen(443);
 * ```
 */
export async function createRelay(options: RelayOptions): Promise<Relay> {
  const limits = resolveRelayLimits(options);
  const path = options.path ?? '/relay';
  if (!path.startsWith('/')) throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'path must start with /');
  const connectionLimits = resolveLimits({
    maxMessageBytes: limits.maxMessageBytes,
    highWaterMark: limits.maxBufferedBytesPerSession,
    maxQueuedBytes: limits.maxBufferedBytesPerSession + 2 * limits.maxMessageBytes,
    heartbeatIntervalMs: limits.heartbeatIntervalMs,
    heartbeatTimeoutMs: limits.heartbeatTimeoutMs,
  });
  const onError = options.onError ?? ((error: Error) => console.error(`[relay] ${error.name}: ${error.message}`));
  const clock = options.clock ?? Date.now;
  const rateLimiter = options.rateLimiter ?? createJoinRateLimiter({ clock });
  const agentRateLimiter = options.agentRateLimiter ?? createJoinRateLimiter({ clock });
  const core = new RelayCore({
    clock,
    registry: options.registry ?? createMemoryRegistry({ clock }),
    rateLimiter,
    agentRateLimiter,
    onNotice: options.onNotice ?? ((message: string) => console.warn(`[relay] ${message}`)),
    audit: options.audit ?? createMemoryAuditStore(),
    verifyAgent: options.verifyAgent ?? verifyAgentFromList(options.agentTokens ?? []),
    limits,
    onError,
  });
  const trusted = new Set(options.trustedProxies ?? []);
  const counter = new ConnectionCounter(limits.maxConnectionsPerIp, limits.maxConnections);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: true,
    handleProtocols: (offered) => (offered.has(RELAY_SUBPROTOCOL) ? RELAY_SUBPROTOCOL : ([...offered][0] ?? false)),
  });
  let closing = false;

  const accept = (ws: WebSocket, address: string) => {
    try {
      core.accept(new GuardedConnection(wrapWsSocket(ws, connectionLimits), onError), address);
    } catch (cause) {
      onError(
        new TransportError(TransportErrorCode.INTERNAL, `accepting a connection failed: ${String(cause)}`, { cause }),
      );
      ws.terminate();
    }
  };

  const onUpgrade = (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const pathname = (request.url ?? '/').split('?')[0];
    if (pathname !== path && options.server) return;
    // The HTTP server stops listening for errors once it hands the socket over: a reset with no
    // listener would end the process. ws adds its own listener once the handshake is done.
    socket.on('error', () => socket.destroy());
    try {
      if (pathname !== path) {
        refuseUpgrade(socket, '404 Not Found');
        return;
      }
      if (closing) {
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

  let server: Server | undefined;
  let listenAddress: { host: string; port: number } | undefined;
  if (options.server) {
    options.server.on('upgrade', onUpgrade);
  } else {
    server = options.tls
      ? createHttpsServer({ cert: options.tls.cert as string, key: options.tls.key as string })
      : createHttpServer();
    server.on('request', (_request, response) => {
      response.writeHead(426, { 'Content-Type': 'text/plain' }).end('WebSocket endpoint\n');
    });
    server.on('upgrade', onUpgrade);
    const own = server;
    await new Promise<void>((resolve, reject) => {
      own.once('error', reject);
      own.listen(options.port, options.host ?? 'localhost', () => {
        own.off('error', reject);
        resolve();
      });
    });
    const info = own.address() as AddressInfo;
    listenAddress = { host: info.address, port: info.port };
  }

  let closed: Promise<void> | undefined;
  return {
    address: listenAddress,
    path,
    stats: () => ({
      connections: counter.size,
      liveSessions: core.liveSessions,
      waitingSessions: core.waitingSessions,
      bufferedBytes: core.bufferedBytes,
      ignoredReports: core.ignoredReports,
      rateLimits: { joins: rateLimiter.stats(), agentTokens: agentRateLimiter.stats() },
    }),
    close: () => {
      closed ??= (async () => {
        closing = true;
        options.server?.off('upgrade', onUpgrade);
        await core.shutdown();
        const clients = [...wss.clients];
        await Promise.all(
          clients.map(
            (ws) =>
              new Promise<void>((resolve) => {
                if (ws.readyState === ws.CLOSED) return resolve();
                const timer = setTimeout(() => {
                  ws.terminate();
                  resolve();
                }, 2_000);
                ws.once('close', () => {
                  clearTimeout(timer);
                  resolve();
                });
                if (ws.readyState === ws.OPEN)
                  ws.close(TransportCloseCode[TransportErrorCode.RELAY_SHUTDOWN], 'relay-shutdown');
              }),
          ),
        );
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        if (server) {
          const own = server;
          await new Promise<void>((resolve) => {
            own.close(() => resolve());
            own.closeAllConnections();
          });
        }
      })();
      return closed;
    },
  };
}
