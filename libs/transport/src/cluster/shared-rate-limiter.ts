import {
  createJoinRateLimiter,
  JOIN_FAILURE_REASONS,
  type JoinFailureReason,
  type JoinRateLimiter,
  type JoinRateLimiterOptions,
} from '@fernhilfe/session';
import type { RedisLink } from './redis-link';

/** Options of {@link createSharedRateLimiter}. */
export interface SharedRateLimiterOptions {
  /** Link for appending attempts. */
  redis: RedisLink;
  /** A second link for the blocking reads; the limiter owns it and closes it in `close`. */
  reader: RedisLink;
  /** The Redis stream of attempts (one per limiter: joins, agent tokens). */
  stream: string;
  /** This node's id (its own entries are not applied twice). */
  nodeId: string;
  /** Policies of the limiter, the same on every node. */
  limiter?: Omit<JoinRateLimiterOptions, 'clock'>;
  /** Clock in ms since the epoch. @defaultValue `Date.now` */
  clock?: () => number;
  /** Most entries the stream keeps (approximately). @defaultValue 100_000 */
  maxEntries?: number;
  /** How far back a starting node replays the stream, in ms. @defaultValue 21_600_000 (6 h, the default per-network memory) */
  replayMs?: number;
}

/** A {@link JoinRateLimiter} whose attempts all nodes see; `close` stops reading. */
export interface SharedRateLimiter extends JoinRateLimiter {
  /** Stops reading, closes the reader link and waits for the read loop. */
  close(): Promise<void>;
}

const BLOCK_MS = 1_000;
const READ_COUNT = 512;
const MAX_OUTBOX = 10_000;
const RETRY_MS = 250;

type StreamEntry = [id: string, fields: string[]];
type StreamReply = Array<[stream: string, entries: StreamEntry[]]> | null;

const REASONS: ReadonlySet<string> = new Set(JOIN_FAILURE_REASONS);

/**
 * A join rate limiter shared by the nodes of a cluster: each node keeps the full limiter of
 * `@fernhilfe/session` (per address, per network, global budget and guessing waves) and appends
 * every failure and success to a Redis stream, which every node reads and applies to its own
 * copy. So a guesser who spreads attempts over all nodes meets the same delays as on one node;
 * a decision needs no Redis round trip, and while Redis is down a node still limits with what
 * it knows (its own attempts are appended once Redis is back). A new node replays the stream.
 * Attempts on different nodes within one stream round trip (well under a millisecond on a LAN)
 * may each pass before they see each other.
 *
 * @param options - see {@link SharedRateLimiterOptions}
 * @returns the limiter (reading already)
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): SharedRateLimiter {
  const { redis, reader, stream, nodeId } = options;
  const clock = options.clock ?? Date.now;
  const maxEntries = String(options.maxEntries ?? 100_000);
  // Remote attempts count at the time they happened, not when they arrived.
  let appliedAt: number | undefined;
  const local = createJoinRateLimiter({ ...options.limiter, clock: () => appliedAt ?? clock() });
  const outbox: string[][] = [];
  let lastId = '0-0';
  let running = true;

  const apply = (entry: StreamEntry) => {
    const [id, fields] = entry;
    lastId = id;
    const field = (name: string) => fields[fields.indexOf(name) + 1];
    if (field('node') === nodeId) return;
    const address = field('address');
    const kind = field('kind');
    if (address === undefined) return;
    appliedAt = Math.min(clock(), Number(id.split('-')[0]));
    try {
      if (kind === 'success') local.recordSuccess(address);
      else local.recordFailure(address, REASONS.has(kind ?? '') ? (kind as JoinFailureReason) : 'unknown');
    } finally {
      appliedAt = undefined;
    }
  };

  // One flush at a time, so no attempt is appended twice.
  let flushing: Promise<void> | undefined;
  const flush = () => {
    flushing ??= (async () => {
      try {
        while (outbox.length > 0) {
          await redis.command(outbox[0]!);
          outbox.shift();
        }
      } finally {
        flushing = undefined;
      }
    })();
    return flushing;
  };

  const append = (kind: string, address: string) => {
    outbox.push(['XADD', stream, 'MAXLEN', '~', maxEntries, '*', 'node', nodeId, 'kind', kind, 'address', address]);
    if (outbox.length > MAX_OUTBOX) outbox.shift();
    void flush().catch(() => undefined);
  };

  const read = async () => {
    const since = String(Math.max(0, clock() - (options.replayMs ?? 21_600_000)));
    while (running) {
      try {
        if (lastId === '0-0') {
          const history = await reader.command<StreamEntry[]>(['XRANGE', stream, since, '+', 'COUNT', '100000']);
          for (const entry of history) apply(entry);
          if (lastId === '0-0') lastId = `${since}-0`;
        }
        const reply = await reader.command<StreamReply>([
          'XREAD',
          'COUNT',
          String(READ_COUNT),
          'BLOCK',
          String(BLOCK_MS),
          'STREAMS',
          stream,
          lastId,
        ]);
        for (const [, entries] of reply ?? []) for (const entry of entries) apply(entry);
        if (outbox.length > 0) await flush();
      } catch {
        if (running) await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    }
  };
  const reading = read();

  return {
    check: (address) => local.check(address),
    recordFailure(address, reason = 'unknown') {
      append(reason, address);
      return local.recordFailure(address, reason);
    },
    recordSuccess(address) {
      append('success', address);
      local.recordSuccess(address);
    },
    get wave() {
      return local.wave;
    },
    get trackedIps() {
      return local.trackedIps;
    },
    stats: () => local.stats(),
    async close() {
      running = false;
      await reader.close();
      await reading;
    },
  };
}
