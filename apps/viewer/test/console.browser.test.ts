import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { createEncoder } from '@fernhilfe/codec';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteKeyInput, RemotePointerInput } from '../src/input/remote-input';
import type { FernhilfeViewerElement } from '../src/viewer-element';
import { type Browser, type ConsoleSite, launchChromium, screenshotDir, serveConsole } from './browser/harness';
import type { FakeRelay } from './fakes/fake-connection';
import type { encodeFakeUpdate, patternPixel, patternRect } from './fakes/fake-decoder';

/** What the fake-wired page exposes on `window.fake`. */
interface FakeTools {
  relay: FakeRelay;
  createEncoder: typeof createEncoder;
  encodeFakeUpdate: typeof encodeFakeUpdate;
  patternPixel: typeof patternPixel;
  patternRect: typeof patternRect;
}
declare const fake: FakeTools;

let site: ConsoleSite;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

const REMOTE = { width: 1600, height: 1000 };

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  site = await serveConsole();
  browser = await launchChromium('de-DE');
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

beforeEach(async () => {
  await page.evaluate(() => sessionStorage.clear()).catch(() => {});
  await page.goto(`${site.url}/`);
});

const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });
const part = (name: string) => page.locator(`[data-part="${name}"]`);

async function signIn(token = 'agent-token') {
  await page.fill('#agent-token', token);
  await page.click('[data-part="sign-in"] button[type="submit"]');
}

async function startSession() {
  await signIn();
  await part('new-session').click();
  await expect.poll(() => part('number').textContent()).toBe('1234 5678');
}

async function goLive() {
  await startSession();
  await page.evaluate(() => {
    fake.relay.customerJoins();
    fake.relay.showCode('482913');
    fake.relay.consent();
  });
}

/** Sends the whole remote screen painted with pattern `seed`. */
async function sendFullScreen(seed: number) {
  await page.evaluate(
    ({ width, height, seed }) => {
      fake.relay.screen(fake.encodeFakeUpdate(width, height, [fake.patternRect({ x: 0, y: 0, width, height }, seed)]));
    },
    { ...REMOTE, seed },
  );
}

/** Counts canvas pixels in `rect` that differ from pattern `seed`. */
function mismatches(rect: { x: number; y: number; width: number; height: number }, seed: number) {
  return page.evaluate(
    ({ rect, seed }) => {
      const host = document.querySelector('[data-part="viewer-host"]')!;
      const canvas = host.shadowRoot!.querySelector('canvas.fh-canvas') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(rect.x, rect.y, rect.width, rect.height).data;
      let wrong = 0;
      for (let y = 0; y < rect.height; y++) {
        for (let x = 0; x < rect.width; x++) {
          const expected = fake.patternPixel(rect.x + x, rect.y + y, seed);
          const at = (y * rect.width + x) * 4;
          if (expected.some((value, channel) => pixels[at + channel] !== value)) wrong++;
        }
      }
      return wrong;
    },
    { rect, seed },
  );
}

const canvasBox = () =>
  page.evaluate(() => {
    const host = document.querySelector('[data-part="viewer-host"]')!;
    const box = host.shadowRoot!.querySelector('canvas.fh-canvas')!.getBoundingClientRect();
    return { left: box.left, top: box.top, width: box.width, height: box.height };
  });
const sentPointer = () => page.evaluate(() => fake.relay.sent.pointer) as Promise<RemotePointerInput[]>;
const sentKeys = () => page.evaluate(() => fake.relay.sent.keys) as Promise<RemoteKeyInput[]>;

async function grantControl() {
  await part('request-control').click();
  await expect.poll(() => page.evaluate(() => fake.relay.sent.controlRequests)).toBe(1);
  await page.evaluate(() => fake.relay.control('granted'));
  await expect.poll(() => part('control-indicator').textContent()).toBe('Steuerung aktiv');
}

describe('agent console in Chromium (fake relay)', () => {
  it('signs in with the token kept in sessionStorage only', async () => {
    await expect.poll(() => page.title()).toBe('Fernhilfe · Agent-Konsole');
    await shot('01-sign-in');
    await page.click('[data-part="sign-in"] button[type="submit"]');
    expect(await part('sign-in-error').isVisible()).toBe(true);
    await signIn('secret-token');
    await expect.poll(() => part('new-session').isVisible()).toBe(true);
    const accent = await part('new-session').evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(accent).toBe('rgb(29, 95, 191)');
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('fernhilfe.agentToken'),
      local: localStorage.length,
      cookie: document.cookie,
    }));
    expect(stored).toEqual({ session: 'secret-token', local: 0, cookie: '' });
    await page.reload();
    expect(await part('new-session').isVisible()).toBe(true);
    await part('sign-out').click();
    expect(await page.evaluate(() => sessionStorage.getItem('fernhilfe.agentToken'))).toBeNull();
    expect(await part('sign-in').isVisible()).toBe(true);
  });

  it('shows the new session number grouped, with a countdown and the first step', async () => {
    await startSession();
    expect(await page.evaluate(() => fake.relay.sent.tokens)).toEqual(['agent-token']);
    expect(await part('countdown').textContent()).toMatch(/^Gültig noch (10:00|9:5\d)$/);
    expect(await page.locator('[data-step="waiting"]').getAttribute('data-status')).toBe('current');
    expect(await part('end').textContent()).toBe('Sitzung beenden');
    await shot('02-session-number');
  });

  it('shows the security code with the instruction and ends on a mismatch', async () => {
    await startSession();
    await page.evaluate(() => {
      fake.relay.customerJoins();
      fake.relay.showCode('482913');
    });
    await expect.poll(() => part('security-code').textContent()).toBe('482 913');
    expect(await part('number').isVisible()).toBe(false);
    expect(await page.locator('[data-step="consent"]').getAttribute('data-status')).toBe('current');
    await shot('03-security-code');
    await part('code-mismatch').click();
    await expect
      .poll(() => part('end-reason').textContent())
      .toBe('Der Sicherheitscode stimmte nicht überein. Die Verbindung wurde getrennt.');
    expect(await page.evaluate(() => fake.relay.sent.ends)).toEqual(['security-code-mismatch']);
    await shot('04-ended-mismatch');
  });

  it('paints the framebuffer exactly and repaints only the reported rectangles', async () => {
    await goLive();
    await sendFullScreen(1);
    await expect.poll(() => part('placeholder').isVisible()).toBe(false);
    expect(await mismatches({ x: 0, y: 0, ...REMOTE }, 1)).toBe(0);

    const reported = { x: 100, y: 80, width: 64, height: 48 };
    const hidden = { x: 900, y: 500, width: 64, height: 48 };
    await page.evaluate(
      ({ width, height, reported, hidden }) => {
        fake.relay.screen(
          fake.encodeFakeUpdate(width, height, [fake.patternRect(reported, 2), fake.patternRect(hidden, 2, false)]),
        );
      },
      { ...REMOTE, reported, hidden },
    );
    expect(await mismatches(reported, 2)).toBe(0);
    expect(await mismatches(hidden, 1)).toBe(0);
    expect(await mismatches({ x: 0, y: 0, width: 100, height: 1000 }, 1)).toBe(0);
    await page.evaluate(() => fake.relay.rtt(23));
    await expect.poll(() => part('rtt').textContent()).toBe('RTT 23 ms');
    expect(await part('fps').textContent()).toMatch(/^Bilder\/s \d+,\d$/);
    await shot('05-live-view');
  });

  it('paints real codec updates exactly (codec decoder in the browser)', async () => {
    await page.goto(`${site.url}/?codec`);
    await goLive();
    const size = { width: 640, height: 400 };
    await page.evaluate(({ width, height }) => {
      const encoder = fake.createEncoder({ width, height });
      const frame = new Uint8Array(fake.patternRect({ x: 0, y: 0, width, height }, 8).rgba);
      fake.relay.screen(encoder.encode({ width, height, data: frame, format: 'rgba' }));
      const edit = fake.patternRect({ x: 0, y: 0, width, height }, 9).rgba;
      for (let row = 100; row < 180; row++) {
        frame.set(edit.subarray((row * width + 200) * 4, (row * width + 360) * 4), (row * width + 200) * 4);
      }
      fake.relay.screen(encoder.encode({ width, height, data: frame, format: 'rgba' }));
    }, size);
    expect(await mismatches({ x: 200, y: 100, width: 160, height: 80 }, 9)).toBe(0);
    expect(await mismatches({ x: 0, y: 0, width: 640, height: 100 }, 8)).toBe(0);
    expect(await mismatches({ x: 0, y: 180, width: 640, height: 220 }, 8)).toBe(0);
    expect(await page.evaluate(() => fake.relay.sent.ends)).toEqual([]);
  });

  it('maps clicks, wheel and keys through the fit scaling while control is on', async () => {
    await goLive();
    await sendFullScreen(3);
    await page.mouse.click(400, 300);
    expect(await sentPointer()).toEqual([]);

    await grantControl();
    const box = await canvasBox();
    expect(box.width).toBeLessThan(REMOTE.width);
    const client = { x: box.left + box.width * 0.25 + 0.5, y: box.top + box.height * 0.6 + 0.5 };
    const expected = {
      x: Math.floor((client.x - box.left) * (REMOTE.width / box.width)),
      y: Math.floor((client.y - box.top) * (REMOTE.height / box.height)),
    };
    await page.mouse.move(client.x, client.y);
    await page.mouse.down();
    await page.mouse.up();
    await page.mouse.click(client.x, client.y, { button: 'right' });
    await page.mouse.wheel(0, 300);
    const pointer = await sentPointer();
    const atTarget = pointer.filter((event) => event.x === expected.x && event.y === expected.y);
    expect(atTarget.map((event) => [event.buttons, event.wheelY])).toEqual([
      [0, 0],
      [1, 0],
      [0, 0],
      [0, 0],
      [4, 0],
      [0, 0],
      [0, 3],
    ]);

    await page.keyboard.press('a');
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyB');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Tab');
    const keys = await sentKeys();
    expect(
      keys.map((key) => `${key.down ? '+' : '-'}${key.code}:${key.key}:${key.modifiers.shift ? 'S' : ''}`),
    ).toEqual([
      '+KeyA:a:',
      '-KeyA:a:',
      '+ShiftLeft:Shift:S',
      '+KeyB:B:S',
      '-KeyB:B:S',
      '-ShiftLeft:Shift:',
      '+Tab:Tab:',
      '-Tab:Tab:',
    ]);
    const focused = await page.evaluate(
      () => document.querySelector('[data-part="viewer-host"]')!.shadowRoot!.activeElement?.className,
    );
    expect(focused).toBe('fh-canvas');
    await shot('06-control-granted');
  });

  it('maps one to one in 1:1 mode and sends swallowed combinations from the menu', async () => {
    await goLive();
    await sendFullScreen(4);
    await grantControl();
    await part('mode-1to1').click();
    const box = await canvasBox();
    expect([box.width, box.height]).toEqual([REMOTE.width, REMOTE.height]);
    await page.mouse.click(box.left + 37.5, box.top + 21.5);
    expect((await sentPointer()).at(-1)).toEqual({ x: 37, y: 21, buttons: 0, wheelX: 0, wheelY: 0 });

    await part('combos').click();
    await shot('07-combos-menu');
    await page.locator('[data-combo="ctrl-alt-del"]').click();
    const keys = (await sentKeys()).map((key) => `${key.down ? '+' : '-'}${key.code}`);
    expect(keys.slice(-6)).toEqual(['+ControlLeft', '+AltLeft', '+Delete', '-Delete', '-AltLeft', '-ControlLeft']);
  });

  it('draws the remote cursor at its hotspot through the scaling', async () => {
    await goLive();
    await sendFullScreen(5);
    await page.evaluate(() => {
      const rgba = new Uint8ClampedArray(16 * 16 * 4).fill(255);
      fake.relay.cursor({
        x: 800,
        y: 500,
        visible: true,
        shape: { width: 16, height: 16, hotspotX: 4, hotspotY: 2, rgba },
      });
    });
    const placed = await page.evaluate(() => {
      const root = document.querySelector('[data-part="viewer-host"]')!.shadowRoot!;
      const canvas = root.querySelector('canvas.fh-canvas')!.getBoundingClientRect();
      const cursor = root.querySelector('canvas.fh-cursor') as HTMLCanvasElement;
      const box = cursor.getBoundingClientRect();
      return {
        hidden: cursor.hidden,
        dx: box.left - canvas.left,
        dy: box.top - canvas.top,
        scale: canvas.width / 1600,
      };
    });
    expect(placed.hidden).toBe(false);
    expect(placed.dx).toBeCloseTo((800 - 4) * placed.scale, 1);
    expect(placed.dy).toBeCloseTo((500 - 2) * placed.scale, 1);
  });

  it('gives control back, shows revocation and ends with the reason', async () => {
    await goLive();
    await grantControl();
    await part('release-control').click();
    expect(await page.evaluate(() => fake.relay.sent.controlReleases)).toBe(1);
    expect(await part('control-indicator').textContent()).toBe('Nur Ansicht');
    await page.evaluate(() => fake.relay.control('granted'));
    await page.evaluate(() => fake.relay.control('revoked'));
    await expect.poll(() => part('notice').textContent()).toBe('Der Kunde hat die Steuerung zurückgenommen.');
    await page.evaluate(() => fake.relay.guestEnds('guest-ended'));
    await expect.poll(() => part('end-reason').textContent()).toBe('Der Kunde hat die Sitzung beendet.');
    expect(await page.locator('[data-step="ended"]').getAttribute('data-status')).toBe('current');
    expect(await page.locator('[data-step="control"]').getAttribute('data-status')).toBe('skipped');
  });

  it('warns while Windows blocks input, in German and English, until control ends', async () => {
    const blocked = part('input-blocked');
    await goLive();
    await page.evaluate(() => fake.relay.inputBlocked('elevated-window'));
    expect(await blocked.isVisible()).toBe(false); // view only: nothing to block
    await grantControl();
    await page.evaluate(() => fake.relay.inputBlocked('elevated-window'));
    await expect
      .poll(() => blocked.textContent())
      .toBe(
        'Der Kunde hat ein Fenster mit Administratorrechten im Vordergrund – Eingaben werden von Windows blockiert.',
      );
    expect(await blocked.isVisible()).toBe(true);
    expect(await blocked.getAttribute('role')).toBe('status');
    await shot('10-input-blocked');
    await page.locator('.console-lang[data-lang="en"]').click();
    await page.evaluate(() => fake.relay.inputBlocked('secure-desktop'));
    await expect
      .poll(() => blocked.textContent())
      .toBe(
        "A secure desktop is active on the customer's computer (UAC prompt, lock screen) – Windows blocks your input.",
      );
    expect(await part('release-control').isEnabled()).toBe(true); // a notice, not a dialog
    await page.locator('.console-lang[data-lang="de"]').click();
    await page.evaluate(() => fake.relay.control('revoked'));
    await expect.poll(() => blocked.isVisible()).toBe(false);
    await page.evaluate(() => fake.relay.control('granted'));
    await expect.poll(() => part('control-indicator').textContent()).toBe('Steuerung aktiv');
    expect(await blocked.isVisible()).toBe(false);
    await page.evaluate(() => fake.relay.inputBlocked('secure-desktop'));
    await expect.poll(() => blocked.isVisible()).toBe(true);
    await part('release-control').click();
    await expect.poll(() => blocked.isVisible()).toBe(false);
  });

  it('ends the session from the end button', async () => {
    await goLive();
    await part('end').click();
    await expect.poll(() => part('end-reason').textContent()).toBe('Sie haben die Sitzung beendet.');
    expect(await page.evaluate(() => fake.relay.sent.ends)).toEqual(['agent-ended']);
  });

  it('switches the language of the console and the viewer', async () => {
    await goLive();
    await sendFullScreen(6);
    expect(await part('request-control').textContent()).toBe('Steuerung anfordern');
    expect(await page.locator('.fh-segmented [data-lang="en"]').isVisible()).toBe(false);
    await page.locator('.console-lang[data-lang="en"]').click();
    expect(await part('request-control').textContent()).toBe('Request control');
    expect(await part('end').textContent()).toBe('End session');
    expect(await page.locator('.console-subtitle').textContent()).toBe('Agent console');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot('08-live-view-english');
    await page.locator('.console-lang[data-lang="de"]').click();
    expect(await part('request-control').textContent()).toBe('Steuerung anfordern');
  });

  it('shows relay errors and returns to sign-in when the token is rejected', async () => {
    await signIn('agent-token');
    await page.evaluate(() => fake.relay.failNextCreate('VIEWER_RATE_LIMITED'));
    await part('new-session').click();
    await expect.poll(() => part('error').textContent()).toBe('Zu viele Versuche. Bitte warten Sie einen Moment.');
    await page.evaluate(() => fake.relay.failNextCreate('VIEWER_RELAY_UNREACHABLE'));
    await part('new-session').click();
    await expect.poll(() => part('error').textContent()).toBe('Der Relay-Server ist nicht erreichbar.');
    await page.evaluate(() => fake.relay.rejectToken('agent-token'));
    await part('new-session').click();
    await expect
      .poll(() => part('sign-in-error').textContent())
      .toBe('Das Agent-Token wurde abgelehnt. Bitte melden Sie sich neu an.');
    expect(await page.evaluate(() => sessionStorage.getItem('fernhilfe.agentToken'))).toBeNull();
  });
});

describe('console page health', () => {
  it('ran every test above without script errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});

describe('<fernhilfe-viewer> embedded in a helpdesk page', () => {
  it('mounts with the lang attribute, isolates styles and reports the session id', async () => {
    await page.goto(`${site.url}/embed-test.html`);
    await page.waitForFunction(() => (window as unknown as { embedReady?: boolean }).embedReady === true);
    expect(await part('new-session').textContent()).toBe('New session');
    const color = await part('new-session').evaluate((button) => getComputedStyle(button).color);
    expect(color).not.toBe('rgb(255, 0, 0)');
    await page.click('#start');
    await expect.poll(() => page.locator('#stored').textContent()).toBe('sess-0001');
    expect(await part('number').textContent()).toBe('1234 5678');
    expect(await page.evaluate(() => fake.relay.sent.tokens)).toEqual(['ticket-token']);
    expect(await page.evaluate(() => (window as unknown as { events: string[] }).events)).toEqual([
      'creating',
      'waiting',
    ]);
    await shot('09-embedded');
    await page.locator('.fh-segmented [data-lang="de"]').click();
    expect(await part('number').locator('xpath=..').locator('h2').textContent()).toBe('Sitzungsnummer');
    await page.evaluate(() => document.querySelector('fernhilfe-viewer')!.setAttribute('lang', 'en'));
    expect(await part('end').textContent()).toBe('End session');
  });

  it('takes over getToken, connect and createDecoder set before the element was defined', async () => {
    await page.goto(`${site.url}/embed-late-define.html`);
    await page.waitForFunction(() => (window as unknown as { lateReady?: boolean }).lateReady === true);
    const created = await page.evaluate(() =>
      document.querySelector<FernhilfeViewerElement>('fernhilfe-viewer')!.createSession(),
    );
    expect(created.sessionId).toBe('sess-0001');
    expect(await part('number').textContent()).toBe('1234 5678');
    expect(await page.evaluate(() => fake.relay.sent.tokens)).toEqual(['late-token']);
  });
});
