import {
  type ClaimResult,
  type CreateSessionInput,
  DEFAULT_LIFECYCLE_TIMEOUTS,
  type EndReason,
  generateSessionNumber,
  isEndReason,
  type RandomSource,
  SessionError,
  SessionErrorCode,
  type SessionRecord,
  type SessionRegistry,
} from '@fernhilfe/session';
import type { RedisLink } from './redis-link';

/** Options of {@link createRedisRegistry}. */
export interface RedisRegistryOptions {
  /** The node's Redis connection. */
  redis: RedisLink;
  /** Id of this node: sessions created here are hosted here. */
  nodeId: string;
  /** Prefix of every key. @defaultValue `fernhilfe:` */
  keyPrefix?: string;
  /** Clock in ms since the epoch. @defaultValue `Date.now` */
  clock?: () => number;
  /** How long a new number waits for a guest. @defaultValue 600_000 */
  waitingForGuestMs?: number;
  /** How long a used or expired number stays reserved after its session ended. @defaultValue 86_400_000 */
  retainRetiredMs?: number;
  /** Most sessions this node hosts at once. @defaultValue 10_000 */
  maxLiveSessions?: number;
  /** Random source for numbers and ids. @defaultValue `crypto.getRandomValues` */
  random?: RandomSource;
}

// KEYS: number hash, id → number, host's set; ARGV: id, host, agent, now, expiresAt, ttl, maxLive, number
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[7]) then return -1 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'number', ARGV[8], 'host', ARGV[2], 'state', 'waiting',
  'agent', ARGV[3], 'createdAt', ARGV[4], 'expiresAt', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('SET', KEYS[2], ARGV[8], 'PX', ARGV[6])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
return 1`;

// KEYS: number hash; ARGV: now, retain, prefix (the host's set is named by the hash's host)
const CLAIM = `
local h = redis.call('HGETALL', KEYS[1])
if #h == 0 then return {'unknown'} end
local r = {}
for i = 1, #h, 2 do r[h[i]] = h[i + 1] end
local now = tonumber(ARGV[1])
local hostSet = ARGV[3] .. 'h:' .. r.host
if r.state == 'waiting' and now >= tonumber(r.expiresAt) then
  redis.call('HSET', KEYS[1], 'state', 'ended', 'endedAt', ARGV[1], 'endReason', 'expired')
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('ZREM', hostSet, r.id)
  return {'expired'}
end
if r.state ~= 'waiting' then
  if r.joinedAt then return {'taken'} end
  return {'expired'}
end
redis.call('HSET', KEYS[1], 'state', 'joined', 'joinedAt', ARGV[1])
redis.call('ZADD', hostSet, '+inf', r.id)
return redis.call('HGETALL', KEYS[1])`;

// KEYS: id → number; ARGV: now, retain, reason, prefix, '1' to end only a waiting session past its deadline
const END = `
local number = redis.call('GET', KEYS[1])
if not number then return {} end
local key = ARGV[4] .. 'n:' .. number
local state = redis.call('HGET', key, 'state')
if not state then return {} end
if ARGV[5] == '1' and (state ~= 'waiting' or tonumber(redis.call('HGET', key, 'expiresAt')) > tonumber(ARGV[1])) then
  return {}
end
if state ~= 'ended' then
  local host = redis.call('HGET', key, 'host')
  redis.call('HSET', key, 'state', 'ended', 'endedAt', ARGV[1], 'endReason', ARGV[3])
  redis.call('PEXPIRE', key, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  redis.call('ZREM', ARGV[4] .. 'h:' .. host, redis.call('HGET', key, 'id'))
end
return redis.call('HGETALL', key)`;

const NUMBER_ATTEMPTS = 32;

function randomId(random: RandomSource): string {
  const words = new Uint32Array(4);
  random(words);
  return Array.from(words, (word) => word.toString(16).padStart(8, '0')).join('');
}

/** Turns a flat `HGETALL` reply into a record. */
function toRecord(flat: readonly string[]): SessionRecord {
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i]!, flat[i + 1]!);
  const time = (name: string) => (fields.has(name) ? Number(fields.get(name)) : undefined);
  const endReason = fields.get('endReason');
  return {
    id: fields.get('id') ?? '',
    number: fields.get('number') ?? '',
    state: (fields.get('state') ?? 'ended') as SessionRecord['state'],
    agent: JSON.parse(fields.get('agent') ?? '{}') as SessionRecord['agent'],
    createdAt: time('createdAt') ?? 0,
    expiresAt: time('expiresAt') ?? 0,
    ...(fields.has('joinedAt') ? { joinedAt: time('joinedAt') } : {}),
    ...(fields.has('endedAt') ? { endedAt: time('endedAt') } : {}),
    ...(endReason !== undefined && isEndReason(endReason) ? { endReason } : {}),
    ...(fields.has('host') ? { host: fields.get('host') } : {}),
  };
}

/** The Redis registry: a {@link SessionRegistry} that can also put back its node's waiting sessions. */
export interface RedisRegistry extends SessionRegistry {
  /**
   * Writes waiting sessions of this node back into Redis unless their number is there already:
   * after Redis restarted empty, their guests can still join.
   * @param records - the node's waiting sessions
   * @returns how many were written back
   */
  restore(records: readonly SessionRecord[]): Promise<number>;
}

/**
 * A {@link SessionRegistry} shared by the nodes of a cluster through Redis. Each method is one
 * Lua script, so creating a number and claiming it are atomic across the cluster; a number stays
 * reserved for `retainRetiredMs` after its session ended (a Redis key TTL). Every session records
 * its `host`, the node that created it. `listLive` and `expire` see the sessions hosted by this
 * node. Fails with `TRANSPORT_RELAY_UNAVAILABLE` while Redis is unreachable.
 *
 * @param options - see {@link RedisRegistryOptions}
 * @returns the registry
 */
export function createRedisRegistry(options: RedisRegistryOptions): RedisRegistry {
  const { redis, nodeId } = options;
  const prefix = options.keyPrefix ?? 'fernhilfe:';
  const clock = options.clock ?? Date.now;
  const waitingMs = options.waitingForGuestMs ?? DEFAULT_LIFECYCLE_TIMEOUTS.waitingForGuestMs;
  const retainMs = options.retainRetiredMs ?? 86_400_000;
  const maxLive = options.maxLiveSessions ?? 10_000;
  const random = options.random ?? ((array: Uint32Array) => globalThis.crypto.getRandomValues(array));
  const hostSet = `${prefix}h:${nodeId}`;

  const endAt = async (id: string, reason: EndReason, now: number, onlyOverdue: boolean) => {
    const flat = await redis.eval<string[]>(
      END,
      [`${prefix}s:${id}`],
      [String(now), String(retainMs), reason, prefix, onlyOverdue ? '1' : '0'],
    );
    return flat.length === 0 ? undefined : toRecord(flat);
  };

  const get = async (id: string): Promise<SessionRecord | undefined> => {
    const number = await redis.command<string | null>(['GET', `${prefix}s:${id}`]);
    if (number === null) return undefined;
    const flat = await redis.command<string[]>(['HGETALL', `${prefix}n:${number}`]);
    return flat.length === 0 ? undefined : toRecord(flat);
  };

  return {
    async create(input: CreateSessionInput) {
      const id = randomId(random);
      const agent = JSON.stringify({ ...input.agent });
      for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
        const now = clock();
        const number = await generateSessionNumber({ random });
        const created = await redis.eval<number>(
          CREATE,
          [`${prefix}n:${number}`, `${prefix}s:${id}`, hostSet],
          [
            id,
            nodeId,
            agent,
            String(now),
            String(now + waitingMs),
            String(waitingMs + retainMs),
            String(maxLive),
            number,
          ],
        );
        if (created === -1) throw new SessionError(SessionErrorCode.REGISTRY_FULL, `node hosts ${maxLive} sessions`);
        if (created === 1) {
          return {
            id,
            number,
            state: 'waiting',
            agent: { ...input.agent },
            createdAt: now,
            expiresAt: now + waitingMs,
            host: nodeId,
          };
        }
      }
      throw new SessionError(SessionErrorCode.NUMBER_SPACE_EXHAUSTED, `no free number in ${NUMBER_ATTEMPTS} attempts`);
    },

    async restore(records) {
      let restored = 0;
      for (const record of records) {
        const left = record.expiresAt - clock();
        if (record.state !== 'waiting' || left <= 0) continue;
        const agent = JSON.stringify(record.agent);
        const times = [String(record.createdAt), String(record.expiresAt), String(left + retainMs)];
        const created = await redis.eval<number>(
          CREATE,
          [`${prefix}n:${record.number}`, `${prefix}s:${record.id}`, hostSet],
          [record.id, nodeId, agent, ...times, String(Number.MAX_SAFE_INTEGER), record.number],
        );
        if (created === 1) restored++;
      }
      return restored;
    },

    async claimByNumber(number: string): Promise<ClaimResult> {
      const reply = await redis.eval<string[]>(
        CLAIM,
        [`${prefix}n:${number}`],
        [String(clock()), String(retainMs), prefix],
      );
      if (reply.length === 1) return { ok: false, reason: reply[0] as 'unknown' | 'expired' | 'taken' };
      return { ok: true, session: toRecord(reply) };
    },

    get,

    async end(id: string, reason: EndReason) {
      if (!isEndReason(reason)) throw new SessionError(SessionErrorCode.INVALID_ARGUMENT, 'unknown end reason');
      return endAt(id, reason, clock(), false);
    },

    async listLive() {
      const ids = await redis.command<string[]>(['ZRANGE', hostSet, '0', '-1']);
      const records = await Promise.all(ids.map(get));
      return records
        .filter((record): record is SessionRecord => record !== undefined && record.state !== 'ended')
        .sort((a, b) => a.createdAt - b.createdAt);
    },

    async expire(now?: number) {
      const at = now ?? clock();
      const ids = await redis.command<string[]>(['ZRANGEBYSCORE', hostSet, '-inf', String(at)]);
      const expired: SessionRecord[] = [];
      for (const id of ids) {
        const ended = await endAt(id, 'expired', at, true);
        if (ended?.endReason === 'expired' && ended.endedAt === at) expired.push(ended);
        // The number's keys expired by TTL (e.g. after a Redis restart): forget the id.
        else if (ended === undefined && (await get(id)) === undefined) await redis.command(['ZREM', hostSet, id]);
      }
      return expired;
    },
  };
}
