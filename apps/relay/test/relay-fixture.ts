import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentClient, createGuestClient } from '@fernhilfe/transport';
import { readSettings } from '../src/cli-options';
import { type RunningRelayServer, startRelayServer } from '../src/relay-server';

/** The agent token every fixture relay accepts. */
export const AGENT_TOKEN = 'fixture-agent-token-0123456789';

/** A real relay server on a free loopback port, with temp bundle dirs and a temp audit file. */
export interface RelayFixture {
  server: RunningRelayServer;
  port: number;
  /** `http://127.0.0.1:PORT` (or https). */
  base: string;
  /** The temp directory: `guest/`, `viewer/`, `secret.txt` beside them, `audit.jsonl`. */
  work: string;
  /** The CA (self-signed certificate) when started with TLS. */
  cert: string | undefined;
  close(): Promise<void>;
}

function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  // biome-ignore format: one option with its value per line
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { cert, key };
}

/**
 * Starts `startRelayServer` as the CLI would, on 127.0.0.1 port 0, serving small bundles: the
 * customer page (`index.html`, `app.js`) and the console (`index.html`, `embed.js`).
 *
 * @param options - extra CLI arguments, TLS, or bundle directories of your own
 */
export async function startRelayFixture(
  options: { args?: string[]; tls?: boolean; guestDir?: string; viewerDir?: string; guestModulesDir?: string } = {},
): Promise<RelayFixture> {
  const work = mkdtempSync(join(tmpdir(), 'fernhilfe-relay-fixture-'));
  const guestDir = options.guestDir ?? join(work, 'guest');
  const viewerDir = options.viewerDir ?? join(work, 'viewer');
  if (!options.guestDir) {
    mkdirSync(guestDir);
    writeFileSync(join(guestDir, 'index.html'), '<!doctype html><title>Kundenseite</title>');
    writeFileSync(join(guestDir, 'app.js'), 'export {};');
  }
  if (!options.viewerDir) {
    mkdirSync(viewerDir);
    writeFileSync(join(viewerDir, 'index.html'), '<!doctype html><title>Konsole</title>');
    writeFileSync(join(viewerDir, 'embed.js'), 'export function mountViewer() {}');
  }
  writeFileSync(join(work, 'secret.txt'), 'TOP-SECRET-OUTSIDE-THE-BUNDLE');
  const tls = options.tls ? selfSignedCertificate(work) : undefined;
  // biome-ignore format: one option with its value per line
  const args = [
    '--port', '0', '--host', '127.0.0.1', '--agent-token', AGENT_TOKEN,
    '--audit-file', join(work, 'audit.jsonl'), '--static-guest', guestDir, '--static-viewer', viewerDir,
    '--guest-modules', options.guestModulesDir ?? join(work, 'guest-modules'),
    ...(tls ? ['--tls-cert', tls.cert, '--tls-key', tls.key] : []),
    ...(options.args ?? []),
  ];
  const server = await startRelayServer(readSettings(args, {}));
  const url = new URL(server.baseUrl);
  url.hostname = '127.0.0.1';
  return {
    server,
    port: Number(url.port),
    base: url.origin,
    work,
    cert: tls ? readFileSync(tls.cert, 'utf8') : undefined,
    async close() {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Proves the relay still does its job: an agent creates a session over a real WebSocket, a guest
 * joins it, and one payload goes through.
 *
 * @param fixture - the running relay
 */
export async function pairOnce(fixture: RelayFixture): Promise<Uint8Array> {
  const url = `${fixture.base.replace(/^http/, 'ws')}/relay`;
  const session = await createAgentClient({ url, token: AGENT_TOKEN, proxy: false, ca: fixture.cert });
  const guest = await createGuestClient({ url, number: session.number, proxy: false, ca: fixture.cert });
  const agent = await session.waitForGuest();
  await guest.send(new Uint8Array([7, 8, 9]));
  let received: Uint8Array = new Uint8Array();
  for await (const bytes of agent) {
    received = bytes;
    break;
  }
  guest.close();
  agent.close();
  return received;
}
