import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAgentClient, createGuestClient } from '@fernhilfe/transport';
import { describe, expect, it } from 'vitest';
import { cliHarness } from './cli-process';

const { work, run, start, audit } = cliHarness('fernhilfe-relay-ops-');
const TOKEN = 'operations-test-token-0123456789';

const wsUrl = (base: string) => `${base.replace('http', 'ws')}/relay`;

async function pair(base: string, token = TOKEN) {
  const agent = await createAgentClient({ url: wsUrl(base), token, proxy: false });
  const guestChannel = createGuestClient({ url: wsUrl(base), number: agent.number, proxy: false });
  const [agentChannel, guest] = await Promise.all([agent.waitForGuest(), guestChannel]);
  return { agent, agentChannel, guest };
}

function records(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('operating the relay', () => {
  it('lets one relay write an audit file: a second is refused naming the first, and takes over after a SIGKILL', async () => {
    const auditFile = join(work, 'shared/audit.jsonl');
    const first = await start(['--agent-token', TOKEN, '--audit-file', auditFile]);
    const live = await pair(first.base);
    const second = run(['--port', '0', '--agent-token', TOKEN, '--audit-file', auditFile]);
    expect(await second.exited).toBe(2);
    expect(second.stderr()).toContain('RELAY_CLI_AUDIT_LOCKED');
    expect(second.stderr()).toContain(`pid ${first.child.pid}`);
    expect(second.stderr()).toContain(`${auditFile}.lock`);
    expect(second.stdout()).not.toContain('listening');

    first.child.kill('SIGKILL');
    await first.exited;
    expect((await live.guest.ended).reason).toBe('peer-lost');
    const third = await start(['--agent-token', TOKEN, '--audit-file', auditFile]);
    await third.errors(/replaced the lock of fernhilfe-relay pid \d+/);
    await third.output(/Closed 1 session\(s\) left open/);
    const again = await pair(third.base);
    third.child.kill('SIGTERM');
    expect((await again.guest.ended).reason).toBe('relay-shutdown');
    expect(await third.exited).toBe(0);
    const types = records(auditFile).map((record) => `${record.type}${record.reason ? `:${record.reason}` : ''}`);
    expect(types).toEqual([
      'session-created',
      'guest-joined',
      'session-ended:interrupted',
      'session-created',
      'guest-joined',
      'session-ended:relay-shutdown',
    ]);
    expect(audit(['verify', auditFile])).toMatchObject({ status: 0, stdout: expect.stringContaining('ok: 6 records') });
  }, 60_000);

  it('recovers a broken chain with "audit seal", keeping the evidence', async () => {
    const auditFile = join(work, 'broken/audit.jsonl');
    const first = await start(['--agent-token', TOKEN, '--audit-file', auditFile]);
    for (let i = 0; i < 2; i++) await createAgentClient({ url: wsUrl(first.base), token: TOKEN, proxy: false });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const lines = readFileSync(auditFile, 'utf8').trim().split('\n');
    writeFileSync(auditFile, `${[lines[0], ...lines.slice(2)].join('\n')}\n`); // a line lost: wrong-seq
    const evidence = readFileSync(auditFile, 'utf8');

    const refused = run(['--port', '0', '--agent-token', TOKEN, '--audit-file', auditFile]);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain('RELAY_CLI_AUDIT_CHAIN_BROKEN');
    expect(audit(['verify', auditFile])).toMatchObject({
      status: 1,
      stdout: expect.stringContaining('wrong-seq: line 2'),
    });

    const sealed = audit(['seal', auditFile]);
    expect(sealed.status).toBe(0);
    const sealedPath = /sealed: (\S+)/.exec(sealed.stdout)?.[1] as string;
    expect(readFileSync(sealedPath, 'utf8')).toBe(evidence);
    expect(statSync(sealedPath).mode & 0o777).toBe(0o400);
    expect(audit(['seal', auditFile])).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('SESSION_AUDIT_CHAIN_INTACT'),
    });

    const second = await start(['--agent-token', TOKEN, '--audit-file', auditFile]);
    await createAgentClient({ url: wsUrl(second.base), token: TOKEN, proxy: false });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(records(auditFile)[0]).toMatchObject({ type: 'chain-continued', sealedRecords: 1, problem: 'wrong-seq' });
    const verified = audit(['verify', auditFile]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('matches');
  }, 60_000);

  it('refuses a state path that is no directory, or not its own', async () => {
    const notADirectory = join(work, 'plain-file');
    writeFileSync(notADirectory, '');
    const onFile = run(['--port', '0', '--agent-token', TOKEN, '--state-dir', notADirectory]);
    expect(await onFile.exited).toBe(2);
    expect(onFile.stderr()).toContain('RELAY_CLI_STATE_PATH_REFUSED');

    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    // As root, ownership is what makes it foreign; otherwise a directory the relay may not write.
    if (process.getuid?.() === 0) chownSync(foreign, 4242, 4242);
    else chmodSync(foreign, 0o500);
    const refused = run(['--port', '0', '--agent-token', TOKEN, '--state-dir', foreign]);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain('RELAY_CLI_STATE_PATH_REFUSED');
    expect(refused.stderr()).toContain(foreign);
  });

  it('logs one JSON line per operator event, never the token or the session number, and shows the public URL', async () => {
    const relay = await start([
      '--agent-token',
      TOKEN,
      '--log-format',
      'json',
      '--public-url',
      'https://support.example.com/',
    ]);
    expect(relay.stdout()).toContain('Public URL:            https://support.example.com');
    expect(relay.stdout()).toContain('Relay endpoint:        wss://support.example.com/relay');
    const { agent, guest } = await pair(relay.base);
    const refusedJoin = await createGuestClient({ url: wsUrl(relay.base), number: '12345671', proxy: false }).catch(
      (error: unknown) => error,
    );
    expect(refusedJoin).toBeInstanceOf(Error);
    guest.close();
    await relay.output(/"event":"session-ended"/);
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
    const output = `${relay.stdout()}\n${relay.stderr()}`;
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(agent.number);
    const events = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event: string; level: string; reason?: string; durationSeconds?: number });
    const names = events.map((event) => event.event);
    for (const name of ['started', 'session-created', 'guest-joined', 'join-refused', 'session-ended', 'stopped']) {
      expect(names).toContain(name);
    }
    const ended = events.find((event) => event.event === 'session-ended');
    expect(ended).toMatchObject({ level: 'info', reason: 'guest-ended', durationSeconds: expect.any(Number) });
  }, 30_000);

  it('refuses a --trust-proxy that is no address or range, and warns once about X-Forwarded-For from an untrusted proxy', async () => {
    const bad = run(['--port', '0', '--agent-token', TOKEN, '--trust-proxy', 'proxy.example.com']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain('--trust-proxy');

    const relay = await start(['--agent-token', TOKEN, '--trust-proxy', '10.0.0.0/8']);
    expect(relay.stdout()).toContain('Trusted proxies:       10.0.0.0/8');
    for (let i = 0; i < 3; i++) {
      await fetch(`${relay.base}/healthz`, { headers: { 'X-Forwarded-For': `198.51.100.${i}` } });
    }
    await relay.errors(/X-Forwarded-For from 127\.0\.0\.1, which is not a trusted proxy/);
    expect(relay.stderr().match(/not a trusted proxy/g)).toHaveLength(1);
    expect(relay.stderr()).toContain('--trust-proxy 127.0.0.1');
  });

  it('records the agent id of the token line, whatever its position in the file', async () => {
    const tokenFile = join(work, 'tokens');
    const weber = 'weber-token-0123456789abcdef';
    const braun = 'braun-token-0123456789abcdef';
    writeFileSync(tokenFile, `# agents\n${weber} id=weber Frau Weber\n${braun} id=braun Herr Braun\n`);
    const auditFile = join(work, 'ids/audit.jsonl');
    const first = await start(['--token-file', tokenFile, '--audit-file', auditFile]);
    await createAgentClient({ url: wsUrl(first.base), token: braun, proxy: false });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    writeFileSync(tokenFile, `${braun} id=braun Herr Braun\n`); // Frau Weber left
    const second = await start(['--token-file', tokenFile, '--audit-file', auditFile]);
    await createAgentClient({ url: wsUrl(second.base), token: braun, proxy: false });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const agents = records(auditFile)
      .filter((record) => record.type === 'session-created')
      .map((record) => record.agent);
    expect(agents).toEqual([
      { id: 'braun', org: 'Fernhilfe', name: 'Herr Braun' },
      { id: 'braun', org: 'Fernhilfe', name: 'Herr Braun' },
    ]);
  });
});
