import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../../scripts/chromium';
import { AGENT_TOKEN, type RelayFixture, startRelayFixture } from '../test/relay-fixture';

const appsDir = join(import.meta.dirname, '../..');

/** Runs `apps/<app>/scripts/build-web.mjs --outdir <outdir>`. */
async function buildPages(app: 'guest' | 'viewer', outdir: string): Promise<void> {
  await promisify(execFile)(process.execPath, [join(appsDir, app, 'scripts/build-web.mjs'), '--outdir', outdir]);
}

let work: string;
let relay: RelayFixture;
let context: BrowserContext;
/** Every CSP violation and console error of every page and worker, as text. */
const problems: string[] = [];

/** Reports violations through the console, where the listener below collects them. */
const REPORT_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI));`;

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${relay.base}${path}`);
  return page;
}

beforeAll(async () => {
  // The bundles exactly as `npm run build` makes them, into private directories.
  work = await mkdtemp(join(tmpdir(), 'fernhilfe-relay-csp-'));
  const guestDir = join(work, 'guest');
  const viewerDir = join(work, 'viewer');
  // Each app builds its own pages, as a process: no app imports another app's files.
  await buildPages('guest', guestDir);
  await buildPages('viewer', viewerDir);
  relay = await startRelayFixture({ guestDir, viewerDir });
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    locale: 'de-DE',
  });
  await context.addInitScript(REPORT_VIOLATIONS);
});

afterAll(async () => {
  await context?.close();
  await relay?.close();
  await rm(work, { recursive: true, force: true, maxRetries: 3 });
});

describe('the relay’s pages under their CSP in Chromium', () => {
  it('sees a violation when there is one (the check below is not blind)', async () => {
    const page = await open('/agent/');
    await page.evaluate(() => {
      const image = document.createElement('img');
      image.setAttribute('onerror', 'void 0');
      image.src = 'data:,';
      document.body.append(image);
    });
    await expect.poll(() => problems.join('\n'), { timeout: 20_000 }).toContain('CSP violation');
    problems.length = 0;
    await page.close();
  });

  it('runs the console and the customer page without a single violation, pairing over ws to the own origin', async () => {
    const agentPage = await open('/agent/');
    await agentPage.fill('#agent-token', AGENT_TOKEN);
    await agentPage.click('[data-part="sign-in"] button[type="submit"]');
    await agentPage.locator('[data-part="new-session"]').click();
    const number = agentPage.locator('[data-part="number"]');
    await expect.poll(() => number.textContent(), { timeout: 30_000 }).toMatch(/^\d{4} \d{4}$/);
    const digits = ((await number.textContent()) ?? '').replace(' ', '');

    const guestPage = await open('/');
    await guestPage.locator('#card[data-step="enter"]').waitFor({ timeout: 30_000 });
    await guestPage.locator('#session-number').fill(`${digits.slice(0, 4)} ${digits.slice(4)}`);
    await guestPage.locator('button[data-action="start"]').click();
    await guestPage.locator('#card[data-step="confirm"]').waitFor({ timeout: 30_000 });

    // The encoder worker starts only while sharing; start it as the page does, under its policy.
    const worker = await guestPage.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const started = new Worker(new URL('encoder-worker.js', location.href), { type: 'module' });
          started.addEventListener('error', () => resolve('error'));
          document.addEventListener('securitypolicyviolation', () => resolve('violation'));
          // A worker that loaded answers garbage with an error reply instead of staying silent.
          started.addEventListener('message', () => resolve('running'));
          started.postMessage({ id: 1, garbage: true });
        }),
    );
    expect(worker).toBe('running');
    const capture = () =>
      (document as Document & { featurePolicy: { allowsFeature(name: string): boolean } }).featurePolicy.allowsFeature(
        'display-capture',
      );
    expect(await guestPage.evaluate(capture)).toBe(true);
    expect(await agentPage.evaluate(capture)).toBe(false);
    expect(problems).toEqual([]);
  });
});
