import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryAuditStore, type MemoryAuditStore } from '@fernhilfe/session';
import { createRelay, type Relay } from '@fernhilfe/transport/relay';

export const AGENT_TOKEN = 'guest-e2e-agent-token-0123456789';
export const AGENT = { org: 'Stadtwerke Test', displayName: 'Frau Weber' };

export interface TestRelay {
  relay: Relay;
  audit: MemoryAuditStore;
  url: string;
  port: number;
}

/**
 * A real relay on a free loopback port with one agent token and an in-memory audit log;
 * with `tls` it speaks wss and its URL names `localhost` (the certificate's name).
 */
export async function startRelay(tls?: { cert: string; key: string }): Promise<TestRelay> {
  const audit = createMemoryAuditStore();
  const relay = await createRelay({
    port: 0,
    host: '127.0.0.1',
    audit,
    agentTokens: [{ token: AGENT_TOKEN, agentId: 'agent-1', ...AGENT }],
    onError: () => undefined,
    ...(tls === undefined ? {} : { tls }),
  });
  const port = relay.address?.port ?? 0;
  const url = tls === undefined ? `ws://127.0.0.1:${port}/relay` : `wss://localhost:${port}/relay`;
  return { relay, audit, port, url };
}

/** A self-signed certificate for localhost and 127.0.0.1, made with openssl (PEM texts). */
export function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
        ...['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      ],
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
