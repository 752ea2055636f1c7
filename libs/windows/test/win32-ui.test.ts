import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForWindows, runNodeUnderWine, spawnNodeUnderWine } from '../../../scripts/run-under-wine';
import { startWine, type Wine, type WineProcess } from '../../../scripts/wine';
import { JsonLines, useWindowsFramesAndFonts, WineDesktopDriver } from '../../../scripts/wine-desktop-driver';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';

// One walk through the UI layer under wine (support/ui-layer.fixture.ts), driven with xdotool.
describe('the Win32 UI layer under wine', () => {
  let xvfb: Xvfb;
  let wine: Wine;
  let fixture: WineProcess;
  let lines: JsonLines;
  let driver: WineDesktopDriver;
  let removeBundle = () => {};

  beforeAll(async () => {
    xvfb = await startXvfb('1024x768x24');
    wine = await startWine(xvfb);
    await useWindowsFramesAndFonts(wine);
    const bundle = await bundleForWindows(new URL('./support/ui-layer.fixture.ts', import.meta.url).pathname);
    removeBundle = bundle.remove;
    fixture = spawnNodeUnderWine(wine, bundle.file);
    lines = new JsonLines(fixture);
    driver = new WineDesktopDriver(xvfb);
  }, 240_000);
  afterAll(async () => {
    await wine?.stop();
    await xvfb?.stop();
    removeBundle();
  });

  it('starts with no class, callback or pump', async () => {
    const before = await lines.next((line) => 'before' in line);
    expect(before.before).toMatchObject({ active: false, openWindows: 0, callbacks: 0 });
  }, 90_000);

  it('takes digits only, hides the password, and presses the default button on Enter', async () => {
    const window = await driver.findWindow('UI layer enter');
    await driver.focus(window);
    await driver.type('12a34');
    await driver.key('Tab');
    await driver.type('geheim');
    await driver.key('Return');
    expect(await lines.next((line) => line.step === 'enter' && 'result' in line)).toEqual({
      step: 'enter',
      result: 'ok',
      digits: '1234',
      secretLength: 6,
    });
    expect(lines.all).not.toContain('geheim');
  }, 90_000);

  it('releases the window procedure and pump when the last window closes', async () => {
    const after = await lines.next((line) => line.after === 'enter');
    expect(after).toMatchObject({ active: false, openWindows: 0, callbacks: 0 });
  }, 90_000);

  it('presses the cancel button on Escape, and limits the field to 8 characters', async () => {
    const window = await driver.findWindow('UI layer escape');
    await driver.focus(window);
    await driver.type('1234567890');
    await driver.key('Escape');
    expect(await lines.next((line) => line.step === 'escape' && 'result' in line)).toMatchObject({
      result: 'cancel',
      digits: '12345678',
    });
  }, 90_000);

  it('clicks a button at its place, and reports the close button as closed', async () => {
    const window = await driver.findWindow('UI layer click');
    // OK sits at (124, 110)–(212, 138) of the client area, below wine's title bar.
    const frame = (window.width - 320) / 2;
    const caption = window.height - 150 - frame;
    await driver.click(window, frame + 168, caption + 124);
    expect(await lines.next((line) => line.step === 'click' && 'result' in line)).toMatchObject({ result: 'ok' });
    const closing = await driver.findWindow('UI layer close');
    await driver.clickCloseButton(closing);
    expect(await lines.next((line) => line.step === 'close' && 'result' in line)).toEqual({
      step: 'close',
      result: 'closed',
    });
  }, 90_000);

  it('throws typed errors on misuse and leaks nothing', async () => {
    const misuse = await lines.next((line) => 'misuse' in line);
    expect(misuse).toMatchObject({
      misuse: ['WINDOWS_UI_WINDOW_CLOSED', 'WINDOWS_UI_WINDOW_CLOSED', 'WINDOWS_UI_INVALID_ARGUMENT'],
      active: false,
      openWindows: 0,
      callbacks: 0,
    });
    expect(await fixture.exited).toBe(0);
  }, 90_000);

  it('sizes windows in device-independent pixels at 144 DPI', async () => {
    await fixture.exited;
    const dpi = await wine.run('reg', [
      'add',
      'HKCU\\Control Panel\\Desktop',
      '/v',
      'LogPixels',
      '/t',
      'REG_DWORD',
      '/d',
      '144',
      '/f',
    ]);
    expect(dpi.code, dpi.output).toBe(0);
    const bundle = await bundleForWindows(new URL('./support/dpi.fixture.ts', import.meta.url).pathname);
    try {
      const run = await runNodeUnderWine(wine, bundle.file);
      expect(run.code, run.output).toBe(0);
      const probe = JSON.parse(run.output.trim().split('\n').at(-1) ?? '');
      expect(probe).toMatchObject({ dpi: 144, client: [300, 150] });
    } finally {
      bundle.remove();
    }
  }, 120_000);
});
