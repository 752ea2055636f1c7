import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentClient, createGuestClient, TransportErrorCode } from '@fernhilfe/transport';
import { afterAll, describe, expect, it } from 'vitest';
import { readSettings } from '../src/cli-options';
import type { LogLevel } from '../src/operator-log';
import { type RunningRelayServer, startRelayServer } from '../src/relay-server';
import { freePort, hasNginx, makeCaAndServerCertificate, type NginxProxy, startNginx } from './nginx-proxy';

const work = mkdtempSync(join(tmpdir(), 'fernhilfe-relay-nginx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const TOKEN = 'nginx-test-agent-token-0123456789';
// Never skipped: scripts/ensure-system-deps.sh installs nginx on a machine without it.
if (!hasNginx) throw new Error('the reverse-proxy tests need nginx: apt-get install -y nginx');
const tls = makeCaAndServerCertificate(work);
const ca = readFileSync(tls.ca, 'utf8');

/** A relay on 127.0.0.1 behind nginx with TLS, logging into `lines`. */
async function relayBehindNginx(name: string, trustProxy: string[]) {
  const port = await freePort();
  const lines: Array<{ level: LogLevel; event: string; text: string }> = [];
  // biome-ignore format: one option with its value per line
  const settings = readSettings([
    '--port', String(port), '--host', '127.0.0.1', '--agent-token', TOKEN,
    '--state-dir', join(work, name), ...trustProxy.flatMap((entry) => ['--trust-proxy', entry]),
  ], {});
  const relay: RunningRelayServer = await startRelayServer(settings, {
    write: (level, event, text) => void lines.push({ level, event, text }),
  });
  const nginx: NginxProxy = await startNginx(join(work, `${name}-nginx`), port, tls);
  const url = `${nginx.base.replace('https', 'wss')}/relay`;
  return {
    url,
    lines,
    auditFile: settings.auditFile,
    async stop() {
      await nginx.stop();
      await relay.close();
    },
  };
}

/** Wrong numbers from one customer until the relay holds that customer back. */
async function guessUntilHeldBack(url: string, localAddress: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const error = await createGuestClient({ url, number: '12345671', ca, proxy: false, localAddress }).catch(
      (e: unknown) => e as { code?: string },
    );
    if ((error as { code?: string }).code === TransportErrorCode.RATE_LIMITED) return;
  }
  throw new Error('never held back');
}

async function joinAs(url: string, localAddress: string) {
  const agent = await createAgentClient({ url, token: TOKEN, ca, proxy: false });
  const joined = await createGuestClient({ url, number: agent.number, ca, proxy: false, localAddress }).then(
    (channel) => ({ ok: true as const, channel }),
    (error: { code?: string }) => ({ ok: false as const, code: error.code }),
  );
  return { agent, joined };
}

describe('behind nginx with TLS (customers on 127.0.0.2 and 127.0.0.3)', () => {
  it('with --trust-proxy, keys each customer on their own address: a guesser does not hold back another customer', async () => {
    const relay = await relayBehindNginx('trusted', ['127.0.0.1']);
    try {
      await guessUntilHeldBack(relay.url, '127.0.0.2');
      const { joined } = await joinAs(relay.url, '127.0.0.3');
      expect(joined.ok).toBe(true);
      if (joined.ok) joined.channel.close();
      const records = readFileSync(relay.auditFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; guestAddress?: string });
      expect(new Set(records.filter((r) => r.type === 'join-refused').map((r) => r.guestAddress))).toEqual(
        new Set(['127.0.0.2']),
      );
      expect(records.find((r) => r.type === 'guest-joined')?.guestAddress).toBe('127.0.0.3');
      expect(relay.lines.some((line) => line.event === 'proxy-untrusted')).toBe(false);
    } finally {
      await relay.stop();
    }
  }, 60_000);

  it('without --trust-proxy, all customers share the proxy address: the relay warns once, loudly', async () => {
    const relay = await relayBehindNginx('untrusted', []);
    try {
      await guessUntilHeldBack(relay.url, '127.0.0.2');
      const { joined } = await joinAs(relay.url, '127.0.0.3');
      // The failure the warning describes: a customer with the correct number is held back too.
      expect(joined).toMatchObject({ ok: false, code: TransportErrorCode.RATE_LIMITED });
      const warnings = relay.lines.filter((line) => line.event === 'proxy-untrusted');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe('warn');
      expect(warnings[0]?.text).toContain('--trust-proxy 127.0.0.1');
      expect(warnings[0]?.text).toContain('share ONE budget');
    } finally {
      await relay.stop();
    }
  }, 60_000);
});
