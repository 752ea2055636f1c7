import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../../scripts/chromium';
import { startWine, type Wine } from '../../../scripts/wine';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { buildWeb } from '../scripts/build-web.mjs';
import { verifySignature } from '../scripts/guest-modules/authenticode';
import { buildGuestModules, type ModuleBuildResult } from '../scripts/guest-modules/build-guest-modules';
import { bakedConfig } from '../src/exe/baked-config';
import { MODULE_FILE_NAMES } from '../src/guest-modules/manifest';
import { type GuestProcess, spawnGuestExecutable } from './support/guest-process';
import { AGENT } from './support/relay';
import { type RelayProcess, startRelayProcess } from './support/relay-process';
import { startViewer } from './support/viewer';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const BUILD_COMMAND = join(REPO, 'apps/guest/scripts/guest-modules/build-modules.ts');
const SCREEN = { width: 1024, height: 768 };

/** A throwaway self-signed code-signing certificate as PKCS#12 with a password, made with openssl. */
function codeSigningCertificate(dir: string): { pfx: string; passwordFile: string; pem: string } {
  const key = join(dir, 'signing-key.pem');
  const pem = join(dir, 'signing-cert.pem');
  const pfx = join(dir, 'signing.pfx');
  const passwordFile = join(dir, 'signing-password.txt');
  writeFileSync(passwordFile, 'wegwerf-passwort-42\n');
  // biome-ignore format: one option with its value per line
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Fernhilfe Test Code Signing/O=Stadtwerke Test',
    '-addext', 'keyUsage=critical,digitalSignature', '-addext', 'extendedKeyUsage=codeSigning',
    '-keyout', key, '-out', pem,
  ], { stdio: 'ignore' });
  // biome-ignore format: one option with its value per line
  execFileSync('openssl', [
    'pkcs12', '-export', '-inkey', key, '-in', pem, '-out', pfx, '-passout', `file:${passwordFile}`,
  ], { stdio: 'ignore' });
  return { pfx, passwordFile, pem };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Runs the operator's command (`npm run build:guest-modules -- …`) to its end. */
function buildCommand(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', BUILD_COMMAND, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

let work: string;
let modulesDir: string;
let relay: RelayProcess;
let xvfb: Xvfb;
let certificate: ReturnType<typeof codeSigningCertificate>;
let built: ModuleBuildResult;
const progress: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-modules-e2e-'));
  modulesDir = join(work, 'modules');
  const web = join(work, 'web');
  await buildWeb({ outdir: web });
  // The relay first: its address is what the modules carry.
  relay = await startRelayProcess({ staticGuest: web, guestModules: modulesDir });
  certificate = codeSigningCertificate(work);
  built = await buildGuestModules(
    {
      config: bakedConfig(relay.url, AGENT.org),
      outDir: modulesDir,
      platforms: ['windows-x64', 'linux-x64'],
      signing: { pkcs12: certificate.pfx, passwordFile: certificate.passwordFile },
    },
    (line) => progress.push(line),
  );
  xvfb = await startXvfb(`${SCREEN.width}x${SCREEN.height}x24`);
}, 600_000);

afterAll(async () => {
  await relay?.stop();
  await xvfb?.stop();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('building the guest modules', () => {
  it('writes both modules and a manifest whose sizes and SHA-256 match the files', () => {
    expect(built.manifest).toMatchObject({ format: 1, relayUrl: relay.url, organisation: AGENT.org });
    expect(built.manifest.modules.map((module) => [module.file, module.platform, module.signed])).toEqual([
      ['Fernhilfe-Gastmodul.exe', 'windows-x64', true],
      ['fernhilfe-gastmodul-linux-x64', 'linux-x64', false],
    ]);
    for (const module of built.manifest.modules) {
      const file = join(modulesDir, module.file);
      expect(readFileSync(file).length).toBe(module.size);
      expect(sha256(file)).toBe(module.sha256);
    }
    expect(JSON.parse(readFileSync(join(modulesDir, 'guest-modules.json'), 'utf8'))).toEqual(built.manifest);
    expect(progress.join('\n')).toMatch(/toolchain[\s\S]*bundling[\s\S]*injecting[\s\S]*signing[\s\S]*hashing/);
  });

  it('signs the Windows module so that osslsigncode verifies it against the throwaway CA, and only that CA', async () => {
    const exe = join(modulesDir, MODULE_FILE_NAMES['windows-x64']);
    const trusted = await verifySignature(exe, certificate.pem);
    expect(trusted.valid, trusted.output).toBe(true);
    expect(trusted.subject).toContain('Fernhilfe Test Code Signing');
    expect(trusted.output).toContain('Fernhilfe Gastmodul');
    expect((await verifySignature(exe)).valid).toBe(false);
    expect(built.signature?.subject).toContain('Fernhilfe Test Code Signing');
  });

  it('the operator command builds an unsigned module and says so; a bad --relay stops it with a clear message', async () => {
    const out = join(work, 'unsigned');
    const run = buildCommand(['--relay', relay.url, '--platform', 'windows', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/» windows-x64: bundling[\s\S]*» hashing/);
    expect(run.stdout).toContain('NOT signed');
    const manifest = JSON.parse(readFileSync(join(out, 'guest-modules.json'), 'utf8'));
    expect(manifest.modules).toMatchObject([{ file: 'Fernhilfe-Gastmodul.exe', signed: false }]);
    expect(run.stdout).toContain(manifest.modules[0].sha256);
    const unsigned = await verifySignature(join(out, 'Fernhilfe-Gastmodul.exe'), certificate.pem);
    expect(unsigned.valid).toBe(false);
    expect(existsSync(join(out, MODULE_FILE_NAMES['linux-x64']))).toBe(false);

    const bad = buildCommand(['--relay', 'https://support.example.com/relay', '--out', out]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('ws:// or wss://');
  }, 300_000);
});

describe('the Linux module', () => {
  it('runs the real Node guest on Xvfb with no Node on PATH, connecting to the baked-in relay up to the consent', async () => {
    const emptyBin = join(work, 'empty-bin');
    const cwd = join(work, 'linux-customer');
    mkdirSync(emptyBin);
    mkdirSync(cwd);
    const env = { PATH: emptyBin, DISPLAY: xvfb.display, HOME: cwd };
    expect(spawnSync('/bin/sh', ['-c', 'command -v node'], { env }).status).not.toBe(0);

    const viewerSide = await startViewer(relay.url);
    const exe = join(modulesDir, MODULE_FILE_NAMES['linux-x64']);
    const guest: GuestProcess = spawnGuestExecutable(exe, ['--lang', 'en', '--number', viewerSide.number], {
      cwd,
      env,
    });
    try {
      const viewer = await viewerSide.paired;
      await guest.waitFor(/Security code: {2}\d{3} \d{3}/);
      expect(guest.output).toContain(await viewer.securityCode);
      expect(guest.output).toContain(`${AGENT.displayName} from ${AGENT.org} would like to see your screen`);
      guest.type('y');
      expect(await viewer.consent).toBe(true);
      await guest.waitFor(/Screen shared/);
      guest.child.kill('SIGINT');
      expect(await viewer.ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
      expect(await guest.exited).toBe(0);
    } finally {
      guest.kill();
    }
  }, 180_000);
});

describe('the Windows module under wine', () => {
  let wine: Wine;
  beforeAll(async () => {
    wine = await startWine(xvfb);
  }, 300_000);
  afterAll(async () => {
    await wine?.stop();
  });

  it('runs from an unrelated directory without node_modules, with the baked relay and koffi from the embedded asset', async () => {
    const cwd = join(work, 'windows-customer');
    mkdirSync(cwd);
    const exe = join(cwd, MODULE_FILE_NAMES['windows-x64']);
    copyFileSync(join(modulesDir, MODULE_FILE_NAMES['windows-x64']), exe);
    const result = await wine.run(exe, ['--selftest'], { cwd, timeoutMs: 240_000 });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`Fernhilfe-Gastmodul: relay ${relay.url}`);
    expect(result.output).toContain(`Fernhilfe-Gastmodul: ${AGENT.org}`);
    expect(result.output).toContain(`Fernhilfe-Gastmodul: screen ${SCREEN.width}x${SCREEN.height}`);
    // Wine has no Desktop Duplication: the module says it captures with GDI, and why.
    expect(result.output).toContain('Fernhilfe-Gastmodul: capture gdi (DuplicateOutput failed with 0x80004001)');
    // loadKoffi wrote the embedded binary to %LOCALAPPDATA%\Fernhilfe\koffi-<hash>\koffi.node.
    const users = join(wine.prefix, 'drive_c/users');
    const extracted = readdirSync(users).flatMap((user) => {
      const dir = join(users, user, 'AppData/Local/Fernhilfe');
      return existsSync(dir) ? readdirSync(dir).map((entry) => join(dir, entry, 'koffi.node')) : [];
    });
    expect(extracted.filter((file) => existsSync(file))).toHaveLength(1);
  }, 300_000);
});

describe('the relay offers the modules', () => {
  it('serves each module as an attachment with its type and length, the bytes the manifest names', async () => {
    for (const module of built.manifest.modules) {
      const got = await fetch(`${relay.base}/downloads/${module.file}`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-disposition')).toBe(`attachment; filename="${module.file}"`);
      expect(got.headers.get('content-type')).toBe(
        module.platform === 'windows-x64'
          ? 'application/vnd.microsoft.portable-executable'
          : 'application/octet-stream',
      );
      expect(got.headers.get('content-length')).toBe(String(module.size));
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-security-policy')).toContain("default-src 'self'");
      const body = Buffer.from(await got.arrayBuffer());
      expect(createHash('sha256').update(body).digest('hex')).toBe(module.sha256);
    }
    const manifest = await fetch(`${relay.base}/downloads/guest-modules.json`);
    expect(manifest.headers.get('content-type')).toBe('application/json');
    expect(await manifest.json()).toEqual(built.manifest);
    expect((await fetch(`${relay.base}/downloads/`)).status).toBe(404);
  }, 120_000);

  describe('on the support page in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
    });
    afterAll(async () => {
      await browser?.close();
    });

    const userAgents = {
      windows:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      linux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Safari/605.1.15',
    };

    async function open(userAgent: string, locale: string) {
      const context = await browser.newContext({ userAgent, locale });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      const manifestLoaded = page.waitForResponse((response) =>
        response.url().endsWith('/downloads/guest-modules.json'),
      );
      await page.goto(`${relay.base}/`);
      return { context, page, problems, manifestLoaded };
    }

    it.each([
      ['windows', 'de-DE', 'Fernhilfe-Gastmodul.exe', 'Gastmodul herunterladen – für Hilfe mit Maus und Tastatur'],
      [
        'linux',
        'en-GB',
        'fernhilfe-gastmodul-linux-x64',
        'Download the guest module – for help with mouse and keyboard',
      ],
    ] as const)(
      'offers a %s browser (%s) its module as the main button, with size and SHA-256',
      async (system, locale, file, label) => {
        const { context, page, problems } = await open(userAgents[system], locale);
        try {
          const button = page.locator('#downloads a.download-button');
          await button.waitFor({ state: 'visible', timeout: 30_000 });
          expect((await button.textContent())?.trim()).toBe(label);
          expect(await button.getAttribute('href')).toBe(`/downloads/${file}`);
          const module = built.manifest.modules.find((candidate) => candidate.file === file);
          expect(await page.locator('#downloads .download-sha256').textContent()).toBe(module?.sha256);
          expect(await page.locator('#downloads .download-details').textContent()).toMatch(
            new RegExp(`^${file} · \\d+[.,]\\d MB$`),
          );
          // The browser view stays, for "just look".
          expect(await page.locator('#session-number').isVisible()).toBe(true);
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );

    it('shows no download section to a system without a module', async () => {
      const { context, page, manifestLoaded } = await open(userAgents.mac, 'en-US');
      try {
        expect((await manifestLoaded).status()).toBe(200);
        await page.locator('#downloads[data-loaded="true"]').waitFor({ state: 'attached' });
        expect(await page.locator('#downloads').isHidden()).toBe(true);
        expect(await page.locator('#downloads a').count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  });
});
