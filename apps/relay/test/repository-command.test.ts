import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandPackage, PRINT_ARGUMENTS } from '../../../scripts/command-package';
import { RelayCliErrorCode } from '../src/errors';

const appDir = join(import.meta.dirname, '..');
const repoRoot = join(appDir, '../..');
const bin = join(appDir, 'bin/fernhilfe-relay.mjs');
const work = mkdtempSync(join(tmpdir(), 'fernhilfe-relay-bin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const packageWith = (content?: string) => commandPackage(work, bin, 'dist/main.js', content);

describe('fernhilfe-relay as a command of the repository', () => {
  it('is linked by npm ci, so `npx fernhilfe-relay` runs the relay app', () => {
    expect(realpathSync(join(repoRoot, 'node_modules/.bin/fernhilfe-relay'))).toBe(realpathSync(bin));
  });

  it('says the relay is not built instead of failing with a stack trace', () => {
    const run = spawnSync(process.execPath, [packageWith()], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`fernhilfe-relay: ${RelayCliErrorCode.NOT_BUILT}:`);
    expect(run.stderr).toContain('npm run build');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs the built relay with the arguments it was given', () => {
    const run = spawnSync(process.execPath, [packageWith(PRINT_ARGUMENTS), '--port', '9', 'audit'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(['--port', '9', 'audit']);
  });
});
