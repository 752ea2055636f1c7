import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryAuditStore, type MemoryAuditStore } from '@fernhilfe/session';
import { createRelay, type Relay } from '@fernhilfe/transport/relay';
import { CONTENT_TYPES as TYPES } from '../../../../../scripts/static-files';
import { buildWeb } from '../../../scripts/build-web.mjs';

export const guestAppDir = fileURLToPath(new URL('../../..', import.meta.url));
export const AGENT_TOKEN = 'web-guest-e2e-token-0123456789abcdef';
export const AGENT = { org: 'Stadtwerke Fernhilfe', displayName: 'Frau Weber' };

/** The page must run without inline scripts or styles. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'self'";

/** The support page and a real relay on one loopback HTTP server, as apps/relay serves them. */
export interface GuestSite {
  /** http://127.0.0.1:port/ */
  pageUrl: string;
  /** ws://127.0.0.1:port/relay */
  relayUrl: string;
  relay: Relay;
  audit: MemoryAuditStore;
  /** Paths the browser fetched, in order. */
  requested: string[];
  close(): Promise<void>;
}

/**
 * Builds the page exactly as `npm run build` does (into a private temp dir, so a concurrent
 * build of dist/web cannot pull files away mid-test) and serves it at `/` with a strict CSP,
 * with the relay attached to the same server at `/relay`.
 */
export async function startGuestSite(): Promise<GuestSite> {
  const outdir = await mkdtemp(join(tmpdir(), 'fernhilfe-guest-web-'));
  await buildWeb({ outdir });
  const requested: string[] = [];
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requested.push(path);
    if (path === '/downloads/guest-modules.json') {
      // What apps/relay answers while no guest modules are built.
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"format":1,"modules":[]}');
      return;
    }
    const relative = path === '/' ? '/index.html' : path;
    try {
      const body = await readFile(join(outdir, normalize(relative).replace(/^(\.\.[/\\])+/, '')));
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(relative)] ?? 'application/octet-stream',
      };
      if (relative === '/index.html') headers['content-security-policy'] = STRICT_CSP;
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const audit = createMemoryAuditStore();
  const relay = await createRelay({
    server,
    path: '/relay',
    audit,
    agentTokens: [{ token: AGENT_TOKEN, agentId: 'agent-1', ...AGENT }],
    onError: () => undefined,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}/`,
    relayUrl: `ws://127.0.0.1:${port}/relay`,
    relay,
    audit,
    requested,
    async close() {
      await relay.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outdir, { recursive: true, force: true });
    },
  };
}
