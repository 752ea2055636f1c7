import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../../scripts/redis-server';
import { openRedisLink, type RedisLink } from '../../src/cluster/redis-link';
import { createRedisRegistry } from '../../src/cluster/redis-registry';
import { createSharedRateLimiter } from '../../src/cluster/shared-rate-limiter';
import { TransportErrorCode } from '../../src/errors';
import { waitFor } from '../helpers';

let redis: TestRedis;
let link: RedisLink;
beforeAll(async () => {
  redis = await startRedis();
  link = await openRedisLink({ url: redis.url, onError: () => undefined });
});
afterAll(async () => {
  await link?.close();
  await redis?.stop();
});

const agent = { id: 'a-1', org: 'Stadtwerke' };

describe('createRedisRegistry', () => {
  it('creates on one node, lets exactly one of many concurrent claims from other nodes win, and keeps the number retired', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const a = createRedisRegistry({ redis: link, nodeId: 'a', keyPrefix: 't1:', clock });
    const b = createRedisRegistry({ redis: link, nodeId: 'b', keyPrefix: 't1:', clock });
    const session = await a.create({ agent });
    expect(session).toMatchObject({ state: 'waiting', host: 'a', agent });
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).claimByNumber(session.number)),
    );
    expect(claims.filter((claim) => claim.ok)).toHaveLength(1);
    expect(claims.filter((claim) => !claim.ok && claim.reason === 'taken')).toHaveLength(7);
    const won = claims.find((claim) => claim.ok);
    expect(won?.ok && won.session).toMatchObject({ id: session.id, host: 'a', state: 'joined', joinedAt: now });
    expect(await a.listLive()).toHaveLength(1);
    now += 10;
    expect(await b.end(session.id, 'guest-ended')).toMatchObject({ state: 'ended', endReason: 'guest-ended' });
    expect(await a.end(session.id, 'agent-ended')).toMatchObject({ endReason: 'guest-ended' });
    expect(await a.listLive()).toEqual([]);
    expect(await b.claimByNumber(session.number)).toEqual({ ok: false, reason: 'taken' });
    expect(await b.claimByNumber('00000000')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('expires only its own waiting sessions past their deadline', async () => {
    let now = 5_000_000;
    const clock = () => now;
    const a = createRedisRegistry({ redis: link, nodeId: 'a', keyPrefix: 't2:', clock, waitingForGuestMs: 1_000 });
    const b = createRedisRegistry({ redis: link, nodeId: 'b', keyPrefix: 't2:', clock, waitingForGuestMs: 1_000 });
    const mine = await a.create({ agent });
    const theirs = await b.create({ agent });
    const joined = await a.create({ agent });
    expect((await b.claimByNumber(joined.number)).ok).toBe(true);
    now += 1_000;
    expect((await a.expire()).map((record) => record.id)).toEqual([mine.id]);
    expect(await a.claimByNumber(mine.number)).toEqual({ ok: false, reason: 'expired' });
    expect(await a.claimByNumber(theirs.number)).toEqual({ ok: false, reason: 'expired' });
    expect((await a.get(joined.id))?.state).toBe('joined');
  });

  it('refuses a create over the node limit with SESSION_REGISTRY_FULL', async () => {
    const a = createRedisRegistry({ redis: link, nodeId: 'a', keyPrefix: 't3:', maxLiveSessions: 2 });
    await a.create({ agent });
    await a.create({ agent });
    await expect(a.create({ agent })).rejects.toMatchObject({ code: 'SESSION_REGISTRY_FULL' });
  });

  it('fails with TRANSPORT_RELAY_UNAVAILABLE while Redis is down and works again once it is back', async () => {
    const own = await startRedis();
    const ownLink = await openRedisLink({ url: own.url, onError: () => undefined });
    try {
      const registry = createRedisRegistry({ redis: ownLink, nodeId: 'a' });
      await own.stop();
      await expect(registry.create({ agent })).rejects.toMatchObject({ code: TransportErrorCode.RELAY_UNAVAILABLE });
      await own.restart();
      await waitFor(() => ownLink.ready);
      expect((await registry.create({ agent })).state).toBe('waiting');
    } finally {
      await ownLink.close();
      await own.stop();
    }
  });
});

describe('createSharedRateLimiter', () => {
  it('delays an address on every node once its failures on several nodes add up', async () => {
    const nodes = await Promise.all(
      ['a', 'b', 'c'].map(async (nodeId) =>
        createSharedRateLimiter({
          redis: link,
          reader: await openRedisLink({ url: redis.url, onError: () => undefined }),
          stream: 't4:attempts',
          nodeId,
        }),
      ),
    );
    try {
      // Three free failures per address by default: one on each node, then a fourth anywhere.
      for (const node of nodes) expect(node.recordFailure('198.51.100.7', 'unknown')).toBe(0);
      await waitFor(() => nodes.every((node) => node.stats().failures.unknown === 3));
      expect(nodes[0]!.recordFailure('198.51.100.7', 'unknown')).toBeGreaterThan(0);
      await waitFor(() => nodes.every((node) => !node.check('198.51.100.7').allowed));
      expect(nodes[2]!.check('198.51.100.7')).toMatchObject({ allowed: false, reason: 'ip-delay' });
      expect(nodes[1]!.check('198.51.100.8').allowed).toBe(true);
      // A node that starts later replays the stream.
      const late = createSharedRateLimiter({
        redis: link,
        reader: await openRedisLink({ url: redis.url, onError: () => undefined }),
        stream: 't4:attempts',
        nodeId: 'd',
      });
      nodes.push(late);
      await waitFor(() => !late.check('198.51.100.7').allowed);
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
    }
  });
});
