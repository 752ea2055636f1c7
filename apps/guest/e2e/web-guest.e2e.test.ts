import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dammCheckDigit } from '@fernhilfe/session';
import type { X11Connection } from '@fernhilfe/x11';
import { connectDisplay } from '@fernhilfe/x11';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeRgbaPng } from '../../../scripts/png';
import { type Fill, paintRoot, waitFor } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { type HeadedChromium, launchHeadedChromium } from '../test/web/browser/chromium';
import { AGENT, AGENT_TOKEN, type GuestSite, guestAppDir, startGuestSite } from '../test/web/browser/guest-site';
import { type PairedViewer, startViewer } from './support/viewer';

const SCREEN = { width: 1280, height: 800 };
const screenshots = join(guestAppDir, 'test-results/screenshots');

/**
 * The known picture painted on the X root window, right of the browser window and above the
 * bar Chromium shows at the bottom of the screen while sharing ("… is sharing your screen").
 */
const AREA = { x: 840, y: 20, width: 420, height: 690 };
const CHECKER = { x: 840, y: 560, size: 96 };

function patternFills(): Fill[] {
  const fills: Fill[] = [
    { ...AREA, color: 0x202830 },
    { x: 840, y: 20, width: 130, height: 120, color: 0xff0000 },
    { x: 985, y: 20, width: 130, height: 120, color: 0x00ff00 },
    { x: 1130, y: 20, width: 130, height: 120, color: 0x0000ff },
    { x: 840, y: 160, width: 130, height: 120, color: 0xffffff },
    { x: 985, y: 160, width: 130, height: 120, color: 0x336699 },
    { x: 1130, y: 160, width: 130, height: 120, color: 0xfedcba },
  ];
  // 210 two-pixel columns of different colours, to catch any colour conversion.
  for (let i = 0; i < 210; i++) {
    const color = (((i * 5) & 0xff) << 16) | (((255 - i) & 0xff) << 8) | ((i * 37) & 0xff);
    fills.push({ x: 840 + i * 2, y: 300, width: 2, height: 240, color });
  }
  // A one-pixel black and white checkerboard: chroma subsampling would blur it to grey.
  fills.push({ x: CHECKER.x, y: CHECKER.y, width: CHECKER.size, height: CHECKER.size, color: 0x000000 });
  for (let y = 0; y < CHECKER.size; y++) {
    for (let x = y % 2; x < CHECKER.size; x += 2) {
      fills.push({ x: CHECKER.x + x, y: CHECKER.y + y, width: 1, height: 1, color: 0xffffff });
    }
  }
  return fills;
}

/** The expected RGB of every pixel of the painted area (last fill wins, as on the screen). */
function expectedPicture(fills: Fill[]): Uint32Array {
  const picture = new Uint32Array(AREA.width * AREA.height);
  for (const fill of fills) {
    for (let y = fill.y; y < fill.y + fill.height; y++) {
      for (let x = fill.x; x < fill.x + fill.width; x++) picture[(y - AREA.y) * AREA.width + (x - AREA.x)] = fill.color;
    }
  }
  return picture;
}

/**
 * Chromium hands the captured screen to the page as I420 video frames (measured: `VideoFrame.format`
 * is `I420` with and without GPU): full-resolution luma, chroma shared by each aligned 2×2 block,
 * 8-bit YUV. So the page cannot see the screen's exact RGB, whatever the codec does afterwards.
 * The comparison therefore has three parts:
 * - black/white (luma-only) pixels must arrive exactly — no scaling, no blur, no offset;
 * - pixels whose aligned 2×2 block is one colour may differ by the YUV rounding: measured ≤ 4 per
 *   channel, allowed {@link CLEAN_TOLERANCE};
 * - pixels in a 2×2 block that mixes colours (an edge at an odd coordinate) carry the block's
 *   shared chroma: measured up to 79, only counted.
 */
const CLEAN_TOLERANCE = 6;

interface Difference {
  /** Largest channel difference of luma-only (black or white) pixels. */
  lumaOnlyMax: number;
  /** Largest channel difference of pixels in a one-colour 2×2 block. */
  cleanMax: number;
  /** Pixels of one-colour blocks that differ at all. */
  cleanDiffering: number;
  /** Pixels in mixed-colour 2×2 blocks (chroma shared with a neighbour). */
  mixed: number;
  /** Largest channel difference of those. */
  mixedMax: number;
}

function expectedAt(expected: Uint32Array, x: number, y: number): number | undefined {
  if (x < AREA.x || y < AREA.y || x >= AREA.x + AREA.width || y >= AREA.y + AREA.height) return undefined;
  return expected[(y - AREA.y) * AREA.width + (x - AREA.x)];
}

function compareArea(framebuffer: { width: number; data: Uint8ClampedArray }, expected: Uint32Array): Difference {
  const result: Difference = { lumaOnlyMax: 0, cleanMax: 0, cleanDiffering: 0, mixed: 0, mixedMax: 0 };
  for (let y = AREA.y; y < AREA.y + AREA.height; y++) {
    for (let x = AREA.x; x < AREA.x + AREA.width; x++) {
      const want = expectedAt(expected, x, y) as number;
      const at = (y * framebuffer.width + x) * 4;
      const got = framebuffer.data;
      const d = Math.max(
        Math.abs((got[at] as number) - ((want >> 16) & 0xff)),
        Math.abs((got[at + 1] as number) - ((want >> 8) & 0xff)),
        Math.abs((got[at + 2] as number) - (want & 0xff)),
      );
      const bx = x & ~1;
      const by = y & ~1;
      const block = [
        expectedAt(expected, bx, by),
        expectedAt(expected, bx + 1, by),
        expectedAt(expected, bx, by + 1),
        expectedAt(expected, bx + 1, by + 1),
      ];
      const lumaOnly = block.every((c) => c === 0x000000 || c === 0xffffff);
      if (lumaOnly) result.lumaOnlyMax = Math.max(result.lumaOnlyMax, d);
      else if (block.every((c) => c === want)) {
        result.cleanMax = Math.max(result.cleanMax, d);
        if (d > 0) result.cleanDiffering++;
      } else {
        result.mixed++;
        result.mixedMax = Math.max(result.mixedMax, d);
      }
    }
  }
  return result;
}

function matches(difference: Difference): boolean {
  return difference.lumaOnlyMax === 0 && difference.cleanMax <= CLEAN_TOLERANCE;
}

function validNumberWithoutSession(): string {
  return `9876543${dammCheckDigit('9876543')}`;
}

function typoOf(number: string): string {
  return `${number.slice(0, 7)}${(Number(number[7]) + 1) % 10}`;
}

/** Page errors and console errors (CSP violations, uncaught exceptions) of every page opened. */
const pageProblems: string[] = [];

async function openPage(browser: HeadedChromium, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `web-${name}.png`) });
}

async function step(page: Page): Promise<string | undefined> {
  return (await page.locator('#card').getAttribute('data-step')) ?? undefined;
}

async function waitForStep(page: Page, wanted: string): Promise<void> {
  await page.locator(`#card[data-step="${wanted}"]`).waitFor({ timeout: 20_000 });
}

async function joinWith(page: Page, number: string): Promise<void> {
  await page.locator('#session-number').fill(`${number.slice(0, 4)} ${number.slice(4)}`);
  await page.locator('button[data-action="start"]').click();
}

describe('browser guest in headed Chromium under Xvfb', () => {
  let xvfb: Xvfb;
  let x11: X11Connection;
  let site: GuestSite;
  let browser: HeadedChromium;
  const fills = patternFills();
  const expected = expectedPicture(fills);

  beforeAll(async () => {
    await mkdir(screenshots, { recursive: true });
    xvfb = await startXvfb(`${SCREEN.width}x${SCREEN.height}x24`);
    x11 = await connectDisplay({ display: xvfb.display });
    site = await startGuestSite();
    browser = await launchHeadedChromium(xvfb.display);
    await paintRoot(x11, fills);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await x11?.close();
    await xvfb?.stop();
  });

  afterEach(() => {
    expect(pageProblems.splice(0)).toEqual([]);
  });

  it('catches a typo on the page and sends nothing; an unknown number gets the relay’s answer', async () => {
    const page = await openPage(browser, site.pageUrl);
    await waitForStep(page, 'enter');
    await shot(page, '01-enter');
    const before = site.relay.stats().connections;
    const recordsBefore = site.audit.lines.length;

    await page.locator('#session-number').fill(typoOf(validNumberWithoutSession()));
    const error = page.locator('.field-error');
    await expect.poll(() => error.textContent()).toContain('Tippfehler');
    await page.locator('button[data-action="start"]').click();
    expect(await step(page)).toBe('enter');
    await shot(page, '02-typo');
    expect(site.relay.stats().connections).toBe(before);
    expect(site.audit.lines.length).toBe(recordsBefore);

    await joinWith(page, validNumberWithoutSession());
    await expect.poll(() => page.locator('.text-error').textContent(), { timeout: 20_000 }).toContain('keine Sitzung');
    expect(await step(page)).toBe('enter');
    await shot(page, '03-unknown-number');

    await page.locator('.language-button[lang="en"]').click();
    await expect.poll(() => page.locator('.text-error').textContent()).toContain('no session');
    await shot(page, '04-english');
    await page.close();
  });

  it('shows a spinner while connecting, and Abbrechen returns to the number field', async () => {
    const page = await openPage(browser, site.pageUrl);
    const joins: string[] = [];
    // A relay that takes the join and never answers.
    await page.routeWebSocket(/\/relay$/, (socket) => {
      socket.onMessage((message) => joins.push(String(message)));
    });
    await joinWith(page, validNumberWithoutSession());
    await waitForStep(page, 'connecting');
    await waitFor('the join message', async () => (joins.some((m) => m.includes('"join"')) ? true : undefined));
    expect(await page.locator('.spinner').isVisible()).toBe(true);
    await shot(page, '04b-connecting');
    await page.locator('button[data-action="cancel"]').click();
    await waitForStep(page, 'enter');
    await page.close();
  });

  it('pairs with the viewer, shows the same security code, and after Ja the viewer sees the X screen', async () => {
    const viewerSide = await startViewer(site.relayUrl, { token: AGENT_TOKEN });
    const page = await openPage(browser, site.pageUrl);
    await joinWith(page, viewerSide.number);
    const viewer: PairedViewer = await viewerSide.paired;
    await waitForStep(page, 'confirm');
    const code = await viewer.securityCode;
    expect(await page.locator('.code-value').textContent()).toBe(code);
    const card = (await page.locator('#card').textContent()) ?? '';
    expect(card).toContain(AGENT.displayName);
    expect(card).toContain(AGENT.org);
    await shot(page, '05-confirm');

    // Nothing is captured or sent before "Ja".
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(viewer.frames).toBe(0);

    await page.locator('button[data-action="confirm"]').click();
    expect(await viewer.consent).toBe(true);
    await waitForStep(page, 'live');
    expect(await page.locator('#sharing-bar').isVisible()).toBe(true);
    expect(await page.locator('#sharing-text').textContent()).toBe('Ihr Bildschirm wird geteilt');
    expect((await viewer.guest).canControl).toBe(false);
    await shot(page, '06-live');
    // Encoding runs in the worker, allowed by the page's strict CSP.
    await waitFor('the encoder worker', async () => (site.requested.includes('/encoder-worker.js') ? true : undefined));
    expect(page.workers()).toHaveLength(1);

    const difference = await waitFor(
      'the viewer’s picture to show the painted pattern',
      async () => {
        const { width, height } = viewer.decoder.framebuffer;
        if (width !== SCREEN.width || height !== SCREEN.height) return undefined;
        const diff = compareArea(viewer.decoder.framebuffer, expected);
        return matches(diff) ? diff : undefined;
      },
      30_000,
    ).catch(async (error: unknown) => {
      const { width, height, data } = viewer.decoder.framebuffer;
      if (width > 0) await writeRgbaPng(join(screenshots, 'web-viewer-failed.png'), width, height, data);
      if (width === SCREEN.width)
        console.log('web guest: difference at timeout', compareArea(viewer.decoder.framebuffer, expected));
      throw error;
    });
    const { width, height, data } = viewer.decoder.framebuffer;
    await writeRgbaPng(join(screenshots, 'web-07-viewer-framebuffer.png'), width, height, data);
    console.log(`web guest: viewer picture vs painted X screen (${AREA.width}×${AREA.height} px):`, difference);
    expect(difference.lumaOnlyMax).toBe(0);
    expect(difference.cleanMax).toBeLessThanOrEqual(CLEAN_TOLERANCE);

    // A small change later (odd position and size: only the changed part is converted and sent)
    // reaches the viewer exactly too.
    const change: Fill = { x: 901, y: 451, width: 31, height: 17, color: 0x336699 };
    await paintRoot(x11, [change]);
    const changed = expectedPicture([...fills, change]);
    const afterChange = await waitFor(
      'the viewer’s picture to show the small change',
      async () => {
        const diff = compareArea(viewer.decoder.framebuffer, changed);
        return matches(diff) ? diff : undefined;
      },
      30_000,
    );
    expect(afterChange.lumaOnlyMax).toBe(0);
    await paintRoot(x11, fills);

    // The agent ends: the page says so in plain words and offers the way back.
    await viewer.call.end('agent-ended');
    viewer.channel.close('agent-ended');
    await waitForStep(page, 'ended');
    expect(await page.locator('#card').textContent()).toContain('Ihr Mitarbeiter hat die Sitzung beendet.');
    // The page reported the customer's "Ja" to the relay's audit log.
    const sessionTypes = await waitFor(
      'the audit records of the session',
      async () => {
        const types = site.audit.lines
          .map((line) => JSON.parse(line) as { type: string; sessionId?: string })
          .filter((record) => record.sessionId === viewer.channel.peer.sessionId)
          .map((record) => record.type);
        return types.includes('session-ended') ? types : undefined;
      },
      10_000,
    );
    expect(sessionTypes).toEqual(['session-created', 'guest-joined', 'consent-granted', 'session-ended']);
    expect(await page.locator('#sharing-bar').isVisible()).toBe(false);
    await waitFor('the worker to end', async () => (page.workers().length === 0 ? true : undefined));
    await shot(page, '08-ended');
    await page.locator('button[data-action="back"]').click();
    await waitForStep(page, 'enter');
    await page.close();
  });

  it('Nein refuses without capturing; Beenden in the sharing bar ends a running session', async () => {
    const page = await openPage(browser, site.pageUrl);

    const first = await startViewer(site.relayUrl, { token: AGENT_TOKEN });
    await joinWith(page, first.number);
    const refusing = await first.paired;
    await waitForStep(page, 'confirm');
    await page.locator('button[data-action="refuse"]').click();
    expect(await refusing.ended).toMatchObject({ reason: 'consent-refused', by: 'guest' });
    expect(refusing.frames).toBe(0);
    await waitForStep(page, 'ended');
    const refusedText = (await page.locator('#card').textContent()) ?? '';
    expect(refusedText).toContain('Sie haben abgelehnt.');
    expect(refusedText).toContain('Es wurde nichts geteilt.');
    await shot(page, '09-refused');
    await page.locator('button[data-action="back"]').click();

    const second = await startViewer(site.relayUrl, { token: AGENT_TOKEN });
    await joinWith(page, second.number);
    const ending = await second.paired;
    await waitForStep(page, 'confirm');
    await page.locator('button[data-action="confirm"]').click();
    await waitForStep(page, 'live');
    await waitFor('a first frame', async () => (ending.frames > 0 ? true : undefined), 20_000);
    await page.locator('#sharing-end').click();
    expect(await ending.ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
    await waitForStep(page, 'ended');
    expect(await page.locator('#card').textContent()).toContain('Sie haben die Sitzung beendet.');
    await page.close();
  });

  it('without MediaStreamTrackProcessor (Firefox, Safari) the <video> path shows the same screen', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
    await page.addInitScript(() => {
      Reflect.deleteProperty(globalThis, 'MediaStreamTrackProcessor');
    });
    await page.goto(site.pageUrl);
    expect(await page.evaluate(() => 'MediaStreamTrackProcessor' in globalThis)).toBe(false);
    const viewerSide = await startViewer(site.relayUrl, { token: AGENT_TOKEN });
    await joinWith(page, viewerSide.number);
    const viewer = await viewerSide.paired;
    await waitForStep(page, 'confirm');
    await page.locator('button[data-action="confirm"]').click();
    await waitForStep(page, 'live');
    const difference = await waitFor(
      'the viewer’s picture through the <video> path',
      async () => {
        const { width, height } = viewer.decoder.framebuffer;
        if (width !== SCREEN.width || height !== SCREEN.height) return undefined;
        const diff = compareArea(viewer.decoder.framebuffer, expected);
        return matches(diff) ? diff : undefined;
      },
      30_000,
    );
    console.log('web guest (<video> path): viewer picture vs painted X screen:', difference);
    await page.locator('button[data-action="end"]').click();
    expect(await viewer.ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
    await page.close();
  });

  it('closing the tab during the session ends it as guest-window-closed', async () => {
    const viewerSide = await startViewer(site.relayUrl, { token: AGENT_TOKEN });
    const page = await openPage(browser, site.pageUrl);
    await joinWith(page, viewerSide.number);
    const viewer = await viewerSide.paired;
    await waitForStep(page, 'confirm');
    await page.locator('button[data-action="confirm"]').click();
    await waitForStep(page, 'live');
    await waitFor('a first frame', async () => (viewer.frames > 0 ? true : undefined), 20_000);
    await page.close({ runBeforeUnload: true });
    const ended = await viewer.ended;
    expect(ended).toMatchObject({ reason: 'guest-window-closed', by: 'guest' });
    const relayEnd = await viewer.channel.ended;
    expect(relayEnd.reason).toBe('guest-window-closed');
    const endRecord = await waitFor(
      'the audit record of the end',
      async () =>
        site.audit.lines
          .map((line) => JSON.parse(line) as { type: string; sessionId?: string; reason?: string })
          .find((record) => record.type === 'session-ended' && record.sessionId === viewer.channel.peer.sessionId),
      10_000,
    );
    expect(endRecord).toMatchObject({ reason: 'guest-window-closed' });
  });
});
