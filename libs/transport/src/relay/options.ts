import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AuditStore, JoinRateLimiter, SessionRegistry } from '@fernhilfe/session';
import { TransportError, TransportErrorCode } from '#errors';
import type { ClusterOptions } from '../cluster/options';
import type { AgentTokenEntry, VerifyAgent } from './agent-auth';

/** Options of `createRelay`. Give either `server` (embed) or `port` (listen on its own). */
export interface RelayOptions {
  /** An existing `http.Server`/`https.Server` to attach to; the relay only takes upgrades on `path`. */
  server?: HttpServer | HttpsServer;
  /**
   * URL path of the WebSocket endpoint.
   * @defaultValue `/relay`
   */
  path?: string;
  /** Port to listen on when no `server` is given (0 picks a free port). */
  port?: number;
  /**
   * Host to listen on when no `server` is given.
   * @defaultValue `localhost`
   */
  host?: string;
  /** PEM certificate and key: the relay's own server then speaks `wss:` (ignored with `server`). */
  tls?: { cert: string | Uint8Array; key: string | Uint8Array };
  /** Static agent tokens (the embedded default). */
  agentTokens?: readonly AgentTokenEntry[];
  /** Hook that verifies an agent token (for helpdesks); wins over `agentTokens`. */
  verifyAgent?: VerifyAgent;
  /** Session registry. @defaultValue `createMemoryRegistry()` (with `cluster`: the shared Redis registry) */
  registry?: SessionRegistry;
  /**
   * Runs the relay as one node of a cluster that shares a Redis: session numbers, rate limits
   * and the node list live in Redis, and a guest who reaches another node than the agent's is
   * bridged to the agent's node. Excludes `registry`, `rateLimiter` and `agentRateLimiter`. The
   * Redis client is loaded only with this option. @defaultValue none (a single relay)
   */
  cluster?: ClusterOptions;
  /** Rate limiter of joins (session-number guessing). @defaultValue `createJoinRateLimiter()` */
  rateLimiter?: JoinRateLimiter;
  /**
   * Rate limiter of agent tokens, a budget separate from joins so that a mistyped token behind a
   * customer's NAT never delays the customer. @defaultValue `createJoinRateLimiter()`
   */
  agentRateLimiter?: JoinRateLimiter;
  /** Audit store; every step is appended and awaited before it is acknowledged. @defaultValue `createMemoryAuditStore()` */
  audit?: AuditStore;
  /**
   * Reverse proxies whose `X-Forwarded-For` is trusted for the client address: IPv4/IPv6 addresses
   * and CIDR ranges (`127.0.0.0/8`); anything else is refused with `TRANSPORT_INVALID_ARGUMENT`.
   * @defaultValue none
   */
  trustedProxies?: readonly string[];
  /** Largest WebSocket message in bytes. @defaultValue 1 MiB */
  maxMessageBytes?: number;
  /** Bytes buffered towards a slow peer before the relay stops reading from the other one. @defaultValue 1 MiB */
  maxBufferedBytesPerSession?: number;
  /** Open connections per client address. @defaultValue 20 */
  maxConnectionsPerIp?: number;
  /** Open connections in total. @defaultValue 10000 */
  maxConnections?: number;
  /** Time a new connection has to send `create` or `join`, in ms. @defaultValue 10000 */
  helloTimeoutMs?: number;
  /** Ping interval towards peers, in ms. @defaultValue 15000 */
  heartbeatIntervalMs?: number;
  /** A peer silent this long is dropped (session ends with `peer-lost`), in ms. @defaultValue 45000 */
  heartbeatTimeoutMs?: number;
  /** How often waiting sessions are checked for expiry, in ms. @defaultValue 5000 */
  expirySweepMs?: number;
  /**
   * Guest `report` messages audited per session; later ones are ignored and counted in
   * `stats().ignoredReports`. @defaultValue 64
   */
  maxReportsPerSession?: number;
  /**
   * Milliseconds since the epoch: dates the audit records, spaces the operator's guessing-wave lines
   * and drives the default registry and rate limiters (a given `registry` or `rateLimiter` keeps its
   * own clock). Heartbeats and timeouts run on real timers. @defaultValue `Date.now`
   */
  clock?: () => number;
  /** Called with failures the relay cannot report to a peer (audit write errors, …); never with secrets. */
  onError?: (error: Error) => void;
  /**
   * Called with lines for the operator that are no error: a guessing wave started or ended (at most
   * one line per minute per rate limiter). @defaultValue writes `[relay] <line>` to `console.warn`
   */
  onNotice?: (message: string) => void;
}

/** Numeric limits of {@link RelayOptions} with defaults applied. */
export interface RelayLimits {
  /** See {@link RelayOptions.maxMessageBytes}. */
  maxMessageBytes: number;
  /** See {@link RelayOptions.maxBufferedBytesPerSession}. */
  maxBufferedBytesPerSession: number;
  /** See {@link RelayOptions.maxConnectionsPerIp}. */
  maxConnectionsPerIp: number;
  /** See {@link RelayOptions.maxConnections}. */
  maxConnections: number;
  /** See {@link RelayOptions.helloTimeoutMs}. */
  helloTimeoutMs: number;
  /** See {@link RelayOptions.heartbeatIntervalMs}. */
  heartbeatIntervalMs: number;
  /** See {@link RelayOptions.heartbeatTimeoutMs}. */
  heartbeatTimeoutMs: number;
  /** See {@link RelayOptions.expirySweepMs}. */
  expirySweepMs: number;
  /** See {@link RelayOptions.maxReportsPerSession}. */
  maxReportsPerSession: number;
}

/** Default {@link RelayLimits}. */
export const DEFAULT_RELAY_LIMITS: Readonly<RelayLimits> = Object.freeze({
  maxMessageBytes: 1024 * 1024,
  maxBufferedBytesPerSession: 1024 * 1024,
  maxConnectionsPerIp: 20,
  maxConnections: 10_000,
  helloTimeoutMs: 10_000,
  heartbeatIntervalMs: 15_000,
  heartbeatTimeoutMs: 45_000,
  expirySweepMs: 5_000,
  maxReportsPerSession: 64,
});

/**
 * Applies defaults and checks every limit.
 *
 * @param options - relay options
 * @returns the limits
 * @throws {@link TransportError} `TRANSPORT_INVALID_ARGUMENT`
 */
export function resolveRelayLimits(options: RelayOptions): RelayLimits {
  const limits = { ...DEFAULT_RELAY_LIMITS };
  for (const key of Object.keys(DEFAULT_RELAY_LIMITS) as Array<keyof RelayLimits>) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, `${key} must be a positive integer`);
    }
    limits[key] = value;
  }
  if (!options.server && options.port === undefined) {
    throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'give either server or port');
  }
  if (options.cluster && (options.registry || options.rateLimiter || options.agentRateLimiter)) {
    throw new TransportError(
      TransportErrorCode.INVALID_ARGUMENT,
      'cluster brings its own registry and rate limiters: give either cluster or those',
    );
  }
  if (!options.verifyAgent && !options.agentTokens) {
    throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, 'give verifyAgent or agentTokens');
  }
  return limits;
}
