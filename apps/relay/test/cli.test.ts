import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuditAnchor, parseAuditKey } from '@fernhilfe/session';
import { openJsonlAuditStore, readAuditAnchorFile, verifyJsonlAuditFile } from '@fernhilfe/session/audit-jsonl';
import { createAgentClient, createGuestClient } from '@fernhilfe/transport';
import { describe, expect, it } from 'vitest';
import { cliHarness } from './cli-process';

const { work, run, auditVerify, start } = cliHarness('fernhilfe-relay-cli-');

describe('fernhilfe-relay CLI', () => {
  it('documents every option and environment variable in --help', async () => {
    const help = run(['--help']);
    expect(await help.exited).toBe(0);
    for (const word of [
      '--port',
      'PORT',
      '--host',
      'HOST',
      '--token-file',
      'FERNHILFE_TOKEN_FILE',
      '--agent-token',
      'FERNHILFE_AGENT_TOKEN',
      '--audit-file',
      'FERNHILFE_AUDIT_FILE',
      '--audit-key-file',
      'FERNHILFE_AUDIT_KEY_FILE',
      '--tls-cert',
      'FERNHILFE_TLS_CERT',
      '--tls-key',
      'FERNHILFE_TLS_KEY',
      '--static-guest',
      'FERNHILFE_STATIC_GUEST',
      '--static-viewer',
      'FERNHILFE_STATIC_VIEWER',
      '--guest-modules',
      'FERNHILFE_GUEST_MODULES',
      '/downloads/',
      '--org',
      'FERNHILFE_ORG',
      '--agent-name',
      'FERNHILFE_AGENT_NAME',
      '--trust-proxy',
      'FERNHILFE_TRUSTED_PROXIES',
      '--session-expiry',
      'FERNHILFE_SESSION_EXPIRY',
      '--frame-ancestors',
      'FERNHILFE_FRAME_ANCESTORS',
      '/healthz',
      'SIGTERM',
      '--state-dir',
      'FERNHILFE_STATE_DIR',
      'STATE_DIRECTORY',
      '--public-url',
      'FERNHILFE_PUBLIC_URL',
      '--log-format',
      'FERNHILFE_LOG_FORMAT',
      '--metrics-listen',
      'FERNHILFE_METRICS_LISTEN',
      'audit verify FILE',
      'audit seal FILE',
      'CIDR',
      'id=AGENT-ID',
    ]) {
      expect(help.stdout()).toContain(word);
    }
  });

  it('refuses unknown options and bad values with exit code 2', async () => {
    const bad = run(['--nope']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain('--help');
    const badExpiry = run(['--session-expiry', '0']);
    expect(await badExpiry.exited).toBe(2);
    const shortToken = run(['--agent-token', 'short', '--port', '0']);
    expect(await shortToken.exited).toBe(2);
    expect(shortToken.stderr()).toContain('--help');
  });

  it('lets other origins load the embeddable viewer /agent/embed.js, and only that', async () => {
    const viewerDir = join(work, 'viewer-web');
    mkdirSync(viewerDir, { recursive: true });
    writeFileSync(join(viewerDir, 'index.html'), '<!doctype html><title>Konsole</title>');
    writeFileSync(join(viewerDir, 'embed.js'), 'export function mountViewer() {}');
    const relay = await start(['--static-viewer', viewerDir, '--audit-file', join(work, 'embed/audit.jsonl')]);
    const from = { headers: { Origin: 'https://helpdesk.example' } };
    const embed = await fetch(`${relay.base}/agent/embed.js`, from);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('access-control-allow-origin')).toBe('*');
    expect(await embed.text()).toContain('mountViewer');
    const consolePage = await fetch(`${relay.base}/agent/`, from);
    expect(consolePage.headers.get('access-control-allow-origin')).toBeNull();
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
  });

  it('lets numbers expire after --session-expiry seconds', async () => {
    const relay = await start(['--session-expiry', '1', '--audit-file', join(work, 'expiry/audit.jsonl')]);
    const url = `${relay.base.replace('http', 'ws')}/relay`;
    const session = await createAgentClient({ url, token: relay.token, proxy: false });
    expect(session.expiresAt - Date.now()).toBeLessThanOrEqual(1_000);
    await new Promise((done) => setTimeout(done, 1_500));
    await expect(createGuestClient({ url, number: session.number, proxy: false })).rejects.toMatchObject({
      code: 'TRANSPORT_EXPIRED',
    });
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
  });

  it('starts, prints token and URLs, serves /healthz and the pages, pairs, and stops cleanly on SIGINT', async () => {
    const guestDir = join(work, 'guest-web');
    mkdirSync(guestDir, { recursive: true });
    writeFileSync(join(guestDir, 'index.html'), '<!doctype html><title>Kundenseite</title>');
    const relay = await start(['--static-guest', guestDir, '--static-viewer', join(work, 'missing')]);
    expect(relay.stdout()).toContain(`Agent console:`);
    expect(relay.stdout()).toMatch(/Customer support page: http:\/\/localhost:\d+\//);

    expect(await (await fetch(`${relay.base}/healthz`)).text()).toBe('ok\n');
    const page = await fetch(`${relay.base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Kundenseite');
    const traversal = await fetch(`${relay.base}/%2e%2e/%2e%2e/package.json`);
    expect(await traversal.text()).not.toContain('"name"');
    const agentPage = await fetch(`${relay.base}/agent/`);
    expect(agentPage.status).toBe(503);
    expect(await agentPage.text()).toContain('not built');

    const url = `${relay.base.replace('http', 'ws')}/relay`;
    const session = await createAgentClient({ url, token: relay.token, proxy: false });
    const guest = await createGuestClient({ url, number: session.number, proxy: false });
    const agent = await session.waitForGuest();
    await guest.send(new Uint8Array([1, 2, 3]));
    for await (const bytes of agent) {
      expect(bytes).toEqual(new Uint8Array([1, 2, 3]));
      break;
    }
    relay.child.kill('SIGINT');
    expect((await guest.ended).reason).toBe('relay-shutdown');
    expect(await relay.exited).toBe(0);
    expect(relay.stdout()).toContain('stopped');

    const auditFile = join(work, 'state/audit.jsonl');
    expect(existsSync(join(work, 'data')), 'nothing is written relative to the working directory').toBe(false);
    expect(statSync(auditFile).mode & 0o777).toBe(0o600);
    const types = readFileSync(auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; reason?: string });
    expect(types.map((r) => r.type)).toEqual(['session-created', 'guest-joined', 'session-ended']);
    expect(types[2]?.reason).toBe('relay-shutdown');
    const store = await openJsonlAuditStore(auditFile);
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });

  it('closes sessions a crash left open as interrupted on the next start', async () => {
    const auditFile = join(work, 'crash/audit.jsonl');
    const first = await start(['--audit-file', auditFile]);
    const session = await createAgentClient({
      url: `${first.base.replace('http', 'ws')}/relay`,
      token: first.token,
      proxy: false,
    });
    expect(session.number).toMatch(/^\d{8}$/);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await start(['--audit-file', auditFile]);
    await second.output(/Closed 1 session\(s\) left open/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const last = readFileSync(auditFile, 'utf8').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ type: 'session-ended', reason: 'interrupted' });
  });

  it('refuses to start with an unreadable or too short --audit-key-file', async () => {
    const short = join(work, 'short.key');
    writeFileSync(short, '00'.repeat(16));
    for (const keyFile of [join(work, 'missing.key'), short]) {
      const relay = run(['--port', '0', '--audit-key-file', keyFile, '--audit-file', join(work, 'nokey/audit.jsonl')]);
      expect(await relay.exited).toBe(2);
      expect(relay.stderr()).toContain('--audit-key-file: ');
      expect(relay.stderr()).toMatch(/cannot read audit key file|must hold at least 32 random bytes/);
      expect(relay.stdout()).not.toContain('listening');
    }
  });

  it('keys and anchors the audit log with --audit-key-file, and refuses to start on a cut tail', async () => {
    const keyFile = join(work, 'audit.key');
    const hex = 'a5'.repeat(32);
    writeFileSync(keyFile, `${hex}\n`);
    const auditFile = join(work, 'keyed/audit.jsonl');
    const unkeyed = await start(['--audit-file', join(work, 'unkeyed/audit.jsonl')]);
    expect(unkeyed.stderr()).toContain('no --audit-key-file given');
    unkeyed.child.kill('SIGTERM');
    expect(await unkeyed.exited).toBe(0);

    const relay = await start(['--audit-file', auditFile, '--audit-key-file', keyFile]);
    expect(relay.stderr()).not.toContain('no --audit-key-file');
    const url = `${relay.base.replace('http', 'ws')}/relay`;
    for (let i = 0; i < 2; i++) await createAgentClient({ url, token: relay.token, proxy: false });
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
    const printed = /audit anchor (\{.*\})/.exec(relay.stdout());
    const anchor = await readAuditAnchorFile(`${auditFile}.anchor`);
    expect(parseAuditAnchor(printed![1]!)).toEqual(anchor);
    const key = parseAuditKey(hex);
    expect(await verifyJsonlAuditFile(auditFile, { key, anchor })).toMatchObject({ ok: true, records: 4 });
    const verifyArgs = [auditFile, '--key-file', keyFile, '--anchor', `${auditFile}.anchor`];
    expect(auditVerify(verifyArgs)).toMatchObject({ status: 0, stdout: expect.stringContaining('ok: 4 records') });

    const lines = readFileSync(auditFile, 'utf8').split('\n');
    writeFileSync(auditFile, `${lines.slice(0, 2).join('\n')}\n`);
    expect(await verifyJsonlAuditFile(auditFile, { key, anchor })).toMatchObject({ ok: false, problem: 'truncated' });
    expect(auditVerify(verifyArgs)).toMatchObject({ status: 1, stdout: expect.stringContaining('truncated: line 3') });
    const refused = run(['--port', '0', '--audit-file', auditFile], { FERNHILFE_AUDIT_KEY_FILE: keyFile });
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain('RELAY_CLI_AUDIT_CHAIN_BROKEN');
    expect(refused.stderr()).toContain('truncated');
    expect(refused.stderr()).toContain(`fernhilfe-relay audit seal ${auditFile}`);
  });
});
