import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startTinyproxy } from '../../../scripts/tinyproxy';
import { createAgentClient, createGuestClient, type TransportError, TransportErrorCode } from '../src/index';
import { AGENT_TOKEN, startRelay, type TestRelay } from './helpers';

let dir: string;
let cert: string;
let relay: TestRelay;
let url: string;
let proxy: RunningProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fernhilfe-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  } catch (cause) {
    throw new Error('openssl is needed to generate the test certificate (apt-get install openssl)', { cause });
  }
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  relay = await startRelay({ tls: { cert, key: readFileSync(join(dir, 'key.pem'), 'utf8') } });
  url = `wss://localhost:${relay.relay.address?.port}/relay`;
  proxy = await startTinyproxy();
});

afterAll(async () => {
  await proxy?.stop();
  await relay?.relay.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS', () => {
  it('pairs over wss when the client trusts the relay CA', async () => {
    const session = await createAgentClient({ url, token: AGENT_TOKEN, ca: cert, proxy: false });
    const guest = await createGuestClient({ url, number: session.number, ca: cert, proxy: proxy.url });
    const agent = await session.waitForGuest();
    const got = (async () => {
      for await (const bytes of agent) return bytes;
    })();
    await guest.send(new Uint8Array([1]));
    expect(await got).toEqual(new Uint8Array([1]));
    guest.close();
  });

  it('refuses a certificate it cannot verify (TRANSPORT_TLS_FAILED)', async () => {
    const error = await createAgentClient({ url, token: AGENT_TOKEN, proxy: false }).catch((e: unknown) => e);
    expect((error as TransportError).code).toBe(TransportErrorCode.TLS_FAILED);
    const viaProxy = await createAgentClient({ url, token: AGENT_TOKEN, proxy: proxy.url }).catch((e: unknown) => e);
    expect((viaProxy as TransportError).code).toBe(TransportErrorCode.TLS_FAILED);
  });
});
