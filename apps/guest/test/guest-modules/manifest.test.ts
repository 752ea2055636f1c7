import { describe, expect, it } from 'vitest';
import { MODULE_FILE_NAMES, readGuestModulesManifest } from '../../src/guest-modules/manifest';

const HASH = 'ab'.repeat(32);
const windows = {
  file: MODULE_FILE_NAMES['windows-x64'],
  platform: 'windows-x64',
  size: 10,
  sha256: HASH,
  signed: true,
};
const linux = { file: MODULE_FILE_NAMES['linux-x64'], platform: 'linux-x64', size: 20, sha256: HASH, signed: false };
const manifest = { format: 1, relayUrl: 'wss://a.example/relay', builtAt: '2026-12-03T16:00:00.000Z' };

describe('readGuestModulesManifest', () => {
  it('keeps well-formed entries, one per platform, in platform order', () => {
    const read = readGuestModulesManifest({ ...manifest, modules: [linux, windows, { ...windows, size: 99 }] });
    expect(read?.modules).toEqual([windows, linux]);
  });

  it.each([
    ['a foreign file name', { ...windows, file: '../../etc/passwd' }],
    ['the other platform’s file name', { ...windows, file: MODULE_FILE_NAMES['linux-x64'] }],
    ['an unknown platform', { ...windows, platform: 'macos-arm64' }],
    ['a short hash', { ...windows, sha256: 'abc' }],
    ['an upper-case hash', { ...windows, sha256: HASH.toUpperCase() }],
    ['a zero size', { ...windows, size: 0 }],
    ['a fractional size', { ...windows, size: 1.5 }],
    ['no signed flag', { ...windows, signed: undefined }],
  ])('drops an entry with %s', (_what, entry) => {
    expect(readGuestModulesManifest({ ...manifest, modules: [entry] })?.modules).toEqual([]);
  });

  it.each([
    null,
    'text',
    [],
    { ...manifest, format: 2, modules: [] },
    { ...manifest, modules: 'none' },
    { ...manifest, relayUrl: 5, modules: [] },
  ])('is undefined for %j', (value) => {
    expect(readGuestModulesManifest(value)).toBeUndefined();
  });
});
