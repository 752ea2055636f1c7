import type { RedisLink } from './redis-link';

/** A node as the others see it in Redis. */
export interface ClusterNode {
  /** The node's id. */
  id: string;
  /** Where other nodes reach its relay endpoint, e.g. `ws://10.0.0.5:8080/relay`. */
  advertiseUrl: string;
  /** `serving`, or `draining` (no new sessions; its live ones go on). */
  state: 'serving' | 'draining';
  /** Its last heartbeat, ms since the epoch. */
  seenAt: number;
}

/** Options of {@link NodeList}. */
export interface NodeListOptions {
  /** The node's Redis link. */
  redis: RedisLink;
  /** This node. */
  self: Omit<ClusterNode, 'seenAt' | 'state'>;
  /** Key of the hash of nodes. */
  key: string;
  /** Heartbeat interval in ms. */
  intervalMs: number;
  /** A node whose heartbeat is older than this is gone, in ms. */
  timeoutMs: number;
  /** Clock in ms since the epoch. */
  clock: () => number;
  /** Gets failed heartbeats (the link reports outages once; this is for the rest). */
  onError: (error: Error) => void;
}

function parseNode(id: string, text: string | null | undefined): ClusterNode | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ClusterNode>;
    if (typeof value.advertiseUrl !== 'string' || typeof value.seenAt !== 'number') return undefined;
    return {
      id,
      advertiseUrl: value.advertiseUrl,
      state: value.state === 'draining' ? 'draining' : 'serving',
      seenAt: value.seenAt,
    };
  } catch {
    return undefined;
  }
}

/**
 * The live node list: this node writes its entry (URL, state, time) into a Redis hash every
 * `intervalMs`; a node whose entry is older than `timeoutMs` counts as gone, and entries gone for
 * ten timeouts are removed by whoever lists the nodes.
 */
export class NodeList {
  readonly #options: NodeListOptions;
  readonly #timer: ReturnType<typeof setInterval>;
  #state: ClusterNode['state'] = 'serving';

  /** @param options - see {@link NodeListOptions} */
  constructor(options: NodeListOptions) {
    this.#options = options;
    this.#timer = setInterval(() => void this.beat().catch(() => undefined), options.intervalMs);
    this.#timer.unref();
  }

  /**
   * Writes this node's entry now.
   * @throws `TRANSPORT_RELAY_UNAVAILABLE` while Redis is unreachable
   */
  async beat(): Promise<void> {
    const { redis, self, key, clock } = this.#options;
    const entry: Omit<ClusterNode, 'id'> = { advertiseUrl: self.advertiseUrl, state: this.#state, seenAt: clock() };
    await redis.command(['HSET', key, self.id, JSON.stringify(entry)]);
  }

  /**
   * Marks this node as draining (and tells Redis at once, if it can).
   */
  async drain(): Promise<void> {
    this.#state = 'draining';
    await this.beat().catch(() => undefined);
  }

  /**
   * @param id - a node id
   * @returns the node if its heartbeat is recent, else `undefined`
   * @throws `TRANSPORT_RELAY_UNAVAILABLE` while Redis is unreachable
   */
  async find(id: string): Promise<ClusterNode | undefined> {
    const node = parseNode(id, await this.#options.redis.command<string | null>(['HGET', this.#options.key, id]));
    return node && this.#options.clock() - node.seenAt < this.#options.timeoutMs ? node : undefined;
  }

  /**
   * @returns the nodes with a recent heartbeat
   * @throws `TRANSPORT_RELAY_UNAVAILABLE` while Redis is unreachable
   */
  async list(): Promise<ClusterNode[]> {
    const { redis, key, clock, timeoutMs } = this.#options;
    const flat = await redis.command<string[]>(['HGETALL', key]);
    const now = clock();
    const live: ClusterNode[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const id = flat[i]!;
      const node = parseNode(id, flat[i + 1]);
      if (node && now - node.seenAt < timeoutMs) live.push(node);
      else if (!node || now - node.seenAt > 10 * timeoutMs) await redis.command(['HDEL', key, id]);
    }
    return live;
  }

  /** Stops the heartbeats and removes this node's entry (if Redis can be reached). */
  async leave(): Promise<void> {
    clearInterval(this.#timer);
    await this.#options.redis.command(['HDEL', this.#options.key, this.#options.self.id]).catch(() => undefined);
  }
}
