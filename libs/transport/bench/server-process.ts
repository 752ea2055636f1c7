// Child process of bench/run.ts and bench/cluster.ts: runs the relay, a cluster node or a direct `ws` echo server, so its
// memory and CPU are measured apart from the clients. Talks to the parent over IPC.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMemoryAuditStore } from '@fernhilfe/session';
import { WebSocketServer } from 'ws';
import { createRelay } from '../src/relay/index';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

export const BENCH_TOKEN = 'bench-agent-token-0123456789';

function memory(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers + usage.external;
}

/** What every relay of the bench shares: one agent, loopback, limits out of the way. */
function benchRelayOptions() {
  return {
    host: '127.0.0.1',
    audit: createMemoryAuditStore(),
    agentTokens: [{ token: BENCH_TOKEN, agentId: 'bench', displayName: 'Bench', org: 'Bench' }],
    maxConnectionsPerIp: 100_000,
    maxConnections: 100_000,
    onError: () => undefined,
  };
}

async function startRelay(): Promise<{ port: number; stats: () => unknown }> {
  const relay = await createRelay({ ...benchRelayOptions(), port: 0 });
  return { port: relay.address?.port ?? 0, stats: () => relay.stats() };
}

async function startEcho(): Promise<{ port: number; stats: () => unknown }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: 1 << 20 });
  wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  await new Promise((resolve) => wss.once('listening', resolve));
  return { port: (wss.address() as { port: number }).port, stats: () => ({ connections: wss.clients.size }) };
}

/** A cluster node (`cluster <redisUrl> <nodeId> <port>`), for bench/cluster.ts. */
async function startClusterNode(): Promise<{ port: number; stats: () => unknown }> {
  const [redisUrl, nodeId, port] = process.argv.slice(3) as [string, string, string];
  const relay = await createRelay({
    ...benchRelayOptions(),
    port: Number(port),
    cluster: {
      redisUrl,
      nodeId,
      advertiseUrl: `ws://127.0.0.1:${port}/relay`,
      clusterSecret: 'bench-cluster-secret-0123456789abcdef',
    },
  });
  return { port: Number(port), stats: () => relay.stats() };
}

const kind = process.argv[2];
const server =
  kind === 'relay' ? await startRelay() : kind === 'cluster' ? await startClusterNode() : await startEcho();
process.send?.({ type: 'ready', port: server.port });
process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') process.send?.({ type: 'memory', bytes: memory(), stats: server.stats() });
  if (message.type === 'exit') process.exit(0);
});
