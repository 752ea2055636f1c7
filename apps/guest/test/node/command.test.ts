import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandPackage, PRINT_ARGUMENTS } from '../../../../scripts/command-package';
import { GuestErrorCode } from '../../src/errors';

const appDir = join(import.meta.dirname, '../..');
const bin = join(appDir, 'bin/fernhilfe-guest.mjs');
const work = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-bin-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const packageWith = (content?: string) => commandPackage(work, bin, 'dist/node/cli.js', content);

describe('the fernhilfe-guest command', () => {
  it('is linked by npm ci in the repository', () => {
    expect(realpathSync(join(appDir, '../../node_modules/.bin/fernhilfe-guest'))).toBe(realpathSync(bin));
  });

  it('says the guest is not built instead of failing with a stack trace', () => {
    const run = spawnSync(process.execPath, [packageWith()], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`fernhilfe-guest: ${GuestErrorCode.CLI_NOT_BUILT}:`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs the built CLI with the arguments it was given', () => {
    const run = spawnSync(process.execPath, [packageWith(PRINT_ARGUMENTS), '--help'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(['--help']);
  });
});
