import { TransportError, TransportErrorCode } from '#errors';

/**
 * Options of the cluster mode of `createRelay` (`createRelay({ cluster })`): nodes that share
 * one Redis for session numbers, rate limits and the node list, and bridge a guest who reaches
 * another node than the agent's to the agent's node.
 */
export interface ClusterOptions {
  /** Redis URL (`redis://…` or `rediss://…`); a single Redis (or Sentinel-managed primary), not Redis Cluster. */
  redisUrl: string;
  /** This node's id, unique in the cluster: letters, digits, `.`, `_`, `-`; up to 64 characters. */
  nodeId: string;
  /** Where the other nodes reach this node's relay endpoint, e.g. `ws://10.0.0.5:8080/relay` (not the load balancer). */
  advertiseUrl: string;
  /** Shared secret of the nodes (at least 32 characters) that authenticates node-to-node bridges. */
  clusterSecret: string;
  /** Prefix of every Redis key, so several clusters can share one Redis. @defaultValue `fernhilfe:` */
  keyPrefix?: string;
  /** How long a new number waits for a guest, in ms. @defaultValue 600_000 */
  waitingForGuestMs?: number;
  /** Interval of the node's heartbeat into the node list, in ms. @defaultValue 2_000 */
  nodeHeartbeatMs?: number;
  /** A node without a heartbeat for this long is gone; its waiting numbers are refused, in ms. @defaultValue 6_000 */
  nodeTimeoutMs?: number;
}

/** {@link ClusterOptions} with defaults applied. */
export type ResolvedClusterOptions = Required<ClusterOptions>;

const NODE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MIN_SECRET_CHARS = 32;

function invalid(message: string): never {
  throw new TransportError(TransportErrorCode.INVALID_ARGUMENT, `cluster: ${message}`);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) invalid(`${name} must be a positive integer`);
  return value;
}

function url(value: string, protocols: readonly string[], name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    invalid(`${name} is not a URL`);
  }
  if (!protocols.includes(parsed.protocol)) invalid(`${name} must be ${protocols.join(' or ')}`);
  return value;
}

/**
 * Checks the cluster options and applies defaults; the secret is never part of an error message.
 *
 * @param options - the cluster options
 * @returns the options with defaults
 * @throws {@link TransportError} `TRANSPORT_INVALID_ARGUMENT`
 */
export function resolveClusterOptions(options: ClusterOptions): ResolvedClusterOptions {
  if (typeof options.nodeId !== 'string' || !NODE_ID.test(options.nodeId)) {
    invalid('nodeId must be 1–64 letters, digits, ".", "_" or "-"');
  }
  if (typeof options.clusterSecret !== 'string' || options.clusterSecret.length < MIN_SECRET_CHARS) {
    invalid(`clusterSecret must have at least ${MIN_SECRET_CHARS} characters`);
  }
  const heartbeat = positive(options.nodeHeartbeatMs, 2_000, 'nodeHeartbeatMs');
  const timeout = positive(options.nodeTimeoutMs, 3 * heartbeat, 'nodeTimeoutMs');
  if (timeout <= heartbeat) invalid('nodeTimeoutMs must be longer than nodeHeartbeatMs');
  return {
    redisUrl: url(options.redisUrl, ['redis:', 'rediss:'], 'redisUrl'),
    nodeId: options.nodeId,
    advertiseUrl: url(options.advertiseUrl, ['ws:', 'wss:'], 'advertiseUrl'),
    clusterSecret: options.clusterSecret,
    keyPrefix: options.keyPrefix ?? 'fernhilfe:',
    waitingForGuestMs: positive(options.waitingForGuestMs, 600_000, 'waitingForGuestMs'),
    nodeHeartbeatMs: heartbeat,
    nodeTimeoutMs: timeout,
  };
}
