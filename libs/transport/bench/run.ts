import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { type BenchRow, summarize, writeBenchResults } from '../../../scripts/bench-report';
import { createAgentClient, createGuestClient, type PairedChannel } from '../src/index';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const BENCH_TOKEN = 'bench-agent-token-0123456789';
const MESSAGE = 64 * 1024;
const TOTAL_MESSAGES = 1600;
const RUNS = 3;

interface ServerProcess {
  child: ChildProcess;
  port: number;
  memory(): Promise<number>;
  lastStats: Record<string, number>;
  stop(): void;
}

async function startServer(kind: 'relay' | 'echo'): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [kind], {
    execArgv: ['--import', 'tsx', '--conditions=@fernhilfe/source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) =>
    child.on('message', (m: { type: string; port?: number }) => m.type === 'ready' && resolve(m.port ?? 0)),
  );
  const handle: ServerProcess = {
    child,
    port,
    lastStats: {},
    memory: () =>
      new Promise((resolve) => {
        const onMessage = (m: { type: string; bytes?: number; stats?: Record<string, number> }) => {
          if (m.type !== 'memory') return;
          child.off('message', onMessage);
          handle.lastStats = m.stats ?? {};
          resolve(m.bytes ?? 0);
        };
        child.on('message', onMessage);
        child.send({ type: 'memory' });
      }),
    stop: () => child.send({ type: 'exit' }),
  };
  return handle;
}

async function pair(url: string): Promise<{ agent: PairedChannel; guest: PairedChannel }> {
  const session = await createAgentClient({ url, token: BENCH_TOKEN, proxy: false });
  const guest = await createGuestClient({ url, number: session.number, proxy: false });
  return { agent: await session.waitForGuest(), guest };
}

async function pairs(url: string, count: number) {
  const out: Array<{ agent: PairedChannel; guest: PairedChannel }> = [];
  for (let i = 0; i < count; i += 20) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(20, count - i) }, () => pair(url)))));
  }
  return out;
}

/** Guests send `perSession` messages of 64 KiB each to their agents; returns seconds until all arrived. */
async function relayThroughput(sessions: Array<{ agent: PairedChannel; guest: PairedChannel }>, perSession: number) {
  const payload = new Uint8Array(MESSAGE).fill(3);
  const start = performance.now();
  await Promise.all(
    sessions.map(async ({ agent, guest }) => {
      const received = (async () => {
        let count = 0;
        const iterator = agent[Symbol.asyncIterator]();
        while (count < perSession) {
          await iterator.next();
          count++;
        }
      })();
      for (let i = 0; i < perSession; i++) await guest.send(payload);
      await received;
    }),
  );
  return (performance.now() - start) / 1000;
}

function openWs(port: number): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Direct `ws` echo: each client sends `perSession` messages and waits for all echoes (the ceiling). */
async function echoThroughput(sockets: WebSocket[], perSession: number) {
  const payload = new Uint8Array(MESSAGE).fill(3);
  const start = performance.now();
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          let echoed = 0;
          const onMessage = () => {
            if (++echoed === perSession) {
              socket.off('message', onMessage);
              resolve();
            }
          };
          socket.on('message', onMessage);
          let sent = 0;
          const pump = () => {
            while (sent < perSession && socket.bufferedAmount < 1 << 20) {
              socket.send(payload);
              sent++;
            }
            if (sent < perSession) setTimeout(pump, 1);
          };
          pump();
        }),
    ),
  );
  return (performance.now() - start) / 1000;
}

async function relayRoundTrips(channel: { agent: PairedChannel; guest: PairedChannel }, count: number) {
  const agentIterator = channel.agent[Symbol.asyncIterator]();
  const guestIterator = channel.guest[Symbol.asyncIterator]();
  const small = new Uint8Array(32);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await channel.guest.send(small);
    await agentIterator.next();
    await channel.agent.send(small);
    await guestIterator.next();
    times.push(performance.now() - start);
  }
  return times;
}

async function echoRoundTrips(socket: WebSocket, count: number) {
  const small = new Uint8Array(32);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      socket.once('message', () => resolve());
      socket.send(small);
    });
    times.push(performance.now() - start);
  }
  return times;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function main() {
  const rows: BenchRow[] = [];
  const relay = await startServer('relay');
  const echo = await startServer('echo');
  const url = `ws://127.0.0.1:${relay.port}/relay`;

  for (const concurrency of [1, 10, 100]) {
    const perSession = Math.max(4, Math.floor(TOTAL_MESSAGES / concurrency));
    const sessions = await pairs(url, concurrency);
    const sockets = await Promise.all(Array.from({ length: concurrency }, () => openWs(echo.port)));
    await relayThroughput(sessions, 4);
    await echoThroughput(sockets, 4);
    const relaySeconds: number[] = [];
    const echoSeconds: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      relaySeconds.push(await relayThroughput(sessions, perSession));
      echoSeconds.push(await echoThroughput(sockets, perSession));
    }
    const messages = perSession * concurrency;
    const relayRate = messages / summarize(relaySeconds).median;
    const echoRate = messages / summarize(echoSeconds).median;
    rows.push({
      name: `relay forwarding, ${concurrency} session(s), 64 KiB messages`,
      unit: 'msg/s',
      median: relayRate,
      samples: RUNS,
      compared_to: { 'ws direct echo': echoRate },
    });
    rows.push({
      name: `relay forwarding, ${concurrency} session(s), 64 KiB messages (MB/s)`,
      unit: 'MB/s',
      median: (relayRate * MESSAGE) / 1e6,
      samples: RUNS,
      compared_to: { 'ws direct echo': (echoRate * MESSAGE) / 1e6 },
    });
    for (const { guest } of sessions) guest.close();
    for (const socket of sockets) socket.close();
  }

  const [latencyPair] = await pairs(url, 1);
  const echoSocket = await openWs(echo.port);
  await relayRoundTrips(latencyPair!, 50);
  await echoRoundTrips(echoSocket, 50);
  const relayHalf = (await relayRoundTrips(latencyPair!, 1000)).map((t) => t / 2);
  const echoHalf = (await echoRoundTrips(echoSocket, 1000)).map((t) => t / 2);
  const addedP50 = percentile(relayHalf, 0.5) - percentile(echoHalf, 0.5);
  const addedP99 = percentile(relayHalf, 0.99) - percentile(echoHalf, 0.99);
  rows.push({
    name: 'one-way latency through the relay (half round trip, 32 B)',
    unit: 'ms',
    median: percentile(relayHalf, 0.5),
    samples: relayHalf.length,
    compared_to: { 'ws direct echo': percentile(echoHalf, 0.5) },
    extra: { p99: percentile(relayHalf, 0.99), direct_p99: percentile(echoHalf, 0.99) },
  });
  rows.push({
    name: 'added latency per relay pass p50',
    unit: 'ms',
    median: addedP50,
    samples: relayHalf.length,
    compared_to: {},
    extra: { p99: addedP99 },
  });
  latencyPair!.guest.close();
  echoSocket.close();
  await new Promise((resolve) => setTimeout(resolve, 300));

  const IDLE = 500;
  const baseline = await relay.memory();
  const idle = await pairs(url, IDLE);
  const withIdle = await relay.memory();
  const idlePerSession = (withIdle - baseline) / IDLE;
  const active = idle.slice(0, 100);
  const payload = new Uint8Array(MESSAGE);
  let running = true;
  const movers = active.flatMap(({ agent, guest }) => [
    (async () => {
      while (running) await guest.send(payload);
    })(),
    (async () => {
      const iterator = agent[Symbol.asyncIterator]();
      while (running) await iterator.next();
    })(),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const withActive = await relay.memory();
  const bufferedWhileActive = relay.lastStats.bufferedBytes ?? 0;
  running = false;
  for (const { guest } of active) guest.close();
  await Promise.allSettled(movers);
  rows.push({
    name: 'relay memory per idle paired session',
    unit: 'KiB',
    median: idlePerSession / 1024,
    samples: IDLE,
    compared_to: {},
  });
  rows.push({
    name: 'relay memory per active session (streaming 64 KiB messages)',
    unit: 'KiB',
    median: Math.max(0, (withActive - withIdle) / active.length + idlePerSession) / 1024,
    samples: active.length,
    compared_to: {},
    extra: { relay_buffered_bytes_per_session: bufferedWhileActive / active.length },
  });
  for (const { guest } of idle.slice(active.length)) guest.close();
  await new Promise((resolve) => setTimeout(resolve, 300));

  const JOINS = 400;
  const start = performance.now();
  const joined = await pairs(url, JOINS);
  const joinsPerSecond = JOINS / ((performance.now() - start) / 1000);
  rows.push({
    name: 'create + join + pair (20 in flight)',
    unit: 'joins/s',
    median: joinsPerSecond,
    samples: JOINS,
    compared_to: {},
  });
  for (const { guest } of joined) guest.close();

  relay.stop();
  echo.stop();
  writeBenchResults(packageDir, '@fernhilfe/transport', rows);
}

await main();
