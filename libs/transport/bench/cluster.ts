// The cluster's price: sessions whose guest reaches another node than the agent's (bridged)
// against sessions on one node, in one run: forwarding throughput, added latency per message,
// joins per second for two nodes against one, and memory per bridged session on the entry node.
// Needs Debian's redis-server. Writes bench/results/cluster.json.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BenchRow, summarize, writeBenchResults } from '../../../scripts/bench-report';
import { freePort } from '../../../scripts/free-port';
import { startRedis } from '../../../scripts/redis-server';
import { createAgentClient, createGuestClient, type PairedChannel } from '../src/index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'bench-agent-token-0123456789';
const CHUNK = 64 * 1024;
const CHUNKS_PER_SESSION = 300;
const THROUGHPUT_SESSIONS = 4;
const ROUND_TRIPS = 400;
const JOIN_SESSIONS = 200;
const IDLE_SESSIONS = 200;
const RUNS = 3;
const THROUGHPUT_RUNS = 6;

interface Node {
  url: string;
  child: ChildProcess;
  memory(): Promise<number>;
}

async function startNode(redisUrl: string, id: string): Promise<Node> {
  const port = await freePort();
  const child = fork(
    fileURLToPath(new URL('./server-process.ts', import.meta.url)),
    ['cluster', redisUrl, id, String(port)],
    {
      execArgv: ['--import', 'tsx', '--conditions=@fernhilfe/source'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await new Promise<void>((resolve) => child.on('message', (m: { type: string }) => m.type === 'ready' && resolve()));
  const memory = () =>
    new Promise<number>((resolve) => {
      const listener = (m: { type: string; bytes?: number }) => {
        if (m.type !== 'memory') return;
        child.off('message', listener);
        resolve(m.bytes ?? 0);
      };
      child.on('message', listener);
      child.send({ type: 'memory' });
    });
  return { url: `ws://127.0.0.1:${port}/relay`, child, memory };
}

interface Session {
  agent: PairedChannel;
  guest: PairedChannel;
}

async function session(agentNode: Node, guestNode: Node): Promise<Session> {
  const created = await createAgentClient({ url: agentNode.url, token: TOKEN, proxy: false });
  const guest = await createGuestClient({ url: guestNode.url, number: created.number, proxy: false });
  return { agent: await created.waitForGuest(), guest };
}

async function sessions(count: number, agentNode: () => Node, guestNode: () => Node): Promise<Session[]> {
  const made: Session[] = [];
  while (made.length < count) {
    const batch = Math.min(20, count - made.length);
    made.push(...(await Promise.all(Array.from({ length: batch }, () => session(agentNode(), guestNode())))));
  }
  return made;
}

function close(all: Session[]): void {
  for (const { guest } of all) guest.close();
}

/** MB/s of guest → agent payload over all sessions at once. */
async function megabytesPerSecond(all: Session[]): Promise<number> {
  const chunk = new Uint8Array(CHUNK).fill(5);
  const began = performance.now();
  await Promise.all(
    all.map(async ({ agent, guest }) => {
      const drained = (async () => {
        let seen = 0;
        for await (const _ of agent) if (++seen === CHUNKS_PER_SESSION) return;
      })();
      for (let sent = 0; sent < CHUNKS_PER_SESSION; sent++) await guest.send(chunk);
      await drained;
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  return (all.length * CHUNKS_PER_SESSION * CHUNK) / 1e6 / seconds;
}

/** Round trips of 32 bytes guest → agent → guest, in ms. */
async function roundTrips({ agent, guest }: Session): Promise<number[]> {
  const toAgent = agent[Symbol.asyncIterator]();
  const toGuest = guest[Symbol.asyncIterator]();
  const ping = new Uint8Array(32);
  const out: number[] = [];
  for (let trip = 0; trip < ROUND_TRIPS; trip++) {
    const began = performance.now();
    await guest.send(ping);
    await toAgent.next();
    await agent.send(ping);
    await toGuest.next();
    out.push(performance.now() - began);
  }
  return out.slice(20);
}

async function main(): Promise<void> {
  const redis = await startRedis();
  const [a, b] = [await startNode(redis.url, 'bench-a'), await startNode(redis.url, 'bench-b')];
  const rows: BenchRow[] = [];
  const row = (name: string, unit: string, values: number[], compared: Record<string, number>, extra = {}) => {
    const { median, p95, samples } = summarize(values);
    rows.push({ name, unit, median, samples, compared_to: compared, extra: { p95, ...extra } });
  };
  try {
    // Throughput, same node against bridged, alternating runs.
    const same: number[] = [];
    const cross: number[] = [];
    for (let run = 0; run < THROUGHPUT_RUNS; run++) {
      for (const [into, guestNode] of [
        [same, a],
        [cross, b],
      ] as const) {
        const all = await sessions(
          THROUGHPUT_SESSIONS,
          () => a,
          () => guestNode,
        );
        into.push(await megabytesPerSecond(all));
        close(all);
      }
    }
    const sameMedian = summarize(same).median;
    row(
      `bridged forwarding, ${THROUGHPUT_SESSIONS} sessions, 64 KiB messages`,
      'MB/s',
      cross,
      { same_node: sameMedian },
      {
        ratio_to_same_node: summarize(cross).median / sameMedian,
        goal_ratio: 0.8,
      },
    );

    // Latency: a bridge adds one relay pass each way.
    const [local] = await sessions(
      1,
      () => a,
      () => a,
    );
    const [bridged] = await sessions(
      1,
      () => a,
      () => b,
    );
    const localTrips = await roundTrips(local!);
    const bridgedTrips = await roundTrips(bridged!);
    close([local!, bridged!]);
    const added = (summarize(bridgedTrips).median - summarize(localTrips).median) / 2;
    row('round trip 32 B, bridged session', 'ms', bridgedTrips, { same_node: summarize(localTrips).median });
    rows.push({
      name: 'added latency per message across a bridge p50',
      unit: 'ms',
      median: added,
      samples: bridgedTrips.length,
      compared_to: {},
      extra: { goal: 1 },
    });

    // Joins per second: one node alone against both nodes, guests entering at random.
    const oneNode: number[] = [];
    const twoNodes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const [into, pick] of [
        [oneNode, () => a],
        [twoNodes, () => (Math.random() < 0.5 ? a : b)],
      ] as const) {
        const began = performance.now();
        const all = await sessions(JOIN_SESSIONS, pick, pick);
        into.push(JOIN_SESSIONS / ((performance.now() - began) / 1000));
        close(all);
      }
    }
    row(`create + join + pair, ${JOIN_SESSIONS} sessions, 20 at a time, two nodes`, 'joins/s', twoNodes, {
      one_node: summarize(oneNode).median,
    });

    // Memory on the entry node per idle bridged session (guest socket, bridge, pipe).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await b.memory();
    const idle = await sessions(
      IDLE_SESSIONS,
      () => a,
      () => b,
    );
    const after = await b.memory();
    close(idle);
    rows.push({
      name: 'entry-node memory per idle bridged session',
      unit: 'bytes',
      median: Math.round((after - before) / IDLE_SESSIONS),
      samples: 1,
      compared_to: {},
      extra: { sessions: IDLE_SESSIONS },
    });
  } finally {
    for (const node of [a, b]) node.child.send({ type: 'exit' });
    await redis.stop();
  }
  writeBenchResults(packageDir, '@fernhilfe/transport (cluster)', rows, 'cluster.json');
  for (const r of rows)
    console.log(
      `${r.name}: ${r.median.toFixed(3)} ${r.unit}`,
      JSON.stringify(r.compared_to),
      JSON.stringify(r.extra ?? {}),
    );
  process.exit(0);
}

await main();
