// What a product team does with the published packages: pack every workspace, install the
// tarballs into a fresh project outside the repository and use them there — Node (ESM and CJS),
// strict TypeScript, a browser bundle, the installed commands, and the documented embedding page
// in real Chromium.
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../chromium';
import { readDocumentedHelpdesk, startHelpdesk } from './helpdesk';
import { type RunningCommand, startInstalledCommand } from './installed-command';
import { manifest, type PackedPackage, PUBLISHED, packWorkspaces, ROOT, run, runOk } from './packages';

const TOKEN = 'consumer-test-agent-token-0123456789';
const consumerFiles = join(import.meta.dirname, 'consumer-project');

let work: string;
let project: string;
let packed: PackedPackage[];
let relay: RunningCommand | undefined;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'fernhilfe-consumer-'));
  const tarballs = join(work, 'tarballs');
  await mkdir(tarballs);
  packed = await packWorkspaces(tarballs);
  project = join(work, 'helpdesk');
  await mkdir(project);
  const typesNode = (await manifest('.')).devDependencies as Record<string, string>;
  const dependencies = Object.fromEntries(packed.map((entry) => [entry.name, `file:${entry.tarball}`]));
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'helpdesk',
      private: true,
      type: 'module',
      dependencies: { ...dependencies, '@types/node': typesNode['@types/node'] },
    }),
  );
  for (const file of await readdir(consumerFiles)) await copyFile(join(consumerFiles, file), join(project, file));
  await runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: project,
  });
  relay = await startInstalledCommand(
    project,
    'fernhilfe-relay',
    ['--port', '0', '--host', '127.0.0.1', '--agent-token', TOKEN, '--audit-file', join(work, 'audit.jsonl')],
    /listening on (http:\/\/\S+)/,
  );
});

afterAll(async () => {
  await relay?.stop();
  if (work) await rm(work, { recursive: true, force: true, maxRetries: 3 });
});

describe('the packed packages', () => {
  it('are all public, with a licence, metadata, a prepack build and their dist', async () => {
    expect(packed.map((entry) => entry.name).sort()).toHaveLength(PUBLISHED.length);
    for (const dir of PUBLISHED) {
      const pkg = await manifest(dir);
      const files = packed.find((entry) => entry.name === pkg.name)?.files ?? [];
      expect({ dir, private: pkg.private }).toEqual({ dir, private: undefined });
      expect({ dir, access: (pkg.publishConfig as { access?: string })?.access }).toEqual({ dir, access: 'public' });
      expect({ dir, prepack: typeof (pkg.scripts as Record<string, string>)?.prepack }).toEqual({
        dir,
        prepack: 'string',
      });
      for (const field of ['repository', 'homepage', 'bugs', 'license'])
        expect(pkg[field], `${dir} ${field}`).toBeTruthy();
      expect(files, dir).toContain('LICENSE');
      expect(files, dir).toContain('README.md');
      expect(files.filter((file) => file.startsWith('dist/')).length, dir).toBeGreaterThan(0);
      expect(
        files.filter((file) => /(^|\/)(test|e2e|bench|docs)\//.test(file) || file.endsWith('.test.ts')),
        dir,
      ).toEqual([]);
    }
  });

  it('carry the licences of the third-party code bundled into their web pages', () => {
    const filesOf = (name: string) => packed.find((entry) => entry.name === name)?.files ?? [];
    expect(filesOf('@fernhilfe/viewer')).toContain('dist/web/THIRD-PARTY-NOTICES.txt');
    expect(filesOf('@fernhilfe/relay')).toEqual(
      expect.arrayContaining(['dist/web/agent/THIRD-PARTY-NOTICES.txt', 'dist/web/guest/THIRD-PARTY-NOTICES.txt']),
    );
  });

  it('load by name through import and require alike, with errors recognisable by code', async () => {
    const { stdout } = await runOk(process.execPath, ['imports.mjs'], { cwd: project });
    const report = JSON.parse(stdout) as Record<
      string,
      { esm: string[]; cjs?: string[]; error?: { esm: string[]; cjs: string[] } }
    >;
    for (const [name, entry] of Object.entries(report)) {
      expect(entry.esm.length, name).toBeGreaterThan(0);
      if (entry.cjs) expect(entry.cjs, name).toEqual(entry.esm);
      if (entry.error) expect(entry.error.cjs, name).toEqual(entry.error.esm);
    }
    expect(report['@fernhilfe/viewer']?.esm).toEqual(expect.arrayContaining(['mountViewer', 'defineViewerElement']));
  });

  it.each(['node16', 'bundler'])('type-check in a strict TypeScript consumer (moduleResolution %s)', async (mode) => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`], { cwd: project });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('bundle for the browser without a Node built-in', async () => {
    const result = await build({
      absWorkingDir: project,
      entryPoints: ['browser-entry.js'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
      outfile: 'out.js',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => !input.startsWith('node_modules/') && input !== 'browser-entry.js')).toEqual([]);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(
      imports.filter((path) => path.startsWith('node:') || /^(net|tls|http|https|fs|crypto|zlib|stream)$/.test(path)),
    ).toEqual([]);
  });
});

describe('the installed commands', () => {
  it('fernhilfe-relay serves the agent console, embed.js and the support page', async () => {
    const base = relay?.ready as string;
    const agentPage = await fetch(`${base}/agent/`);
    expect(agentPage.status).toBe(200);
    expect(await agentPage.text()).toContain('app.js');
    const embed = await fetch(`${base}/agent/embed.js`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-type')).toContain('javascript');
    expect(embed.headers.get('access-control-allow-origin')).toBe('*');
    expect(await embed.text()).toContain('noble-ciphers - MIT License');
    const support = await fetch(`${base}/`);
    expect(support.status).toBe(200);
    expect(await support.text()).toContain('app.js');
  });

  it('fernhilfe-guest answers --help', async () => {
    const result = await run(join(project, 'node_modules/.bin/fernhilfe-guest'), ['--help', '--lang', 'en'], {
      cwd: project,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fernhilfe-guest');
  });
});

describe('the embedding guide', () => {
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it('shows the session number on a helpdesk page of another origin under the documented CSP', async () => {
    const base = relay?.ready as string;
    const helpdesk = await startHelpdesk(await readDocumentedHelpdesk(base), TOKEN);
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
      const page = await browser.newPage({ locale: 'de-DE' });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await page.goto(helpdesk.url);
      await page.getByRole('button', { name: 'Fernwartung starten' }).click();
      await expect.poll(() => helpdesk.ticketUpdates.find((update) => 'fernhilfeNumber' in update)).toBeTruthy();
      const saved = helpdesk.ticketUpdates.find((update) => 'fernhilfeNumber' in update) as {
        fernhilfeNumber: string;
        fernhilfeSessionId: string;
      };
      expect(saved.fernhilfeNumber).toMatch(/^\d{8}$/);
      expect(saved.fernhilfeSessionId).toBeTruthy();
      const grouped = `${saved.fernhilfeNumber.slice(0, 4)} ${saved.fernhilfeNumber.slice(4)}`;
      await expect.poll(() => page.getByText(grouped).count()).toBeGreaterThan(0);

      // A session the agent starts with the viewer's own button reaches the ticket too.
      await page.getByRole('button', { name: 'Sitzung beenden' }).click();
      await expect.poll(() => helpdesk.ticketUpdates.at(-1)).toEqual({ fernhilfeEndReason: 'agent-ended' });
      await page.getByRole('button', { name: 'Neue Sitzung' }).click();
      const sessions = () => helpdesk.ticketUpdates.filter((update) => 'fernhilfeSessionId' in update);
      await expect.poll(() => sessions().length).toBe(2);
      expect(sessions()[1]?.fernhilfeSessionId).not.toBe(saved.fernhilfeSessionId);
      expect(problems).toEqual([]);
    } finally {
      await helpdesk.close();
    }
  });
});
