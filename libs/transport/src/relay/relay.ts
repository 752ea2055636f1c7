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
import { ConnectionCounter } from './connection-counter';
import { GuardedConnection } from './guarded-connection';
import { type RelayOptions, resolveRelayLimits } from './options';
import { closeOwnServer, listenOwnServer, type OwnServer } from './own-server';
import { RelayCore } from './relay-core';
import { parseTrustedProxies } from './trusted-proxies';
import { createUpgradeHandler } from './upgrade-handler';

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

/** Closes one client with `relay-shutdown`, or drops it after 2 s without a closing handshake. */
function closeClient(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, 2_000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === ws.OPEN) ws.close(TransportCloseCode[TransportErrorCode.RELAY_SHUTDOWN], 'relay-shutdown');
  });
}

/**
 * Starts the relay: on its own (`port`, optionally `tls`) or attached to an existing HTTP(S) server
 * (`server`, `path`), where it only answers WebSocket upgrades on `path` and leaves every other
 * request to the host application.
 *
 * @param options - see {@link RelayOptions}
 * @returns the running relay
 * @throws `TransportError` (of `@fernhilfe/transport`) `TRANSPORT_INVALID_ARGUMENT` for bad options (also a
 *   `trustedProxies` entry that is no address or CIDR range); the listen error of the
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
  const trusted = parseTrustedProxies(options.trustedProxies ?? []);
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

  const onUpgrade = createUpgradeHandler({
    path,
    attached: Boolean(options.server),
    trusted,
    counter,
    wss,
    closing: () => closing,
    accept,
    onError,
  });
  let own: OwnServer | undefined;
  if (options.server) options.server.on('upgrade', onUpgrade);
  else own = await listenOwnServer(options, onUpgrade);

  let closed: Promise<void> | undefined;
  return {
    address: own?.address,
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
        await Promise.all([...wss.clients].map(closeClient));
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        if (own) await closeOwnServer(own.server);
      })();
      return closed;
    },
  };
}
