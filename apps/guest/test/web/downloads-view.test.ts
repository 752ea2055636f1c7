import { describe, expect, it } from 'vitest';
import type { GuestModulesManifest } from '../../src/guest-modules/manifest';
import { downloadsView } from '../../src/web/downloads-view';
import { translator } from '../../src/web/i18n';
import { modulePlatformOf } from '../../src/web/platform';

const WINDOWS_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const LINUX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const MAC_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Safari/605.1.15';
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131 Mobile';
const CHROMEOS_UA = 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131';

const HASH = 'c0ffee'.padEnd(64, '0');
const manifest: GuestModulesManifest = {
  format: 1,
  relayUrl: 'wss://support.example.com/relay',
  builtAt: '2026-12-03T16:00:00.000Z',
  modules: [
    { file: 'Fernhilfe-Gastmodul.exe', platform: 'windows-x64', size: 88_156_160, sha256: HASH, signed: false },
    { file: 'fernhilfe-gastmodul-linux-x64', platform: 'linux-x64', size: 125_570_240, sha256: HASH, signed: false },
  ],
};

describe('modulePlatformOf', () => {
  it.each([
    [WINDOWS_UA, 'windows-x64'],
    [LINUX_UA, 'linux-x64'],
    [MAC_UA, undefined],
    [ANDROID_UA, undefined],
    [CHROMEOS_UA, undefined],
    ['', undefined],
  ])('%s → %s', (userAgent, platform) => {
    expect(modulePlatformOf(userAgent)).toBe(platform);
  });
});

describe('downloadsView', () => {
  it('offers the Windows module to a Windows browser, with size, hash and the unsigned warning', () => {
    const view = downloadsView(manifest, WINDOWS_UA, 'de', translator('de'));
    expect(view?.link).toEqual({
      href: '/downloads/Fernhilfe-Gastmodul.exe',
      label: 'Gastmodul herunterladen – für Hilfe mit Maus und Tastatur',
      file: 'Fernhilfe-Gastmodul.exe',
    });
    expect(view?.details).toBe('Fernhilfe-Gastmodul.exe · 84,1 MB');
    expect(view?.checksum.value).toBe(HASH);
    expect(view?.warning).toBeDefined();
  });

  it('offers the Linux module to a Linux browser, in English, without a signing warning', () => {
    const view = downloadsView(manifest, LINUX_UA, 'en', translator('en'));
    expect(view?.link.href).toBe('/downloads/fernhilfe-gastmodul-linux-x64');
    expect(view?.link.label).toBe('Download the guest module – for help with mouse and keyboard');
    expect(view?.details).toBe('fernhilfe-gastmodul-linux-x64 · 119.8 MB');
    expect(view?.paragraphs.join(' ')).toContain('chmod +x fernhilfe-gastmodul-linux-x64');
    expect(view?.warning).toBeUndefined();
  });

  it('has no warning for a signed Windows module', () => {
    const signed = { ...manifest, modules: manifest.modules.map((module) => ({ ...module, signed: true })) };
    expect(downloadsView(signed, WINDOWS_UA, 'en', translator('en'))?.warning).toBeUndefined();
  });

  it('offers nothing without a manifest, to other systems, or when the platform’s module was not built', () => {
    expect(downloadsView(undefined, WINDOWS_UA, 'de', translator('de'))).toBeUndefined();
    expect(downloadsView(manifest, MAC_UA, 'de', translator('de'))).toBeUndefined();
    const linuxOnly = { ...manifest, modules: manifest.modules.filter((module) => module.platform === 'linux-x64') };
    expect(downloadsView(linuxOnly, WINDOWS_UA, 'de', translator('de'))).toBeUndefined();
  });
});
