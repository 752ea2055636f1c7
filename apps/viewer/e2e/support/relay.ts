import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createMemoryAuditStore, createMemoryRegistry, type MemoryAuditStore } from '@fernhilfe/session';
import { createRelay, type Relay } from '@fernhilfe/transport/relay';
import { serveStaticFiles } from '../../../../scripts/static-files';
import { startWatched, type WatchedProcess } from './processes';

export const repoDir = join(import.meta.dirname, '../../../..');
const relayMain = join(repoDir, 'apps/relay/src/main.ts');

/** Runs a TypeScript entry point from source (sibling packages through `@fernhilfe/source`). */
export function startTsProcess(
  entry: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; label: string },
): WatchedProcess {
  return startWatched(process.execPath, ['--conditions=@fernhilfe/source', '--import', 'tsx', entry, ...args], {
    cwd: repoDir,
    env: options.env ?? process.env,
    label: options.label,
  });
}

/** A relay the test talks to: its HTTP base, WebSocket endpoint, and how to stop it. */
export interface TestRelay {
  readonly base: string;
  readonly wsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real `fernhilfe-relay` CLI (apps/relay/src/main.ts, the code `npm start`
 * builds) on a free loopback port, serving the viewer bundle from `webDir` at /agent/.
 */
export async function startRelayCli(options: {
  webDir: string;
  auditFile: string;
  token: string;
  org: string;
  agentName: string;
}): Promise<TestRelay & { process: WatchedProcess }> {
  const relay = startTsProcess(
    relayMain,
    [
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--agent-token',
      options.token,
      '--org',
      options.org,
      '--agent-name',
      options.agentName,
      '--audit-file',
      options.auditFile,
      '--static-viewer',
      options.webDir,
    ],
    { label: 'relay' },
  );
  const [, url] = await relay.waitFor(/listening on (http:\/\/\S+)/, { timeoutMs: 30_000 });
  const base = (url as string).replace('localhost', '127.0.0.1');
  return {
    base,
    wsUrl: `${base.replace(/^http/, 'ws')}/relay`,
    process: relay,
    async stop() {
      await relay.stop();
    },
  };
}

/**
 * The relay library in this process, for what the CLI has no option for: numbers that
 * expire after `waitingForGuestMs`. It serves the viewer bundle at /agent/ with the shared
 * test support (scripts/static-files.ts).
 */
export async function startShortLivedRelay(options: {
  webDir: string;
  token: string;
  waitingForGuestMs: number;
}): Promise<TestRelay & { audit: MemoryAuditStore }> {
  const site = serveStaticFiles(options.webDir, '/agent/');
  const server: Server = createServer(async (request, response) => {
    if (!(await site(request, response))) response.writeHead(404).end();
  });
  const audit = createMemoryAuditStore();
  const relay: Relay = await createRelay({
    server,
    path: '/relay',
    audit,
    registry: createMemoryRegistry({ waitingForGuestMs: options.waitingForGuestMs }),
    expirySweepMs: 200,
    agentTokens: [{ token: options.token, agentId: 'agent-1', displayName: 'Support', org: 'Fernhilfe' }],
    onError: () => {},
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/relay`,
    audit,
    async stop() {
      await relay.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
