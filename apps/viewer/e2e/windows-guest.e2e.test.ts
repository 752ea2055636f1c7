import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startTinyproxy } from '../../../scripts/tinyproxy';
import { startWine, type Wine, type WineProcess } from '../../../scripts/wine';
import { useWindowsFramesAndFonts, WineDesktopDriver } from '../../../scripts/wine-desktop-driver';
import {
  centreOf,
  visibleTexts,
  type WatchedWindow,
  type WindowsSnapshot,
  WineWindowWatch,
} from '../../../scripts/wine-window-watch';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { buildWeb } from '../scripts/build-web.mjs';
import { type Browser, launchChromium } from '../test/browser/harness';
import { sessionRecords } from './support/audit';
import { expectCanvasMatchesScreen } from './support/canvas-match';
import { type ConsolePage, consolePage, rememberScreenImage } from './support/console-page';
import { typeOnGermanKeyboard } from './support/german-keyboard';
import { startRelayCli, type TestRelay } from './support/relay';
import { buildWindowsGuestModule, startWindowsGuestModule } from './support/windows-guest-module';

// The Windows guest module end to end: the real relay CLI, the agent console in headless
// Chromium, and Fernhilfe-Gastmodul.exe (built by the operator's command) under wine on Xvfb,
// its dialogs driven with xdotool and read through Win32 as a screen reader would.

const TOKEN = 'e2e-agent-token-0123456789abcdef';
const ORG = 'Stadtwerke Musterstadt';
const AGENT = 'Erika Muster';
const SCREEN = { width: 1024, height: 768 };
const PROXY_USER = { username: 'kunde', password: 'geheim-42' };
/** The customer's dialog titles and buttons (German: the prefix runs with a German UI language). */
const DIALOG = 'Fernhilfe';
const CONTROL_DIALOG = 'Fernhilfe – Maus und Tastatur';
const STATUS_WINDOW = 'Fernhilfe – Bildschirm geteilt';
/** Typed by the agent while allowed, on a German keyboard. */
const TYPED = 'Grüße von Erika äöü ÄÖÜ ß';
/** Notepad's text caret (not blinking) may be drawn at a slightly different moment. */
const CARET_PIXELS = 50;

const resultsDir = join(import.meta.dirname, '../test-results/e2e/windows');

let work: string;
let xvfb: Xvfb;
let relay: TestRelay;
let wine: Wine;
let exe: string;
let proxy: RunningProxy;
let browser: Browser;
let page: Page;
let agent: ConsolePage;
let auditFile: string;
let driver: WineDesktopDriver;
let watch: WineWindowWatch;
let guest: WineProcess;
const pageProblems: string[] = [];

const digits = (text: string) => text.replace(/\D/g, '');
const consoleShot = (name: string) => agent.screenshot(join(resultsDir, `console-${name}.png`));

/** A screenshot of a customer window (frame included) into the results directory. */
async function windowShot(name: string, title: string): Promise<void> {
  await driver.screenshot(join(resultsDir, `${name}.png`), await driver.findWindow(title));
}

/** Waits for the customer window with this title to show a control with this text. */
function windowShowing(title: string, text: string | RegExp, timeoutMs = 60_000): Promise<WatchedWindow> {
  const shows = (window: WatchedWindow) =>
    visibleTexts(window).some((shown) => (typeof text === 'string' ? shown === text : text.test(shown)));
  return watch.waitFor(
    `"${title}" showing ${text}`,
    (snapshot) => snapshot.windows.find((window) => window.title === title && shows(window)),
    timeoutMs,
  );
}

/** Clicks the button with this label in a customer window, at the place Windows reports for it. */
async function clickButton(window: WatchedWindow, label: string): Promise<void> {
  const button = window.controls.find((control) => control.class === 'Button' && control.text === label);
  if (button === undefined) throw new Error(`no button "${label}" in ${JSON.stringify(window)}`);
  const { x, y } = centreOf(button.rect);
  await driver.clickAt(x, y);
}

/** Focuses the customer dialog (its first field has the keyboard focus) and types into it. */
async function typeIntoDialog(text: string): Promise<void> {
  await driver.focus(await driver.findWindow(DIALOG));
  await driver.type(text);
}

/** Waits until the console's canvas equals the whole wine desktop (`xwd -root`), caret aside. */
function expectCanvasShowsWineDesktop(): Promise<void> {
  const whole = { x: 0, y: 0, ...SCREEN };
  return expectCanvasMatchesScreen(xvfb, agent, whole, { allowedPixels: CARET_PIXELS, timeoutMs: 30_000, resultsDir });
}

const notepadText = (snapshot: WindowsSnapshot | undefined) => snapshot?.notepad?.text;

/** The agent clicks into notepad's text area on the remote screen (ignored while not allowed). */
async function agentClicksIntoNotepad(): Promise<void> {
  const notepad = watch.latest()?.notepad;
  if (!notepad) throw new Error('notepad is not open');
  const { x, y } = centreOf(notepad.editRect);
  const point = await agent.pagePoint(x, y);
  await page.mouse.click(point.x, point.y);
}

/** The agent asks for control and the customer answers Ja in the control dialog. */
async function controlGrantedByCustomer(screenshot?: string): Promise<void> {
  await agent.part('request-control').click();
  const prompt = await windowShowing(CONTROL_DIALOG, `${AGENT} möchte Maus und Tastatur verwenden.`);
  if (screenshot) await windowShot(screenshot, CONTROL_DIALOG);
  await clickButton(prompt, 'Ja');
  await windowShowing(STATUS_WINDOW, 'Maus und Tastatur: erlaubt');
  await expect.poll(() => agent.part('control-indicator').textContent()).toBe('Control on');
}

/** A new session in the console; the customer types its number and clicks Support starten. */
async function customerEntersNumber(screenshot?: string): Promise<string> {
  await agent.open(relay.base);
  await agent.signIn(TOKEN);
  const shown = await agent.newSession();
  const dialog = await windowShowing(DIALOG, 'Sitzungsnummer:');
  await typeIntoDialog(digits(shown));
  await watch.waitFor('the typed number in the field', (snapshot) =>
    snapshot.windows.some((window) => window.controls.some((c) => c.class === 'Edit' && c.text === digits(shown)))
      ? true
      : undefined,
  );
  if (screenshot) await windowShot(screenshot, DIALOG);
  await clickButton(dialog, 'Support starten');
  return shown;
}

/** The customer's consent dialog, once it shows the security code; returns it with its digits. */
async function consentDialog(): Promise<{ window: WatchedWindow; code: string }> {
  const window = await windowShowing(DIALOG, `${AGENT} von ${ORG} möchte Ihren Bildschirm sehen.`);
  const texts = visibleTexts(window);
  const code = texts[texts.indexOf('Sicherheitscode:') + 1] ?? '';
  return { window, code };
}

beforeAll(async () => {
  await mkdir(resultsDir, { recursive: true });
  work = await mkdtemp(join(tmpdir(), 'fernhilfe-windows-e2e-'));
  const webDir = join(work, 'web');
  await buildWeb({ outdir: webDir });
  auditFile = join(work, 'audit.jsonl');
  xvfb = await startXvfb(`${SCREEN.width}x${SCREEN.height}x24`);
  driver = new WineDesktopDriver(xvfb);
  relay = await startRelayCli({ webDir, auditFile, token: TOKEN, org: ORG, agentName: AGENT });
  // The module carries the relay's address, so it is built once the relay listens; the wine
  // prefix is made meanwhile.
  [exe, wine] = await Promise.all([
    buildWindowsGuestModule(relay.wsUrl, ORG, join(work, 'modules')),
    startWine(xvfb).then(async (started) => {
      await useWindowsFramesAndFonts(started);
      return started;
    }),
  ]);
  proxy = await startTinyproxy(PROXY_USER);
  watch = await WineWindowWatch.start(wine, DIALOG);
  wine.spawn('notepad', []);
  await watch.waitFor('notepad', (snapshot) => snapshot.notepad ?? undefined);
  browser = await launchChromium('en-US');
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.addInitScript(rememberScreenImage);
  page.on('pageerror', (error) => pageProblems.push(error.message));
  agent = consolePage(page);
}, 600_000);

afterAll(async () => {
  watch?.stop();
  await browser?.close();
  await wine?.stop();
  await proxy?.stop();
  await relay?.stop();
  await xvfb?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the Windows guest module end to end (relay CLI, console in Chromium, the .exe under wine)', () => {
  it('number dialog, consent with the same code as the console, and the agent sees the wine desktop', async () => {
    guest = startWindowsGuestModule(wine, exe);
    const shown = await customerEntersNumber('number-de');

    const { window, code } = await consentDialog();
    await expect.poll(() => agent.part('security-code').textContent()).toMatch(/\d/);
    expect(digits(code)).toMatch(/^\d{6}$/);
    expect(digits(code)).toBe(digits((await agent.part('security-code').textContent()) ?? ''));
    expect(visibleTexts(window)).toContain('Bildschirm teilen?');
    await windowShot('consent-de', DIALOG);
    await consoleShot('security-code');

    await clickButton(window, 'Ja');
    await windowShowing(STATUS_WINDOW, `Bildschirm wird geteilt mit ${AGENT} (${ORG})`);
    await windowShot('status-de', STATUS_WINDOW);
    await expect.poll(() => agent.canvasSize(), { timeout: 30_000 }).toEqual(SCREEN);
    await expectCanvasShowsWineDesktop();
    await expect.poll(() => agent.part('control-indicator').textContent()).toBe('View only');
    await consoleShot('live-view');
    expect(digits(shown)).toHaveLength(8);
  }, 300_000);

  it('typing by the agent reaches notepad only between the control consent and taking control back', async () => {
    // Not allowed yet: the console forwards nothing, so nothing can arrive.
    await agentClicksIntoNotepad();
    await typeOnGermanKeyboard(page, 'vorher');
    expect(notepadText(watch.latest())).toBe('');

    await controlGrantedByCustomer('control-de');
    await windowShot('status-control-de', STATUS_WINDOW);
    await agentClicksIntoNotepad();
    await typeOnGermanKeyboard(page, TYPED);
    // Exactly the text typed while allowed: what was typed before never arrives, not even late.
    await watch.waitFor('the typed text in notepad', (snapshot) =>
      notepadText(snapshot) === TYPED ? true : undefined,
    );
    await expectCanvasShowsWineDesktop();
    await consoleShot('typed-into-notepad');

    const status = await windowShowing(STATUS_WINDOW, 'Kontrolle zurücknehmen');
    await clickButton(status, 'Kontrolle zurücknehmen');
    await windowShowing(STATUS_WINDOW, 'Maus und Tastatur: nicht erlaubt');
    await expect.poll(() => agent.part('control-indicator').textContent()).toBe('View only');
    // The customer clicks into notepad, so typing would land there if it were still applied.
    // (Under wine, while the status window just clicked is the active window, injected input
    // does not arrive at all, which would prove nothing.)
    const notepad = watch.latest()?.notepad;
    if (!notepad) throw new Error('notepad is not open');
    await driver.clickAt(notepad.editRect[0] + 200, notepad.editRect[1] + 100);
    await agentClicksIntoNotepad();
    await typeOnGermanKeyboard(page, 'nachher');

    // Allowed again: the next letter lands right after the first text, so 'nachher' never did.
    await controlGrantedByCustomer();
    await agentClicksIntoNotepad();
    await typeOnGermanKeyboard(page, 'X');
    await watch.waitFor('the letter typed after the second consent', (snapshot) =>
      notepadText(snapshot) === `${TYPED}X` ? true : undefined,
    );
    expect(watch.history().some((snapshot) => notepadText(snapshot)?.includes('nachher'))).toBe(false);
  }, 300_000);

  it('closing the status window ends the session as guest-window-closed and brings the number dialog back', async () => {
    const number = digits((await agent.part('number').textContent()) ?? '');
    await driver.clickCloseButton(await driver.findWindow(STATUS_WINDOW));
    await expect
      .poll(() => agent.part('end-reason').textContent(), { timeout: 30_000 })
      .toBe('The customer closed the window.');
    await consoleShot('customer-closed-window');
    await windowShowing(DIALOG, 'Die Sitzung wurde geschlossen.');
    await windowShowing(DIALOG, 'Sitzungsnummer:');
    await windowShot('number-ended-de', DIALOG);

    const records = await sessionRecords(auditFile, number);
    // Consent, control given and taken back twice (closing the window with control on takes it
    // back first), and the end, as the guest reported them.
    expect(records.map((record) => record.type).join(' ')).toBe(
      'session-created guest-joined consent-granted control-granted control-revoked control-granted control-revoked session-ended',
    );
    expect(records.at(-1)).toMatchObject({ type: 'session-ended', reason: 'guest-window-closed' });
    expect(pageProblems).toEqual([]);
  }, 300_000);

  it("asks for the login of the PC's proxy (tinyproxy with Basic auth), again after a wrong password", async () => {
    // The customer closes the number dialog: the module ends. The dialog may still be growing to
    // show the last session's end when its geometry is read, so a click that missed is repeated.
    let exitCode: number | null | 'running' = 'running';
    for (let attempt = 0; attempt < 5 && exitCode === 'running'; attempt++) {
      await driver.clickCloseButton(await driver.findWindow(DIALOG));
      exitCode = await Promise.race([
        guest.exited,
        new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 10_000)),
      ]);
    }
    expect(exitCode).toBe(0);
    const settings = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
    const values: Array<[string, string, string]> = [
      ['ProxyEnable', 'REG_DWORD', '1'],
      ['ProxyServer', 'REG_SZ', `127.0.0.1:${proxy.port}`],
    ];
    for (const [name, type, value] of values) {
      const added = await wine.run('reg', ['add', settings, '/v', name, '/t', type, '/d', value, '/f']);
      expect(added.code, added.output).toBe(0);
    }

    guest = startWindowsGuestModule(wine, exe);
    const shown = await customerEntersNumber();
    const asks = `Der Proxy-Server 127.0.0.1:${proxy.port} verlangt eine Anmeldung.`;
    await windowShowing(DIALOG, asks);
    await typeIntoDialog(PROXY_USER.username);
    await driver.key('Tab');
    await driver.type('falsch');
    await windowShot('proxy-de', DIALOG);
    await clickButton(await windowShowing(DIALOG, asks), 'OK');

    const again = await windowShowing(DIALOG, /\(Versuch 2\)/);
    expect(visibleTexts(again).join('\n')).not.toContain('falsch');
    await typeIntoDialog(PROXY_USER.username);
    await driver.key('Tab');
    await driver.type(PROXY_USER.password);
    await windowShot('proxy-again-de', DIALOG);
    await clickButton(again, 'OK');

    const { window, code } = await consentDialog();
    await expect.poll(() => agent.part('security-code').textContent()).toMatch(/\d/);
    expect(digits(code)).toBe(digits((await agent.part('security-code').textContent()) ?? ''));
    expect(proxy.log()).toMatch(/CONNECT/);
    await clickButton(window, 'Nein');
    await expect.poll(() => agent.part('end-reason').textContent()).toBe('The customer refused to share the screen.');
    await windowShowing(DIALOG, 'Sie haben abgelehnt. Es wurde nichts geteilt.');
    const records = await sessionRecords(auditFile, digits(shown));
    expect(records.at(-1)).toMatchObject({ type: 'session-ended', reason: 'consent-refused' });
  }, 300_000);
});
