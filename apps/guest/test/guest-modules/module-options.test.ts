import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUT_DIR, ModuleUsageError, readModuleBuildOptions } from '../../scripts/guest-modules/module-options';

const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-module-options-'));
const pfx = join(dir, 'cert.pfx');
writeFileSync(pfx, 'not really a certificate');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RELAY = ['--relay', 'wss://support.example.com/relay'];

describe('readModuleBuildOptions', () => {
  it('builds both platforms into dist/guest-modules at the repository root (where the relay looks), unsigned', () => {
    expect(DEFAULT_OUT_DIR).toBe(join(fileURLToPath(new URL('../../../..', import.meta.url)), 'dist/guest-modules'));
    expect(readModuleBuildOptions(RELAY)).toEqual({
      config: { relayUrl: 'wss://support.example.com/relay' },
      outDir: DEFAULT_OUT_DIR,
      platforms: ['windows-x64', 'linux-x64'],
    });
  });

  it('takes organisation, platforms, directory and certificate', () => {
    const options = readModuleBuildOptions([
      ...RELAY,
      ...['--org', 'Stadtwerke Test', '--platform', 'linux,windows', '--out', dir],
      ...['--cert', pfx, '--cert-password-file', pfx, '--timestamp-url', 'http://tsa.example/'],
    ]);
    expect(options).toMatchObject({
      config: { organisation: 'Stadtwerke Test' },
      outDir: dir,
      platforms: ['windows-x64', 'linux-x64'],
      signing: { pkcs12: pfx, passwordFile: pfx, timestampUrl: 'http://tsa.example/' },
    });
    expect(readModuleBuildOptions([...RELAY, '--platform', 'linux'])).toMatchObject({ platforms: ['linux-x64'] });
    expect(readModuleBuildOptions(['--help'])).toBe('help');
  });

  it.each([
    ['no --relay', []],
    ['an https relay', ['--relay', 'https://support.example.com/relay']],
    ['a relay without path', ['--relay', 'wss://support.example.com']],
    ['an unknown platform', [...RELAY, '--platform', 'macos']],
    ['an unreadable certificate', [...RELAY, '--cert', join(dir, 'missing.pfx')]],
    ['a password file without certificate', [...RELAY, '--cert-password-file', pfx]],
    ['signing without the Windows module', [...RELAY, '--platform', 'linux', '--cert', pfx]],
    ['a bad time-stamp URL', [...RELAY, '--cert', pfx, '--timestamp-url', 'ftp://tsa']],
    ['an unknown option', [...RELAY, '--sign']],
  ])('refuses %s', (_what, argv) => {
    expect(() => readModuleBuildOptions(argv)).toThrow(ModuleUsageError);
  });
});
