import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeOnUsKeyboard, type ViewerKeyStep } from '../../../scripts/us-keyboard';
import { requirePrograms, startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { openX11Desktop, type X11Desktop } from '../src/x11-desktop';
import { typeIntoXterm } from './support/xterm-line';

const LockMask = 0x02;

async function lockOn(desktop: X11Desktop): Promise<boolean> {
  const reply = await desktop.connection.request<{ keyMask: number }>('QueryPointer', (cb) =>
    desktop.connection.client.QueryPointer(desktop.connection.root, cb),
  );
  return (reply.keyMask & LockMask) !== 0;
}

const capsLock: ViewerKeyStep[] = [
  { type: 'down', event: { code: 'CapsLock', key: 'CapsLock' } },
  { type: 'up', event: { code: 'CapsLock', key: 'CapsLock' } },
];

describe('Caps Lock on the desktop', () => {
  let xvfb: Xvfb;
  let desktop: X11Desktop;
  let dir: string;
  beforeAll(async () => {
    xvfb = await startXvfb();
    desktop = await openX11Desktop({ display: xvfb.display });
    dir = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-caps-'));
  });
  afterAll(async () => {
    await desktop?.close();
    await xvfb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('types the characters the viewer meant while the agent switched Caps Lock on', async () => {
    // With Caps Lock on, a browser reports "A" for the A key and "b" for Shift+B.
    const steps: ViewerKeyStep[] = [
      ...typeOnUsKeyboard('echo '),
      ...capsLock,
      { type: 'down', event: { code: 'KeyA', key: 'A' } },
      { type: 'up', event: { code: 'KeyA', key: 'A' } },
      { type: 'down', event: { code: 'ShiftLeft', key: 'Shift', shiftKey: true } },
      { type: 'down', event: { code: 'KeyB', key: 'b', shiftKey: true } },
      { type: 'up', event: { code: 'KeyB', key: 'b', shiftKey: true } },
      { type: 'up', event: { code: 'ShiftLeft', key: 'Shift' } },
      ...typeOnUsKeyboard('1'),
      ...capsLock,
      ...typeOnUsKeyboard('Cd'),
    ];
    const result = await typeIntoXterm(xvfb, desktop, dir, 'caps-by-viewer', steps);
    expect(result.typed).toBe('echo Ab1Cd');
    expect(await lockOn(desktop)).toBe(false);
  });

  it('types correctly when Caps Lock was already on at the customer, and leaves it on', async () => {
    await xvfb.exec('xdotool', ['key', 'Caps_Lock']);
    expect(await lockOn(desktop)).toBe(true);
    const result = await typeIntoXterm(xvfb, desktop, dir, 'caps-by-customer', typeOnUsKeyboard('echo MiXeD'));
    expect(result.typed).toBe('echo MiXeD');
    desktop.releaseAll();
    await desktop.sync();
    expect(await lockOn(desktop)).toBe(true);
    await xvfb.exec('xdotool', ['key', 'Caps_Lock']);
    expect(await lockOn(desktop)).toBe(false);
  });

  it('releaseAll switches Caps Lock back off when the agent left it on', async () => {
    desktop.keyboard?.keyDown({ code: 'CapsLock', key: 'CapsLock' });
    desktop.keyboard?.keyUp({ code: 'CapsLock' });
    await desktop.sync();
    expect(await lockOn(desktop)).toBe(true);
    desktop.releaseAll();
    await desktop.sync();
    expect(await lockOn(desktop)).toBe(false);
  });
});

describe('a German desktop layout typed from a US viewer', () => {
  let xvfb: Xvfb;
  let desktop: X11Desktop;
  let dir: string;
  beforeAll(async () => {
    requirePrograms(['setxkbmap']);
    xvfb = await startXvfb();
    await xvfb.exec('setxkbmap', ['de']);
    desktop = await openX11Desktop({ display: xvfb.display });
    dir = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-de-'));
  });
  afterAll(async () => {
    await desktop?.close();
    await xvfb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('produces the characters, not the key positions: Y/Z, AltGr symbols, shifted symbols', async () => {
    // On a German layout "@" is AltGr+Q, "{" AltGr+7, "~" AltGr++, "/" Shift+7, "y" is where US has "z".
    const line = 'echo \'yz@a{b}[c]~d/e|f\\_42!\' "Q<>"';
    const result = await typeIntoXterm(xvfb, desktop, dir, 'de', typeOnUsKeyboard(line));
    expect(result.typed).toBe(line);
    expect(result.output).toBe('yz@a{b}[c]~d/e|f\\_42! Q<>\n');
  });
});
