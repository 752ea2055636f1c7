import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dammCheckDigit } from '@fernhilfe/session';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { buildWeb } from '../scripts/build-web.mjs';
import { type Browser, launchChromium } from '../test/browser/harness';
import { auditRecords as readAudit, sessionRecords as readSessionRecords } from './support/audit';
import { expectCanvasMatchesScreen as expectCanvas } from './support/canvas-match';
import { type ConsolePage, consolePage, type Rect, rememberScreenImage } from './support/console-page';
import { startGuestCli } from './support/guest-cli';
import type { WatchedProcess } from './support/processes';
import { startRelayCli, startShortLivedRelay, type TestRelay } from './support/relay';

const TOKEN = 'e2e-agent-token-0123456789abcdef';
const ORG = 'Stadtwerke Musterstadt';
const AGENT = 'Erika Muster';
const MARKER = 'FERNHILFE-E2E-MARKER 0123456789';
const SCREEN = { width: 1024, height: 768 };
/** Where the xterm shows the marker line (its top left corner, first text lines). */
const MARKER_REGION: Rect = { x: 0, y: 0, width: 360, height: 40 };
const TYPED = 'echo hello-from-the-agent';

const resultsDir = join(import.meta.dirname, '../test-results/e2e');

let work: string;
let webDir: string;
let xvfb: Xvfb;
let relay: TestRelay & { process: WatchedProcess };
let browser: Browser;
let page: Page;
let agent: ConsolePage;
let auditFile: string;
const guests: WatchedProcess[] = [];
const pageProblems: string[] = [];

const shot = (name: string) => agent.screenshot(join(resultsDir, `${name}.png`));
const digits = (text: string) => text.replace(/\D/g, '');

beforeAll(async () => {
  await mkdir(resultsDir, { recursive: true });
  work = await mkdtemp(join(tmpdir(), 'fernhilfe-viewer-e2e-'));
  webDir = join(work, 'web');
  await buildWeb({ outdir: webDir });
  auditFile = join(work, 'audit.jsonl');
  xvfb = await startXvfb(`${SCREEN.width}x${SCREEN.height}x24`);
  const script = `printf '%s\\n' '${MARKER}'; while IFS= read -r line; do printf '%s\\n' "$line" >> typed.txt; done`;
  xvfb.spawnClient(
    'xterm',
    ['-geometry', '80x24+0+0', '-fn', 'fixed', '-T', 'e2e', '-e', 'bash', '--norc', '--noprofile', '-c', script],
    {
      cwd: work,
    },
  );
  await xvfb.exec('xdotool', ['search', '--sync', '--onlyvisible', '--name', 'e2e']);
  relay = await startRelayCli({ webDir, auditFile, token: TOKEN, org: ORG, agentName: AGENT });
  browser = await launchChromium('en-US');
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.addInitScript(rememberScreenImage);
  page.on('pageerror', (error) => pageProblems.push(error.message));
  agent = consolePage(page);
});

afterAll(async () => {
  for (const guest of guests) await guest.stop();
  await browser?.close();
  await relay?.stop();
  await xvfb?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

function guest(relayUrl = relay.wsUrl): WatchedProcess {
  const started = startGuestCli({ relayUrl, display: xvfb.display, lang: 'en' });
  guests.push(started);
  return started;
}

const auditRecords = () => readAudit(auditFile);
const sessionRecords = (number: string) => readSessionRecords(auditFile, number);
const expectCanvasMatchesScreen = (region: Rect) => expectCanvas(xvfb, agent, region, { resultsDir });

describe('agent console end to end (Chromium, relay CLI, Node guest on Xvfb)', () => {
  it('runs a whole support call and records it in the audit log', async () => {
    await agent.open(relay.base);
    await shot('01-sign-in');
    await agent.signIn(TOKEN);
    const shown = await agent.newSession();
    expect(shown).toMatch(/^\d{4} \d{4}$/);
    await expect.poll(() => agent.part('countdown').textContent()).toMatch(/\d+:\d\d/);
    await shot('02-session-number');

    const customer = guest();
    await customer.waitFor(/Session number: /, { timeoutMs: 30_000 });
    customer.mark();
    customer.typeLine(shown);
    await customer.waitFor(new RegExp(`${AGENT} from ${ORG} would like to see your screen`));
    const [, guestCode] = await customer.waitFor(/Security code:\s+(\d{3} ?\d{3})/);
    await expect.poll(() => agent.part('security-code').textContent()).toMatch(/\d/);
    expect(digits((await agent.part('security-code').textContent()) ?? '')).toBe(digits(guestCode as string));
    expect(await agent.part('shown-as').textContent()).toBe(
      `The customer reads: “${AGENT} from ${ORG} would like to see your screen.”`,
    );
    await shot('03-security-code');

    await customer.waitFor(/\(y\/n\): /);
    customer.mark();
    customer.typeLine('y');
    await customer.waitFor(/Your screen is being shared now/);
    await expect.poll(() => agent.canvasSize(), { timeout: 15_000 }).toEqual(SCREEN);
    await expectCanvasMatchesScreen(MARKER_REGION);
    await expect.poll(() => agent.part('fps').textContent()).toMatch(/\d/);
    await shot('04-live-view');

    await agent.part('request-control').click();
    await customer.waitFor(/Allow control\? Yes \/ No \(y\/n\): /);
    customer.mark();
    customer.typeLine('y');
    await customer.waitFor(/You allowed control/);
    await expect.poll(() => agent.part('control-indicator').textContent()).toBe('Control on');
    await shot('05-control-granted');

    const inTerminal = await agent.pagePoint(200, 120);
    await page.mouse.move(inTerminal.x, inTerminal.y);
    await page.keyboard.type(TYPED);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => readFile(join(work, 'typed.txt'), 'utf8').catch(() => ''), { timeout: 10_000 })
      .toBe(`${TYPED}\n`);
    await expectCanvasMatchesScreen({ x: 0, y: 0, width: 400, height: 60 });
    await expect.poll(() => agent.part('rtt').textContent()).toMatch(/\d+\s*ms/);
    await expect.poll(() => agent.cursorShown()).toBe(true);
    await shot('06-typed-into-xterm');

    customer.mark();
    customer.typeLine('q');
    await customer.waitFor(/You ended the session\./);
    await expect.poll(() => agent.part('end-reason').textContent()).toBe('The customer ended the session.');
    await shot('07-ended-by-customer');

    const records = await sessionRecords(digits(shown));
    // Consent and control as the guest reported them; quitting with control on takes it back first.
    expect(records.map((record) => record.type)).toEqual([
      'session-created',
      'guest-joined',
      'consent-granted',
      'control-granted',
      'control-revoked',
      'session-ended',
    ]);
    expect(records[2]).toMatchObject({ scopes: ['view'], agent: { org: ORG } });
    expect(records[5]).toMatchObject({ reason: 'guest-ended' });
    const forwarded = records[5]?.bytes as { guestToAgent: number } | undefined;
    expect(forwarded?.guestToAgent).toBeGreaterThan(1000);
    expect(pageProblems).toEqual([]);
  });

  it('is served by the relay at /agent/ with the right types', async () => {
    const redirect = await fetch(`${relay.base}/agent`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/agent/');
    for (const [file, type] of [
      ['', 'text/html'],
      ['app.js', 'text/javascript'],
      ['embed.js', 'text/javascript'],
      ['console.css', 'text/css'],
      ['favicon.svg', 'image/svg+xml'],
    ]) {
      const response = await fetch(`${relay.base}/agent/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
    }
  });

  it('tells the customer about a typo and an unknown number; the agent keeps waiting', async () => {
    await agent.open(relay.base);
    await agent.signIn(TOKEN);
    const shown = digits(await agent.newSession());
    const typo = `${shown.slice(0, 7)}${(Number(shown[7]) + 1) % 10}`;
    let unknown = shown;
    for (let seed = 1; unknown === shown; seed++) {
      const body = String((Number(shown.slice(0, 7)) + seed * 7919) % 10_000_000).padStart(7, '0');
      unknown = `${body}${dammCheckDigit(body)}`;
    }

    const customer = guest();
    await customer.waitFor(/Session number: /, { timeoutMs: 30_000 });
    customer.mark();
    customer.typeLine(typo);
    await customer.waitFor(/This number cannot be right/);
    customer.mark();
    customer.typeLine(unknown);
    await customer.waitFor(/There is no session with this number/);
    await expect.poll(() => agent.part('number').textContent()).toBe(`${shown.slice(0, 4)} ${shown.slice(4)}`);
    await expect.poll(() => agent.part('error').isVisible()).toBe(false);
    await shot('08-wrong-number-agent-still-waiting');

    await agent.part('end').click();
    await expect.poll(() => agent.part('end-reason').textContent()).toBe('You ended the session.');
    const records = await auditRecords();
    expect(records.some((record) => record.type === 'join-refused' && record.number === unknown)).toBe(true);
    expect(records.some((record) => record.type === 'join-refused' && record.number === typo)).toBe(false);
    await customer.stop();
  });

  it('shows a refused consent on both sides', async () => {
    await agent.open(relay.base);
    await agent.signIn(TOKEN);
    const shown = await agent.newSession();
    const customer = guest();
    await customer.waitFor(/Session number: /, { timeoutMs: 30_000 });
    customer.mark();
    customer.typeLine(shown);
    await customer.waitFor(/\(y\/n\): /);
    customer.mark();
    customer.typeLine('n');
    await customer.waitFor(/You declined\. Nothing was shared\./);
    await expect.poll(() => agent.part('end-reason').textContent()).toBe('The customer refused to share the screen.');
    expect(await agent.canvasSize()).toEqual({ width: 0, height: 0 });
    await shot('09-consent-refused');
    const records = await sessionRecords(digits(shown));
    expect(records.map((record) => record.type)).toEqual([
      'session-created',
      'guest-joined',
      'consent-refused',
      'session-ended',
    ]);
    expect(records.at(-1)).toMatchObject({ type: 'session-ended', reason: 'consent-refused' });
    await customer.stop();
  });

  it('ends as security-code-mismatch on both sides when the agent hears another code', async () => {
    await agent.open(relay.base);
    await agent.signIn(TOKEN);
    const shown = await agent.newSession();
    const customer = guest();
    await customer.waitFor(/Session number: /, { timeoutMs: 30_000 });
    customer.mark();
    customer.typeLine(shown);
    await customer.waitFor(/\(y\/n\): /);
    customer.mark();
    await agent.part('code-mismatch').click();
    await customer.waitFor(/The security code did not match\. The session was ended\./);
    await expect
      .poll(() => agent.part('end-reason').textContent())
      .toBe('The security code did not match. The connection was closed.');
    await shot('11-code-mismatch');
    const records = (await auditRecords()).filter((record) => record.number === digits(shown));
    expect(records.at(-1)).toMatchObject({ type: 'session-ended', reason: 'security-code-mismatch' });
    await customer.stop();
  });

  it('sends the agent back to sign-in when the relay rejects the token', async () => {
    await agent.open(relay.base);
    if (await agent.part('sign-out').isVisible()) await agent.part('sign-out').click();
    await agent.signIn('not-the-agent-token-0123456789');
    await agent.part('new-session').click();
    await expect
      .poll(() => agent.part('sign-in-error').textContent())
      .toBe('The agent token was rejected. Please sign in again.');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await shot('12-token-rejected');
  });

  it('shows an expired number on both sides', async () => {
    const shortLived = await startShortLivedRelay({ webDir, token: TOKEN, waitingForGuestMs: 3000 });
    try {
      await agent.open(shortLived.base);
      await agent.signIn(TOKEN);
      const shown = await agent.newSession();
      await expect
        .poll(() => agent.part('end-reason').textContent(), { timeout: 15_000 })
        .toBe('The session number expired before the customer joined.');
      await shot('10-number-expired');
      const customer = guest(shortLived.wsUrl);
      await customer.waitFor(/Session number: /, { timeoutMs: 30_000 });
      customer.mark();
      customer.typeLine(shown);
      await customer.waitFor(/This number has expired/);
      await customer.stop();
      const types = shortLived.audit.lines.map((line) => (JSON.parse(line) as { type: string }).type);
      expect(types).toEqual(['session-created', 'session-ended', 'join-refused']);
    } finally {
      await shortLived.stop();
    }
  });
});
