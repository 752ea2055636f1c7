import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS as CHROMIUM_FLAGS_SHARED, CHROMIUM_PATH } from '../../../../scripts/chromium';
import { CONTENT_TYPES as TYPES } from '../../../../scripts/static-files';
import { buildWeb } from '../../scripts/build-web.mjs';

export const appDir = fileURLToPath(new URL('../..', import.meta.url));
export const screenshotDir = join(appDir, 'test-results/screenshots');

const CHROMIUM_FLAGS = [...CHROMIUM_FLAGS_SHARED];

/** The console must work without inline scripts or styles. */
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'";

/** The built console served over loopback, with app.js swapped for the fake-wired build. */
export interface ConsoleSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the web bundles exactly as `npm run build` does (into a temp dir) plus a
 * fake-wired app.js, and serves them from a loopback HTTP server on a random port; `/app.js` comes from the fake build, and
 * `/embed-test.html`, `/embed-late-define.html` from test/browser. The console page is served with a strict CSP.
 */
export async function serveConsole(): Promise<ConsoleSite> {
  // Same build as `npm run build`, into private directories so a concurrent build of
  // dist/web (nx, the relay's tests) cannot pull files away mid-test.
  const outdir = await mkdtemp(join(tmpdir(), 'fernhilfe-viewer-web-'));
  await buildWeb({ outdir });
  const fakeDir = await mkdtemp(join(tmpdir(), 'fernhilfe-viewer-fake-'));
  await buildWeb({ outdir: fakeDir, appEntry: join(appDir, 'test/browser/fake-console-entry.ts'), minify: false });
  const overrides: Readonly<Record<string, string>> = {
    '/app.js': join(fakeDir, 'app.js'),
    '/app.js.map': join(fakeDir, 'app.js.map'),
    '/embed-test.html': join(appDir, 'test/browser/embed-test.html'),
    '/embed-late-define.html': join(appDir, 'test/browser/embed-late-define.html'),
  };
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const relative = path === '/' ? '/index.html' : path;
    const file = overrides[relative] ?? join(outdir, normalize(relative).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = await readFile(file);
      const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (relative === '/index.html') headers['content-security-policy'] = STRICT_CSP;
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(fakeDir, { recursive: true, force: true, maxRetries: 3 });
      await rm(outdir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** A headless Chromium with a fresh profile. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * @param locale - browser language (`navigator.language`)
 * @returns a Chromium context; close it to stop the browser and delete the profile
 */
export async function launchChromium(locale = 'de-DE'): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'fernhilfe-viewer-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
