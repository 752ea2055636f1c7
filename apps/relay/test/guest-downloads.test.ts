import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../src/cli-options';
import { type RelayFixture, startRelayFixture } from './relay-fixture';

const work = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-downloads-'));
const modulesDir = join(work, 'modules');
const EXE = Buffer.from('MZ pretend this is Fernhilfe-Gastmodul.exe');
const ELF = Buffer.from('\x7fELF pretend this is the Linux module');

function entry(file: string, platform: string, bytes: Buffer, signed: boolean) {
  return { file, platform, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), signed };
}

function writeManifest(modules: unknown[]): void {
  const manifest = { format: 1, relayUrl: 'wss://support.example.com/relay', builtAt: '2026-12-03T16:00:00Z', modules };
  writeFileSync(join(modulesDir, 'guest-modules.json'), JSON.stringify(manifest));
}

let relay: RelayFixture;

/** The manifest answers with an empty list (no failed request on the page); no module is served. */
async function expectNothingOffered(): Promise<void> {
  const manifest = await fetch(`${relay.base}/downloads/guest-modules.json`);
  expect(manifest.status).toBe(200);
  expect(await manifest.json()).toEqual({ format: 1, modules: [] });
  expect((await fetch(`${relay.base}/downloads/Fernhilfe-Gastmodul.exe`)).status).toBe(404);
}

beforeAll(async () => {
  mkdirSync(modulesDir);
  writeFileSync(join(modulesDir, 'Fernhilfe-Gastmodul.exe'), EXE);
  writeFileSync(join(modulesDir, 'fernhilfe-gastmodul-linux-x64'), ELF);
  writeFileSync(join(modulesDir, 'notes.txt'), 'not a module');
  writeFileSync(join(work, 'secret.txt'), 'outside');
  relay = await startRelayFixture({ guestModulesDir: modulesDir });
});
afterAll(async () => {
  await relay?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the relay offers the guest modules at /downloads/', () => {
  beforeAll(() =>
    writeManifest([
      entry('Fernhilfe-Gastmodul.exe', 'windows-x64', EXE, true),
      entry('fernhilfe-gastmodul-linux-x64', 'linux-x64', ELF, false),
      { file: '../secret.txt', platform: 'linux-x64', size: 7, sha256: 'ab'.repeat(32), signed: false },
    ]),
  );

  it('serves each module as an attachment with type, length and the pages’ security headers', async () => {
    const exe = await fetch(`${relay.base}/downloads/Fernhilfe-Gastmodul.exe`);
    expect(exe.status).toBe(200);
    expect(exe.headers.get('content-type')).toBe('application/vnd.microsoft.portable-executable');
    expect(exe.headers.get('content-disposition')).toBe('attachment; filename="Fernhilfe-Gastmodul.exe"');
    expect(exe.headers.get('content-length')).toBe(String(EXE.length));
    expect(exe.headers.get('x-content-type-options')).toBe('nosniff');
    expect(exe.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(Buffer.from(await exe.arrayBuffer())).toEqual(EXE);
    const elf = await fetch(`${relay.base}/downloads/fernhilfe-gastmodul-linux-x64`, { method: 'HEAD' });
    expect(elf.status).toBe(200);
    expect(elf.headers.get('content-type')).toBe('application/octet-stream');
    expect(elf.headers.get('content-length')).toBe(String(ELF.length));
  });

  it('serves the manifest with only its well-formed entries', async () => {
    const got = await fetch(`${relay.base}/downloads/guest-modules.json`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/json');
    const manifest = (await got.json()) as { modules: { file: string }[]; relayUrl: string };
    expect(manifest.relayUrl).toBe('wss://support.example.com/relay');
    expect(manifest.modules.map((module) => module.file)).toEqual([
      'Fernhilfe-Gastmodul.exe',
      'fernhilfe-gastmodul-linux-x64',
    ]);
  });

  it.each([
    '/downloads',
    '/downloads/',
    '/downloads/notes.txt',
    '/downloads/..%2Fsecret.txt',
    '/downloads/%2e%2e%2fsecret.txt',
    '/downloads/Fernhilfe-Gastmodul.exe/',
  ])('answers 404 for %s, never the customer page or another file', async (path) => {
    const got = await fetch(`${relay.base}${path}`);
    expect(got.status, path).toBe(404);
    const text = await got.text();
    expect(text).not.toContain('outside');
    expect(text).not.toContain('Kundenseite');
  });

  it('answers 405 to other methods', async () => {
    const got = await fetch(`${relay.base}/downloads/Fernhilfe-Gastmodul.exe`, { method: 'DELETE' });
    expect(got.status).toBe(405);
    expect(got.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('a module that does not match its manifest entry', () => {
  it('is not served while its size differs (a rebuild in progress)', async () => {
    writeManifest([{ ...entry('Fernhilfe-Gastmodul.exe', 'windows-x64', EXE, false), size: EXE.length + 1 }]);
    expect((await fetch(`${relay.base}/downloads/Fernhilfe-Gastmodul.exe`)).status).toBe(404);
  });

  it.each([
    ['a broken manifest', '{'],
    ['a manifest of another format', JSON.stringify({ format: 2, modules: [] })],
    ['a manifest without modules', JSON.stringify({ format: 1, relayUrl: 'x', builtAt: 'y', modules: [] })],
  ])('offers nothing with %s', async (_what, text) => {
    writeFileSync(join(modulesDir, 'guest-modules.json'), text);
    await expectNothingOffered();
  });

  it('offers nothing without a manifest', async () => {
    rmSync(join(modulesDir, 'guest-modules.json'));
    await expectNothingOffered();
  });
});

describe('--guest-modules', () => {
  it('defaults to dist/guest-modules at the repository root, where the module build writes; option and environment win', () => {
    const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
    expect(readSettings([], {}).guestModules).toBe(join(repoRoot, 'dist/guest-modules'));
    expect(readSettings(['--guest-modules', '/srv/modules'], {}).guestModules).toBe('/srv/modules');
    expect(readSettings([], { FERNHILFE_GUEST_MODULES: '/srv/env' }).guestModules).toBe('/srv/env');
  });
});
