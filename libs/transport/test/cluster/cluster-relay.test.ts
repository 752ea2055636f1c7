import { createMemoryAuditStore, type MemoryAuditStore } from '@fernhilfe/session';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRedis, type TestRedis } from '../../../../scripts/redis-server';
import { BRIDGE_HEADER, BRIDGE_SUBPROTOCOL, signBridgeHello } from '../../src/cluster/bridge-auth';
import { openRedisLink } from '../../src/cluster/redis-link';
import { createAgentClient, createGuestClient, TransportErrorCode } from '../../src/index';
import { createRelay, type Relay } from '../../src/relay/index';
import { AGENT_TOKEN, auditRecords, waitFor } from '../helpers';

const SECRET = 'cluster-secret-for-tests-0123456789abcdef';
let redis: TestRedis;
const started: Relay[] = [];

interface TestNode {
  relay: Relay;
  audit: MemoryAuditStore;
  url: string;
}

async function startNode(nodeId: string, prefix: string): Promise<TestNode> {
  const audit = createMemoryAuditStore();
  const { createServer } = await import('node:http');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = `ws://127.0.0.1:${port}/relay`;
  const relay = await createRelay({
    server,
    audit,
    agentTokens: [{ token: AGENT_TOKEN, agentId: 'agent-1', displayName: 'Frau Weber', org: 'Stadtwerke Test' }],
    onError: () => undefined,
    onNotice: () => undefined,
    cluster: { redisUrl: redis.url, nodeId, advertiseUrl: url, clusterSecret: SECRET, keyPrefix: prefix },
  });
  started.push(relay);
  const close = relay.close;
  Object.assign(relay, {
    close: async () => {
      await close();
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
    },
  });
  return { relay, audit, url };
}

function failures(relay: Relay): number {
  return Object.values(relay.stats().rateLimits.joins.failures).reduce((sum, count) => sum + count, 0);
}

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((relay) => relay.close()));
});
afterAll(async () => {
  await redis?.stop();
});

describe('relay cluster (two nodes, one Redis)', () => {
  it('bridges a guest who reaches the other node: paired, bytes both ways, one audit story on the host', async () => {
    const a = await startNode('node-a', 'c1:');
    const b = await startNode('node-b', 'c1:');
    const session = await createAgentClient({ url: a.url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url: b.url, number: session.number });
    const agent = await session.waitForGuest();
    expect(guest.peer).toEqual({ sessionId: session.sessionId, org: 'Stadtwerke Test', agentName: 'Frau Weber' });
    expect(b.relay.stats().bridgedSessions).toBe(1);
    expect(a.relay.stats().liveSessions).toBe(1);

    const toAgent = agent[Symbol.asyncIterator]();
    const toGuest = guest[Symbol.asyncIterator]();
    await guest.send(new Uint8Array([1, 2, 3]));
    await agent.send(new Uint8Array(200_000).fill(7));
    expect((await toAgent.next()).value).toEqual(new Uint8Array([1, 2, 3]));
    expect(((await toGuest.next()).value as Uint8Array).byteLength).toBe(200_000);

    const again = await createGuestClient({ url: a.url, number: session.number }).catch((error: unknown) => error);
    expect(again).toMatchObject({ code: TransportErrorCode.ALREADY_TAKEN });

    guest.close();
    expect((await agent.ended).reason).toBe('guest-ended');
    expect((await guest.ended).reason).toBe('guest-ended');
    await waitFor(() => auditRecords(a.audit).some((record) => record.type === 'session-ended'));
    const records = auditRecords(a.audit).filter((record) => record.type !== 'join-refused');
    expect(auditRecords(a.audit).find((record) => record.type === 'join-refused')).toMatchObject({ reason: 'taken' });
    expect(records.map((record) => [record.type, record.node])).toEqual([
      ['session-created', 'node-a'],
      ['guest-joined', 'node-a'],
      ['session-ended', 'node-a'],
    ]);
    expect(records[2]).toMatchObject({ reason: 'guest-ended', bytes: { guestToAgent: 3, agentToGuest: 200_000 } });
    expect(auditRecords(b.audit).filter((record) => record.type !== 'join-refused')).toEqual([]);
    await waitFor(() => b.relay.stats().bridgedSessions === 0);
  });

  it('refuses a bridge whose header is not signed with the cluster secret (401)', async () => {
    const a = await startNode('node-a', 'c2:');
    const forged = signBridgeHello(
      { from: 'x', sessionId: 'y', guestAddress: '1.2.3.4', at: Date.now() },
      'x'.repeat(40),
    );
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(a.url, [BRIDGE_SUBPROTOCOL], { headers: { [BRIDGE_HEADER]: forged } });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });

  it('limits a guesser who spreads failures over both nodes as one node would', async () => {
    const a = await startNode('node-a', 'c3:');
    const b = await startNode('node-b', 'c3:');
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const url = i % 2 === 0 ? a.url : b.url;
      const error = (await createGuestClient({ url, number: '12345678' }).catch((e: unknown) => e)) as { code: string };
      codes.push(error.code);
      // Both nodes have seen each failure (the stream round trip) before the next attempt; from
      // the fifth on, attempts are refused before the number is tried and count no failure.
      await waitFor(() => [a, b].every((node) => failures(node.relay) === Math.min(i + 1, 4)));
    }
    expect(codes.slice(0, 3).every((code) => code !== TransportErrorCode.RATE_LIMITED)).toBe(true);
    expect(codes.slice(4)).toEqual([TransportErrorCode.RATE_LIMITED, TransportErrorCode.RATE_LIMITED]);
  });

  it('refuses creates and joins with RELAY_UNAVAILABLE while Redis is down, keeps live sessions, and recovers with its waiting numbers', async () => {
    const own = await startRedis();
    const previous = redis;
    redis = own;
    try {
      const a = await startNode('node-a', 'c4:');
      const b = await startNode('node-b', 'c4:');
      const session = await createAgentClient({ url: a.url, token: AGENT_TOKEN });
      const guest = await createGuestClient({ url: b.url, number: session.number });
      const agent = await session.waitForGuest();
      expect(a.relay.ready).toBe(true);
      const pending = await createAgentClient({ url: a.url, token: AGENT_TOKEN });
      await own.stop();
      await waitFor(() => !a.relay.ready);
      const refused = await createAgentClient({ url: a.url, token: AGENT_TOKEN }).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: TransportErrorCode.RELAY_UNAVAILABLE });
      const toAgent = agent[Symbol.asyncIterator]();
      await guest.send(new Uint8Array([4, 2]));
      expect((await toAgent.next()).value).toEqual(new Uint8Array([4, 2]));
      await own.restart();
      await waitFor(() => a.relay.ready && b.relay.ready);
      // Redis came back empty: node A writes its waiting session back, so its guest can still join.
      const check = await openRedisLink({ url: own.url, onError: () => undefined });
      await waitFor(async () => (await check.command<number>(['EXISTS', `c4:n:${pending.number}`])) === 1);
      await check.close();
      const pendingGuest = await createGuestClient({ url: b.url, number: pending.number });
      await pending.waitForGuest();
      pendingGuest.close();
      const later = await createAgentClient({ url: b.url, token: AGENT_TOKEN });
      const laterGuest = await createGuestClient({ url: a.url, number: later.number });
      await later.waitForGuest();
      laterGuest.close();
      guest.close();
      expect((await agent.ended).reason).toBe('guest-ended');
      await waitFor(() => auditRecords(a.audit).some((record) => record.type === 'session-ended'));
    } finally {
      redis = previous;
      await own.stop();
    }
  });
});
