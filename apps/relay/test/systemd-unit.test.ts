import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAgentClient } from '@fernhilfe/transport';
import { describe, expect, it } from 'vitest';
import { cliHarness } from './cli-process';

const { work, start } = cliHarness('fernhilfe-relay-unit-');
const UNIT = join(import.meta.dirname, '../deploy/fernhilfe-relay.service');
const ANALYZE = '/usr/bin/systemd-analyze';
/** The start of the unit's ExecStart: node running the built relay of a checkout in /opt/fernhilfe. */
const EXEC_PREFIX = '/usr/bin/node /opt/fernhilfe/apps/relay/dist/main.js ';

function serviceLines(text: string, key: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${key}=`))
    .map((line) => line.slice(key.length + 1));
}

describe('the systemd unit', () => {
  const unit = readFileSync(UNIT, 'utf8');

  it('passes systemd-analyze verify without a complaint', () => {
    // Never skipped: scripts/ensure-system-deps.sh installs systemd on a machine without it.
    expect(existsSync(ANALYZE), `${ANALYZE} is missing: apt-get install -y systemd`).toBe(true);
    // verify wants the ExecStart binary to exist: the node running this test stands in for /usr/bin/node.
    const copy = join(work, 'fernhilfe-relay.service');
    writeFileSync(copy, unit.replace('/usr/bin/node ', `${process.execPath} `));
    const result = spawnSync(ANALYZE, ['verify', '--man=no', copy], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(`${result.stdout}${result.stderr}`.split('\n').filter((line) => line.includes(copy))).toEqual([]);
  });

  it('hardens the service and keeps its state in StateDirectory', () => {
    for (const setting of [
      'DynamicUser=yes',
      'StateDirectory=fernhilfe-relay',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'UMask=0077',
      'KillSignal=SIGTERM',
    ]) {
      expect(unit.split('\n')).toContain(setting);
    }
  });

  it('runs its ExecStart line as systemd would: state in $STATE_DIRECTORY, secrets from $CREDENTIALS_DIRECTORY, SIGTERM stops it', async () => {
    const [execStart = ''] = serviceLines(unit, 'ExecStart');
    expect(execStart.startsWith(EXEC_PREFIX)).toBe(true);
    const stateDirectory = join(work, 'var-lib-fernhilfe-relay');
    const credentials = join(work, 'credentials');
    mkdirSync(stateDirectory, { mode: 0o700 });
    mkdirSync(credentials);
    const token = 'unit-test-token-0123456789abcdef';
    writeFileSync(join(credentials, 'tokens'), `${token} id=weber Frau Weber\n`, { mode: 0o600 });
    writeFileSync(join(credentials, 'audit.key'), `${'5a'.repeat(32)}\n`, { mode: 0o600 });
    const environment = Object.fromEntries(
      serviceLines(unit, 'Environment').map((entry) => entry.split('=', 2) as [string, string]),
    );
    const args = execStart
      .slice(EXEC_PREFIX.length)
      .replace(/\$\{CREDENTIALS_DIRECTORY\}/g, credentials)
      .split(/\s+/);
    const relay = await start(args, {
      ...environment,
      PORT: '0',
      STATE_DIRECTORY: stateDirectory,
      CREDENTIALS_DIRECTORY: credentials,
      FERNHILFE_STATE_DIR: '',
    });
    expect(relay.stdout()).toContain(`State directory:       ${stateDirectory}`);
    expect(relay.stdout()).toContain('Public URL:            https://support.example.com');
    const session = await createAgentClient({ url: `${relay.base.replace('http', 'ws')}/relay`, token, proxy: false });
    expect(session.number).toMatch(/^\d{8}$/);
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
    const auditFile = join(stateDirectory, 'audit.jsonl');
    expect(statSync(auditFile).mode & 0o777).toBe(0o600);
    expect(statSync(`${auditFile}.anchor`).mode & 0o777).toBe(0o600);
    const created = JSON.parse(readFileSync(auditFile, 'utf8').split('\n')[0] as string);
    expect(created).toMatchObject({ type: 'session-created', agent: { id: 'weber', name: 'Frau Weber' } });
  }, 30_000);
});
