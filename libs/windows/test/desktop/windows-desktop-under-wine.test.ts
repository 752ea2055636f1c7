import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleForWindows,
  runNodeInWineDesktop,
  runNodeUnderWine,
  windowsPath,
} from '../../../../scripts/run-under-wine';
import { startWine, type Wine } from '../../../../scripts/wine';
import { startXvfb, type Xvfb } from '../../../../scripts/xvfb';
import { parseXwd } from '../../../../scripts/xwd';

const WIDTH = 1024;
const HEIGHT = 768;
/** The notepad caret may blink between the two screenshots: a handful of pixels. */
const CARET_PIXELS = 50;

type Bundle = Awaited<ReturnType<typeof bundleForWindows>>;

function lastJsonLine(output: string): Record<string, unknown> {
  return JSON.parse(output.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
}

/** Pixels where a BGRX capture and an `xwd -root` dump differ (and the first few, for the failure message). */
function differingPixels(frame: Buffer, xwd: Buffer): number {
  const image = parseXwd(xwd);
  let differ = 0;
  const examples: string[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const at = (y * WIDTH + x) * 4;
      const bgr = ((frame[at + 2] as number) << 16) | ((frame[at + 1] as number) << 8) | (frame[at] as number);
      if (bgr === image.pixel(x, y)) continue;
      differ++;
      if (examples.length < 5) examples.push(`(${x},${y}) ${bgr.toString(16)}≠${image.pixel(x, y).toString(16)}`);
    }
  }
  if (differ > 0) console.log(`capture and xwd differ in ${differ} px, e.g. ${examples.join(' ')}`);
  return differ;
}

function changedXwdPixels(a: Buffer, b: Buffer): number {
  const before = parseXwd(a);
  const after = parseXwd(b);
  let changed = 0;
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) if (before.pixel(x, y) !== after.pixel(x, y)) changed++;
  return changed;
}

function changedPixels(a: Buffer, b: Buffer): number {
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) if (a.readUInt32LE(i) << 8 !== b.readUInt32LE(i) << 8) changed++;
  return changed;
}

describe('the Windows desktop (GDI capture, SendInput) under wine', () => {
  let xvfb: Xvfb;
  let wine: Wine;
  let capture: Bundle;
  let input: Bundle;
  let resize: Bundle;
  let notepadStarted = false;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fernhilfe-windesk-'));
    xvfb = await startXvfb(`${WIDTH}x${HEIGHT}x24`);
    wine = await startWine(xvfb);
    capture = await bundleForWindows(new URL('../fixtures/desktop-capture.fixture.ts', import.meta.url).pathname);
    input = await bundleForWindows(new URL('../fixtures/desktop-input.fixture.ts', import.meta.url).pathname);
    resize = await bundleForWindows(new URL('../fixtures/desktop-resize.fixture.ts', import.meta.url).pathname);
  }, 240_000);
  afterAll(async () => {
    await wine?.stop();
    await xvfb?.stop();
    capture?.remove();
    input?.remove();
    resize?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const screenshot = () => xvfb.exec('xwd', ['-root', '-silent']);
  async function captureUnderWine(name: string): Promise<{ frame: Buffer; report: Record<string, unknown> }> {
    const file = join(dir, name);
    const result = await runNodeUnderWine(wine, capture.file, [windowsPath(file)]);
    expect(result.code, result.output).toBe(0);
    return { frame: readFileSync(file), report: lastJsonLine(result.output) };
  }
  const startNotepad = () => {
    if (!notepadStarted) wine.spawn('notepad', []);
    notepadStarted = true;
  };

  it("copies changed rectangles of a monitor's image as Desktop Duplication does (wine's Direct3D)", async () => {
    const copy = await bundleForWindows(new URL('../fixtures/texture-copy.fixture.ts', import.meta.url).pathname);
    try {
      const run = await runNodeUnderWine(wine, copy.file);
      expect(run.code, run.output).toBe(0);
      const report = lastJsonLine(run.output);
      // 8×4 + 4×8 pixels land at the monitor's place, nothing else is touched.
      expect(report).toMatchObject({ copied: 64, wrong: 0 });
      expect(report.rowPitch).toBeGreaterThanOrEqual(64 * 4);
    } finally {
      copy.remove();
    }
  }, 120_000);

  it('captures the whole screen as xwd sees it, and sees a window appear', async () => {
    const empty = await captureUnderWine('empty.bgrx');
    expect(empty.report).toMatchObject({
      width: WIDTH,
      height: HEIGHT,
      stride: WIDTH * 4,
      format: 'bgrx',
      damage: null,
      desktopSize: [WIDTH, HEIGHT],
      features: { capture: 'gdi', damage: false, cursor: true, input: true },
      cursorAgain: null,
      afterClose: 'WINDOWS_CLOSED',
      overLimit: 'WINDOWS_LIMIT_EXCEEDED',
    });
    expect(['per-monitor-v2', 'system']).toContain(empty.report.dpiAwareness);
    // Wine's Direct3D device and DXGI outputs answer, but its DuplicateOutput is a stub (E_NOTIMPL):
    // the COM calls up to it went through, and the desktop stays with GDI, saying why.
    expect(empty.report.captureMethod).toEqual({
      method: 'gdi',
      fallbackReason: 'DuplicateOutput failed with 0x80004001',
    });
    expect(empty.frame.length).toBe(WIDTH * HEIGHT * 4);
    expect(differingPixels(empty.frame, await screenshot())).toBe(0);

    const emptyXwd = await screenshot();
    startNotepad();
    // Wait until notepad has appeared and finished painting: two screenshots 500 ms apart agree.
    let previous = emptyXwd;
    await expect
      .poll(
        async () => {
          const next = await screenshot();
          const settled = !next.equals(emptyXwd) && changedXwdPixels(previous, next) <= CARET_PIXELS;
          previous = next;
          return settled;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    const withWindow = await captureUnderWine('notepad.bgrx');
    expect(differingPixels(withWindow.frame, await screenshot())).toBeLessThanOrEqual(CARET_PIXELS);
    expect(changedPixels(empty.frame, withWindow.frame)).toBeGreaterThan(10_000);
  }, 240_000);

  it('clicks into notepad, types Unicode and shortcuts, reads the cursor, and releases every key', async () => {
    startNotepad();
    const result = await runNodeUnderWine(wine, input.file, []);
    expect(result.code, result.output).toBe(0);
    const report = lastJsonLine(result.output);
    expect(report.screen).toEqual([WIDTH, HEIGHT]);
    expect(report.landed).toEqual(report.target);
    expect(report.focused).toBe(true);
    expect(report.text).toBe(report.expected);
    expect(report.text).toBe('Hello äöü € 漢字 😀\r\nabc');
    expect(report.selection).toEqual({ start: 0, end: (report.text as string).length });
    expect(report.heldBefore).toBe(true);
    expect(report.releasedAfter).toBe(true);
    expect(report.errors).toEqual({
      nanMove: 'WINDOWS_INVALID_ARGUMENT',
      infiniteScroll: 'WINDOWS_INVALID_ARGUMENT',
      unknownKey: 'WINDOWS_KEY_UNMAPPED',
      badButton: 'WINDOWS_INVALID_ARGUMENT',
    });
    expect(report.blocked).toEqual([]);
    expect(report.probes).toMatchObject({ inputDesktop: 'Default' });

    const cursor = report.cursor as { width: number; height: number; hotX: number; hotY: number; opaque: number };
    expect(cursor.width).toBeGreaterThanOrEqual(8);
    expect(cursor.height).toBeGreaterThanOrEqual(8);
    expect(cursor.opaque).toBeGreaterThan(10);
    expect(cursor.hotX).toBeLessThan(cursor.width);
    expect(cursor.hotY).toBeLessThan(cursor.height);

    expect(report.finalPosition).toEqual({ x: 321, y: 234 });
    const location = (await xvfb.exec('xdotool', ['getmouselocation'])).toString();
    expect(location).toMatch(/^x:321 y:234 /);
  }, 240_000);

  it('follows a change of resolution (a new DIB section of the new size)', async () => {
    // Only wine's virtual desktop can change its resolution on Xvfb.
    const result = await runNodeInWineDesktop(wine, resize.file, `${WIDTH}x${HEIGHT}`);
    expect(result.code, result.output).toBe(0);
    expect(lastJsonLine(result.output)).toEqual({
      before: [WIDTH, HEIGHT],
      changed: 0,
      small: [800, 600, 800 * 600 * 4, 800, 600],
      restored: 0,
      back: [WIDTH, HEIGHT, WIDTH * HEIGHT * 4, WIDTH, HEIGHT],
    });
  }, 240_000);
});
