import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryAuditStore } from '@fernhilfe/session';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS as CHROMIUM_FLAGS_SHARED, CHROMIUM_PATH } from '../../../scripts/chromium';
import { createAgentClient } from '../src/index';
import { createRelay, type Relay } from '../src/relay/index';
import { AGENT_TOKEN } from './helpers';

const CHROMIUM = CHROMIUM_PATH;
const FLAGS = [...CHROMIUM_FLAGS_SHARED];
// Both sides then sit idle for longer than the heartbeat timeout: only heartbeats keep the session.
// The timeout leaves room for a busy machine; the idle spell is 2.5 times as long.
const BEATS = { heartbeatIntervalMs: 250, heartbeatTimeoutMs: 2_000 };
const IDLE_MS = 5_000;

let server: Server;
let relay: Relay;
let context: BrowserContext;
let profile: string;
let origin: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run scripts/ensure-system-deps.sh (apt-get install chromium)`);
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'browser/guest-page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    conditions: ['@fernhilfe/source'],
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  server = createServer((request, response) => {
    if (request.url === '/guest.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    } else {
      response
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!doctype html><script type="module" src="/guest.js"></script>');
    }
  });
  relay = await createRelay({
    server,
    path: '/relay',
    audit: createMemoryAuditStore(),
    agentTokens: [{ token: AGENT_TOKEN, agentId: 'a', displayName: 'Herr Braun', org: 'Browserwerke' }],
    ...BEATS,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  profile = mkdtempSync(join(tmpdir(), 'fernhilfe-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await relay?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('browser guest in headless Chromium', () => {
  it('pairs with a Node agent through a relay embedded in an existing http.Server', async () => {
    const page = await context.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => 'runGuest' in globalThis);
    const session = await createAgentClient({ url: `${origin.replace('http', 'ws')}/relay`, token: AGENT_TOKEN });
    const result = page.evaluate(
      ([url, number, beats, idleMs]) =>
        (globalThis as unknown as { runGuest: (...args: unknown[]) => Promise<unknown> }).runGuest(
          url,
          number,
          beats,
          idleMs,
        ),
      [`${origin.replace('http', 'ws')}/relay`, session.number, BEATS, IDLE_MS] as const,
    );
    const agent = await session.waitForGuest();
    const iterator = agent[Symbol.asyncIterator]();
    expect(Array.from((await iterator.next()).value ?? [])).toEqual([1, 2, 3]);
    await agent.send(new Uint8Array([9, 8, 7]));
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    await agent.send(new Uint8Array([6]));
    expect(await result).toEqual({
      peer: { sessionId: session.sessionId, org: 'Browserwerke', agentName: 'Herr Braun' },
      first: [9, 8, 7],
      second: [6],
      end: 'guest-ended',
      error: null,
      released: 1,
    });
    expect((await agent.ended).reason).toBe('guest-ended');
  });
});
