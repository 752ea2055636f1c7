import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepForGuide } from '../../../../scripts/guide-screenshots';
import { bundleForWindows, spawnNodeUnderWine, windowsPath } from '../../../../scripts/run-under-wine';
import { startWine, type Wine, type WineProcess } from '../../../../scripts/wine';
import {
  JsonLines,
  useWindowsFramesAndFonts,
  type WindowGeometry,
  WineDesktopDriver,
} from '../../../../scripts/wine-desktop-driver';
import { startXvfb, type Xvfb } from '../../../../scripts/xvfb';
import { CONSENT_PAGE_WIDTH } from '../../src/windows/consent-pages';
import { NUMBER_PAGE_WIDTH } from '../../src/windows/number-page';
import { PROXY_PAGE_WIDTH } from '../../src/windows/proxy-page';
import { STATUS_WINDOW_WIDTH } from '../../src/windows/status-window';

/** The dialogs as drawn; the progress one also goes to the customer guide (the e2e run cannot catch it). */
const SCREENSHOTS = join(import.meta.dirname, '../../test-results/windows-dialogs');
const MAIN = 'Fernhilfe';
const CONTROL = /^Fernhilfe .+ (Maus|mouse)/;
const STATUS = /^Fernhilfe .+ (Bildschirm|screen)/;

/**
 * Centre of a button in a right-aligned row at the bottom of a window (16 px margin, 10 px
 * gaps, 28 px high), as a person finds it by looking; at wine's 96 DPI a layout unit is a pixel.
 *
 * @param window - where the window is, frame included
 * @param clientWidth - its client width
 * @param widths - the row's button widths, left to right
 * @param index - which button, from the left
 */
function buttonCentre(window: WindowGeometry, clientWidth: number, widths: number[], index: number) {
  const frame = (window.width - clientWidth) / 2;
  const rightEdge = window.width - frame - 16;
  const right = widths.slice(index + 1).reduce((sum, width) => sum + width + 10, 0);
  const width = widths[index] ?? 0;
  return { x: rightEdge - right - width / 2, y: window.height - frame - 16 - 14 };
}

describe('the customer dialogs for Windows, under wine', () => {
  let xvfb: Xvfb;
  let wine: Wine;
  let driver: WineDesktopDriver;
  let bundle: { file: string; remove: () => void };
  let gates: string;
  let fixture: WineProcess;
  let lines: JsonLines;

  const start = (language: 'de' | 'en', walk: 'full' | 'short') => {
    fixture = spawnNodeUnderWine(wine, bundle.file, [language, walk, windowsPath(gates)]);
    lines = new JsonLines(fixture);
  };
  const ready = (step: string) => lines.next((line) => line.step === step && line.ready === true);
  const result = async (step: string) => (await lines.next((line) => line.step === step && 'result' in line)).result;
  const open = (name: string) => writeFileSync(join(gates, name), '');
  const click = async (window: WindowGeometry, clientWidth: number, widths: number[], index: number) => {
    const { x, y } = buttonCentre(window, clientWidth, widths, index);
    await driver.click(window, x, y);
  };

  beforeAll(async () => {
    xvfb = await startXvfb('1024x768x24');
    wine = await startWine(xvfb);
    await useWindowsFramesAndFonts(wine);
    driver = new WineDesktopDriver(xvfb);
    bundle = await bundleForWindows(new URL('./support/dialogs.fixture.ts', import.meta.url).pathname);
    gates = mkdtempSync(join(tmpdir(), 'fernhilfe-dialog-gates-'));
  }, 240_000);
  afterAll(async () => {
    await wine?.stop();
    await xvfb?.stop();
    bundle?.remove();
    if (gates) rmSync(gates, { recursive: true, force: true });
  });

  describe('German, every dialog', () => {
    beforeAll(() => start('de', 'full'));

    it('number dialog: the typed number arrives on Enter, non-digits are not taken', async () => {
      await ready('number');
      const window = await driver.findWindow(MAIN);
      await driver.screenshot(join(SCREENSHOTS, 'number-de.png'), window);
      await driver.focus(window);
      await driver.type('1234 5678');
      await driver.key('Return');
      expect(await result('number')).toBe('12345678');
    }, 90_000);

    it('number dialog with a notice: closing the window gives undefined', async () => {
      await ready('number-typo');
      const window = await driver.findWindow(MAIN);
      await driver.screenshot(join(SCREENSHOTS, 'number-notice-de.png'), window);
      await driver.clickCloseButton(window);
      expect(await result('number-typo')).toBeNull();
    }, 90_000);

    it('number dialog: an aborted signal closes it and gives undefined', async () => {
      await ready('number-abort');
      const asking = await driver.findWindow(MAIN);
      open('abort-number');
      expect(await result('number-abort')).toBeNull();
      // The progress that follows opens a new window: the asking one was closed.
      await ready('progress');
      expect((await driver.findWindow(MAIN)).id).not.toBe(asking.id);
    }, 90_000);

    it('progress shows in the window; the proxy login returns the password without printing it', async () => {
      const progress = await driver.findWindow(MAIN);
      await driver.screenshot(join(SCREENSHOTS, 'progress-de.png'), progress);
      keepForGuide(join(SCREENSHOTS, 'progress-de.png'));
      open('progress-seen');
      await ready('proxy');
      const window = await driver.findWindow(MAIN);
      await driver.focus(window);
      await driver.type('m.muster');
      await driver.key('Tab');
      await driver.type('Geheim!9');
      await driver.screenshot(join(SCREENSHOTS, 'proxy-de.png'), window);
      await click(window, PROXY_PAGE_WIDTH, [90, 90], 0);
      expect(await result('proxy')).toEqual({ username: 'm.muster', passwordMatches: true });
      expect(lines.all).not.toContain('Geheim');
    }, 90_000);

    it('proxy login: Escape cancels with null', async () => {
      await ready('proxy-cancel');
      const window = await driver.findWindow(MAIN);
      await driver.focus(window);
      await driver.key('Escape');
      expect(await result('proxy-cancel')).toBeNull();
    }, 90_000);

    it('consent: Ja, Nein, and closing the window', async () => {
      await ready('consent-yes');
      let window = await driver.findWindow(MAIN);
      await driver.screenshot(join(SCREENSHOTS, 'consent-de.png'), window);
      await click(window, CONSENT_PAGE_WIDTH, [90, 90], 0);
      expect(await result('consent-yes')).toBe(true);
      await ready('consent-no');
      window = await driver.findWindow(MAIN);
      await click(window, CONSENT_PAGE_WIDTH, [90, 90], 1);
      expect(await result('consent-no')).toBe(false);
      await ready('consent-close');
      window = await driver.findWindow(MAIN);
      await driver.focus(window);
      await driver.key('alt+F4');
      expect(await result('consent-close')).toBeNull();
    }, 90_000);

    it('closing the window during progress answers the next question with undefined', async () => {
      await ready('progress-close');
      await driver.clickCloseButton(await driver.findWindow(MAIN));
      await driver.waitGone(MAIN);
      open('progress-closed');
      expect(await result('consent-after-close')).toBeNull();
    }, 90_000);

    it('status window: top right, Beenden gives end', async () => {
      await ready('status-end');
      const window = await driver.findWindow(STATUS);
      await driver.screenshot(join(SCREENSHOTS, 'status-de.png'), window);
      expect(window.x + window.width).toBeGreaterThan(1024 - 40);
      expect(window.y).toBeLessThan(40);
      await click(window, STATUS_WINDOW_WIDTH, [90], 0);
      expect(await result('status-end')).toBe('end');
    }, 90_000);

    it('control consent: Ja; the status window updates in place and takes control back', async () => {
      await ready('control-yes');
      const prompt = await driver.findWindow(CONTROL);
      await driver.screenshot(join(SCREENSHOTS, 'control-de.png'), prompt);
      await click(prompt, CONSENT_PAGE_WIDTH, [90, 90], 0);
      expect(await result('control-yes')).toBe(true);
      await ready('status-take-back');
      const window = await driver.findWindow(STATUS);
      await driver.screenshot(join(SCREENSHOTS, 'status-control-de.png'), window);
      await click(window, STATUS_WINDOW_WIDTH, [170, 90], 0);
      expect(await result('status-take-back')).toBe('take-back');
    }, 90_000);

    it('control consent: Escape says Nein, an aborted signal closes it', async () => {
      await ready('control-no');
      const prompt = await driver.findWindow(CONTROL);
      await driver.focus(prompt);
      await driver.key('Escape');
      expect(await result('control-no')).toBe(false);
      await ready('control-abort');
      await driver.findWindow(CONTROL);
      open('abort-control');
      expect(await result('control-abort')).toBeNull();
      await driver.waitGone(CONTROL);
    }, 90_000);

    it('status window: closing it gives undefined, and the walk ends cleanly', async () => {
      await ready('status-close');
      const window = await driver.findWindow(STATUS);
      await driver.clickCloseButton(window);
      expect(await result('status-close')).toBeNull();
      await lines.next((line) => line.step === 'done');
      expect(await fixture.exited).toBe(0);
    }, 90_000);
  });

  describe('English', () => {
    beforeAll(() => start('en', 'short'));

    it('number, consent and status dialogs speak English', async () => {
      await ready('number');
      let window = await driver.findWindow(MAIN);
      await driver.screenshot(join(SCREENSHOTS, 'number-en.png'), window);
      await driver.focus(window);
      await driver.type('87654321');
      await click(window, NUMBER_PAGE_WIDTH, [140], 0);
      expect(await result('number')).toBe('87654321');
      await ready('consent-yes');
      window = await driver.findWindow(MAIN);
      await driver.screenshot(join(SCREENSHOTS, 'consent-en.png'), window);
      await driver.focus(window);
      await driver.key('Return');
      expect(await result('consent-yes')).toBe(true);
      await ready('status-end');
      window = await driver.findWindow(STATUS);
      await driver.screenshot(join(SCREENSHOTS, 'status-en.png'), window);
      await click(window, STATUS_WINDOW_WIDTH, [170, 90], 1);
      expect(await result('status-end')).toBe('end');
      expect(await fixture.exited).toBe(0);
    }, 120_000);
  });
});
