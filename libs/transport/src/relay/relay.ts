import type { IncomingMessage } from 'node:http';
import {
  createJoinRateLimiter,
  createMemoryAuditStore,
  createMemoryRegistry,
  type JoinRateLimiterStats,
} from '@fernhilfe/session';
import { type WebSocket, WebSocketServer } from 'ws';
import { TransportCloseCode, TransportError, TransportErrorCode } from '#errors';
import { BRIDGE_HEADER } from '../cluster/bridge-auth';
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
  /** Guests of this node bridged to sessions hosted by other nodes (0 without a cluster). */
  bridgedSessions: number;
  /** Whether the relay drains (see {@link Relay.drain}). */
  draining: boolean;
}

/** A running relay. */
export interface Relay {
  /** Where the relay's own server listens (`undefined` when attached to a given server). */
  readonly address: { host: string; port: number } | undefined;
  /** URL path of the WebSocket endpoint. */
  readonly path: string;
  /** This node's id in a cluster (`undefined` on a single relay). */
  readonly nodeId: string | undefined;
  /** @returns connections, sessions, buffered bytes, ignored reports and the rate limiters' counters */
  stats(): RelayStats;
  /**
   * Whether a load balancer should send new clients here: not draining or closing, and in a
   * cluster Redis is reachable. Serve it as a readiness check (`/readyz`).
   */
  readonly ready: boolean;
  /**
   * Drains, then closes: takes no new peer connections (upgrades get 503, `ready` turns false,
   * the node list says `draining`), keeps live and waiting sessions and bridges from other nodes
   * until they have all ended or `timeoutMs` passed, then does what {@link Relay.close} does.
   *
   * @param timeoutMs - longest wait for the sessions to end
   */
  drain(timeoutMs: number): Promise<void>;
  /**
   * Stops taking connections, ends live sessions with `relay-shutdown`, waits until every audit
   * record is written and closes the relay's own server (an attached server stays open).
   */
  close(): Promise<void>;
}

/** How often a draining relay looks whether its sessions have ended, in ms. */
const DRAIN_POLL_MS = 250;

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
  const cluster = options.cluster
    ? await (await import('#cluster')).startClusterNode(options.cluster, {
        clock,
        onError,
        connectionLimits,
        maxBufferedBytes: limits.maxBufferedBytesPerSession,
      })
    : undefined;
  const rateLimiter = cluster?.rateLimiter ?? options.rateLimiter ?? createJoinRateLimiter({ clock });
  const agentRateLimiter = cluster?.agentRateLimiter ?? options.agentRateLimiter ?? createJoinRateLimiter({ clock });
  const core = new RelayCore({
    clock,
    cluster,
    registry: cluster?.registry ?? options.registry ?? createMemoryRegistry({ clock }),
    rateLimiter,
    agentRateLimiter,
    onNotice: options.onNotice ?? ((message: string) => console.warn(`[relay] ${message}`)),
    audit: options.audit ?? createMemoryAuditStore(),
    verifyAgent: options.verifyAgent ?? verifyAgentFromList(options.agentTokens ?? []),
    limits,
    onError,
  });
  cluster?.keepWaiting(() => core.waitingRecords());
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
  let draining = false;

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

  const acceptBridge = (request: IncomingMessage) => {
    const header = request.headers[BRIDGE_HEADER];
    const hello = cluster?.verifyBridge(typeof header === 'string' ? header : undefined);
    if (hello === undefined) return undefined;
    return (ws: WebSocket) => {
      try {
        core.acceptBridge(
          new GuardedConnection(wrapWsSocket(ws, connectionLimits), onError),
          hello.sessionId,
          hello.guestAddress,
        );
      } catch (cause) {
        onError(
          new TransportError(TransportErrorCode.INTERNAL, `accepting a bridge failed: ${String(cause)}`, { cause }),
        );
        ws.terminate();
      }
    };
  };
  const onUpgrade = createUpgradeHandler({
    path,
    attached: Boolean(options.server),
    trusted,
    counter,
    wss,
    closing: () => closing,
    draining: () => draining,
    accept,
    onError,
    ...(cluster ? { bridge: acceptBridge } : {}),
  });
  let own: OwnServer | undefined;
  if (options.server) options.server.on('upgrade', onUpgrade);
  else own = await listenOwnServer(options, onUpgrade);

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      options.server?.off('upgrade', onUpgrade);
      await core.shutdown();
      await Promise.all([...wss.clients].map(closeClient));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (own) await closeOwnServer(own.server);
      await cluster?.close();
    })();
    return closed;
  };
  const busy = () => core.liveSessions + core.waitingSessions + core.bridgedSessions > 0;
  return {
    address: own?.address,
    path,
    nodeId: cluster?.nodeId,
    get ready() {
      return !closing && !draining && (cluster?.ready ?? true);
    },
    drain: async (timeoutMs) => {
      if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0) {
        throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'timeoutMs must be an integer ≥ 0');
      }
      draining = true;
      await cluster?.drain();
      const deadline = Date.now() + timeoutMs;
      while (busy() && Date.now() < deadline && !closing) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(DRAIN_POLL_MS, Math.max(1, deadline - Date.now()))),
        );
      }
      await close();
    },
    stats: () => ({
      connections: counter.size,
      liveSessions: core.liveSessions,
      waitingSessions: core.waitingSessions,
      bufferedBytes: core.bufferedBytes,
      ignoredReports: core.ignoredReports,
      rateLimits: { joins: rateLimiter.stats(), agentTokens: agentRateLimiter.stats() },
      bridgedSessions: core.bridgedSessions,
      draining,
    }),
    close,
  };
}
