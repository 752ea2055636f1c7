import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyJsonlAuditFile } from '@fernhilfe/session/audit-jsonl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../scripts/redis-server';
import { type ClusterNodeProcess, startClusterNodeProcess } from './cluster-node';
import { type Control, WirePeer } from './cluster-peer';

const TOKEN = 'cluster-agent-token-0123456789';
/** Sessions across the cluster: the 300, streaming one round each way per phase. */
const SESSIONS = 300;
const BATCH = 30;
const PAYLOAD = 16 * 1024;

interface Pair {
  index: number;
  host: number;
  entry: number;
  agent: WirePeer;
  guest: WirePeer;
}

let work: string;
let redis: TestRedis;
let nodes: ClusterNodeProcess[] = [];

async function open(node: ClusterNodeProcess, address: string): Promise<WirePeer> {
  const peer = await WirePeer.open(node.url, address);
  if (typeof peer === 'number') throw new Error(`${node.id} refused the upgrade: ${peer}`);
  return peer;
}

async function createSession(node: ClusterNodeProcess, address: string) {
  const agent = await open(node, address);
  agent.send({ type: 'create', token: TOKEN });
  return { agent, created: (await agent.control()) as Control };
}

async function pair(index: number, host: number, entry: number): Promise<Pair> {
  const { agent, created } = await createSession(nodes[host]!, `10.1.${index >> 8}.${index & 255}`);
  expect(created.type).toBe('created');
  const guest = await open(nodes[entry]!, `10.2.${index >> 8}.${index & 255}`);
  guest.send({ type: 'join', number: created.number as string });
  expect(await guest.control()).toMatchObject({ type: 'paired', sessionId: created.sessionId });
  expect(await agent.control()).toMatchObject({ type: 'paired', sessionId: created.sessionId });
  return { index, host, entry, agent, guest };
}

/** One round of bytes each way, checked byte for byte. */
async function stream(pair: Pair): Promise<void> {
  const down = new Uint8Array(PAYLOAD).fill(pair.index & 255);
  const up = new Uint8Array(PAYLOAD).fill(~pair.index & 255);
  pair.agent.send(down);
  pair.guest.send(up);
  expect(await pair.guest.bytes()).toEqual(Buffer.from(down));
  expect(await pair.agent.bytes()).toEqual(Buffer.from(up));
}

async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...(await Promise.all(items.slice(i, i + BATCH).map(run))));
  return out;
}

async function readyStatus(node: ClusterNodeProcess): Promise<number> {
  return (await fetch(`${node.base}/readyz`)).status;
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function auditOf(node: ClusterNodeProcess): Array<Record<string, unknown>> {
  return readFileSync(node.auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'fernhilfe-cluster-e2e-'));
  redis = await startRedis();
  const env = {
    FERNHILFE_REDIS_URL: redis.url,
    FERNHILFE_CLUSTER_SECRET: 'e2e-cluster-secret-0123456789abcdef',
    FERNHILFE_AGENT_TOKEN: TOKEN,
  };
  nodes = await Promise.all(['node-0', 'node-1', 'node-2'].map((id) => startClusterNodeProcess(id, work, env)));
}, 120_000);

afterAll(async () => {
  for (const node of nodes)
    if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a relay cluster of three processes on one Redis', () => {
  it('pairs and streams across nodes, limits guessing as one node, survives a killed node, drains, and rides out a Redis restart', async () => {
    // A guesser spreads attempts over all nodes: the per-address budget is the cluster's.
    const codes: string[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const guesser = await open(nodes[attempt % 3]!, '203.0.113.9');
      guesser.send({ type: 'join', number: String(10_000_000 + attempt * 7919) });
      codes.push(((await guesser.control()) as Control).code as string);
      await guesser.closed;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answered = codes.filter((code) => code !== 'rate-limited');
    expect(codes.slice(0, 3).every((code) => code !== 'rate-limited')).toBe(true);
    expect(answered.length).toBeLessThanOrEqual(6);
    expect(new Set(codes.map((code, attempt) => (code === 'rate-limited' ? attempt % 3 : -1)))).toEqual(
      new Set([-1, 0, 1, 2]),
    );

    // Sessions created on random nodes, guests entering through random (mostly other) nodes.
    const plan = Array.from({ length: SESSIONS }, (_, index) => ({
      index,
      host: Math.floor(Math.random() * 3),
      entry: Math.floor(Math.random() * 3),
    }));
    const pairs = await inBatches(plan, ({ index, host, entry }) => pair(index, host, entry));
    expect(pairs.filter((p) => p.host !== p.entry).length).toBeGreaterThan(SESSIONS / 2);
    await inBatches(pairs, stream);

    // SIGKILL node 2: what it hosted or bridged ends for the peers elsewhere; the rest streams on.
    nodes[2]!.child.kill('SIGKILL');
    await nodes[2]!.exited;
    const touched = pairs.filter((p) => p.host === 2 || p.entry === 2);
    const spared = pairs.filter((p) => p.host !== 2 && p.entry !== 2);
    await inBatches(touched, async (p) => {
      const survivor = p.host === 2 ? p.guest : p.agent;
      if (p.host === 2 && p.entry === 2) return;
      let last: Control | undefined;
      for (let message = await survivor.control(); message; message = await survivor.control()) last = message;
      expect(last).toMatchObject({ type: 'end', reason: 'peer-lost' });
      expect((await survivor.closed).code).toBe(4015);
    });
    await inBatches(spared, stream);

    // SIGTERM node 1: it drains (503 for new peers and /readyz) while its sessions go on.
    expect(await readyStatus(nodes[1]!)).toBe(200);
    nodes[1]!.child.kill('SIGTERM');
    await until(async () => (await readyStatus(nodes[1]!)) === 503, 'node-1 to report not ready');
    expect(await WirePeer.open(nodes[1]!.url, '10.3.0.1')).toBe(503);
    await inBatches(spared, stream);
    const metrics = await (await fetch(`${nodes[1]!.base}/metrics`)).text();
    expect(metrics).toContain('fernhilfe_relay_draining 1\n');
    const bridgedIntoOne = spared.filter((p) => p.entry === 1 && p.host !== 1).length;
    expect(bridgedIntoOne).toBeGreaterThan(0);
    expect(metrics).toContain(`fernhilfe_relay_bridged_sessions ${bridgedIntoOne}\n`);
    const onOne = spared.filter((p) => p.host === 1 || p.entry === 1);
    for (const p of onOne) p.agent.close();
    await Promise.all(onOne.map((p) => p.guest.closed));
    expect(await nodes[1]!.exited).toBe(0);
    expect(nodes[1]!.stdout()).toContain('drained');

    // Redis stops: node 0 refuses new sessions with `unavailable`, its live sessions go on.
    const left = spared.filter((p) => p.host === 0 && p.entry === 0);
    expect(left.length).toBeGreaterThan(0);
    await redis.stop();
    await until(async () => (await readyStatus(nodes[0]!)) === 503, 'node-0 to notice Redis is gone');
    const refused = await createSession(nodes[0]!, '10.4.0.1');
    expect(refused.created).toMatchObject({ type: 'error', code: 'unavailable' });
    await inBatches(left, stream);
    await redis.restart();
    await until(async () => (await readyStatus(nodes[0]!)) === 200, 'node-0 to recover');
    const later = await pair(SESSIONS, 0, 0);
    await stream(later);
    for (const p of [...left, later]) p.guest.close('guest-ended');
    await Promise.all([...left, later].map((p) => p.agent.closed));
    nodes[0]!.child.kill('SIGTERM');
    expect(await nodes[0]!.exited).toBe(0);

    // Every node's chain verifies and carries its node id; each session created is on record.
    for (const [index, node] of nodes.entries()) {
      expect(await verifyJsonlAuditFile(node.auditFile)).toMatchObject({ ok: true });
      const records = auditOf(node);
      expect(records.every((record) => record.node === node.id)).toBe(true);
      const hosted = pairs.filter((p) => p.host === index).length + (index === 0 ? 1 : 0);
      expect(records.filter((record) => record.type === 'session-created')).toHaveLength(hosted);
    }
    const ended = auditOf(nodes[0]!).filter((record) => record.type === 'session-ended');
    expect(ended).toHaveLength(pairs.filter((p) => p.host === 0).length + 1);
    expect(ended.some((record) => record.reason === 'peer-lost')).toBe(true);
  });
});
