import type { SessionRecord, SessionRegistry } from '@fernhilfe/session';
import type { Connection, ResolvedConnectionLimits } from '../connection';
import { type BridgeHello, signBridgeHello, verifyBridgeHello } from './bridge-auth';
import { openBridge, pipeBridge } from './bridge-pipe';
import { NodeList } from './node-list';
import type { ClusterOptions } from './options';
import { resolveClusterOptions } from './options';
import { openRedisLink, type RedisLink } from './redis-link';
import { createRedisRegistry } from './redis-registry';
import { createSharedRateLimiter, type SharedRateLimiter } from './shared-rate-limiter';

/** What the relay gets from a started cluster node. */
export interface ClusterNodeRuntime {
  /** This node's id. */
  readonly nodeId: string;
  /** The shared session registry. */
  readonly registry: SessionRegistry;
  /** The shared join rate limiter. */
  readonly rateLimiter: SharedRateLimiter;
  /** The shared agent-token rate limiter. */
  readonly agentRateLimiter: SharedRateLimiter;
  /** Whether Redis is reachable now. */
  readonly ready: boolean;
  /**
   * Bridges a guest who claimed a session hosted by another node.
   * @returns the bridge (`ended` resolves when both sides closed), or `undefined` when the host is gone or unreachable
   */
  bridge(record: SessionRecord, guest: Connection, guestAddress: string): Promise<{ ended: Promise<void> } | undefined>;
  /**
   * @param header - the bridge header of an upgrade request
   * @returns the hello if it is signed with the cluster secret and fresh
   */
  verifyBridge(header: string | undefined): BridgeHello | undefined;
  /** Marks the node as draining in the node list. */
  drain(): Promise<void>;
  /**
   * Tells the node where its waiting sessions are, so it can write them back when Redis returns
   * empty after a restart.
   * @param source - the node's waiting sessions now
   */
  keepWaiting(source: () => SessionRecord[]): void;
  /** Leaves the node list and closes the Redis links. */
  close(): Promise<void>;
}

/** What {@link startClusterNode} needs from the relay. */
export interface ClusterNodeDeps {
  /** Clock in ms since the epoch. */
  clock: () => number;
  /** Gets failures nobody else can report (Redis outages, once each). */
  onError: (error: Error) => void;
  /** Limits of the bridge connections: the relay's peer limits. */
  connectionLimits: ResolvedConnectionLimits;
  /** Bytes buffered per direction before the other side is paused. */
  maxBufferedBytes: number;
  /** Most sessions this node hosts. */
  maxLiveSessions?: number;
}

const BRIDGE_OPEN_TIMEOUT_MS = 5_000;

/**
 * Connects a relay node to its cluster: two Redis links (commands, blocking reads), the shared
 * registry and rate limiters, the node list with heartbeats and the bridge to other nodes.
 *
 * @param options - see {@link ClusterOptions}
 * @param deps - see {@link ClusterNodeDeps}
 * @returns the running node
 * @throws `TransportError` `TRANSPORT_INVALID_ARGUMENT` for bad options, `TRANSPORT_RELAY_UNAVAILABLE`
 *   when Redis cannot be reached at start
 */
export async function startClusterNode(options: ClusterOptions, deps: ClusterNodeDeps): Promise<ClusterNodeRuntime> {
  const settings = resolveClusterOptions(options);
  const { nodeId, keyPrefix: prefix, clusterSecret } = settings;
  const links: RedisLink[] = [];
  const open = async () => {
    const link = await openRedisLink({ url: settings.redisUrl, onError: deps.onError });
    links.push(link);
    return link;
  };
  try {
    const redis = await open();
    const limiterOf = async (name: string) =>
      createSharedRateLimiter({
        redis,
        reader: await open(),
        stream: `${prefix}attempts:${name}`,
        nodeId,
        clock: deps.clock,
      });
    const rateLimiter = await limiterOf('joins');
    const agentRateLimiter = await limiterOf('agent-tokens');
    const nodes = new NodeList({
      redis,
      self: { id: nodeId, advertiseUrl: settings.advertiseUrl },
      key: `${prefix}nodes`,
      intervalMs: settings.nodeHeartbeatMs,
      timeoutMs: settings.nodeTimeoutMs,
      clock: deps.clock,
      onError: deps.onError,
    });
    await nodes.beat();
    let waiting: () => SessionRecord[] = () => [];
    const registry = createRedisRegistry({
      redis,
      nodeId,
      keyPrefix: prefix,
      clock: deps.clock,
      waitingForGuestMs: settings.waitingForGuestMs,
      maxLiveSessions: deps.maxLiveSessions,
    });
    redis.onReconnect(() => {
      void nodes.beat().catch(() => undefined);
      void registry.restore(waiting()).catch(() => undefined);
    });
    return {
      nodeId,
      registry,
      rateLimiter,
      agentRateLimiter,
      get ready() {
        return redis.ready;
      },
      async bridge(record, guest, guestAddress) {
        const host = record.host === undefined ? undefined : await nodes.find(record.host);
        if (host === undefined) return undefined;
        const hello: BridgeHello = { from: nodeId, sessionId: record.id, guestAddress, at: deps.clock() };
        let bridge: Connection;
        try {
          bridge = await openBridge(
            host.advertiseUrl,
            signBridgeHello(hello, clusterSecret),
            deps.connectionLimits,
            BRIDGE_OPEN_TIMEOUT_MS,
          );
        } catch {
          return undefined;
        }
        return { ended: pipeBridge(guest, bridge, deps.maxBufferedBytes) };
      },
      verifyBridge: (header) => verifyBridgeHello(header, clusterSecret, deps.clock()),
      drain: () => nodes.drain(),
      keepWaiting(source) {
        waiting = source;
      },
      async close() {
        await nodes.leave();
        await Promise.all([rateLimiter.close(), agentRateLimiter.close()]);
        await redis.close();
      },
    };
  } catch (error) {
    await Promise.all(links.map((link) => link.close()));
    throw error;
  }
}
