import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeOnUsKeyboard, type ViewerKeyStep } from '../../../scripts/us-keyboard';
import { waitFor } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { connectDisplay } from '../src/connect';
import { X11Error, X11ErrorCode } from '../src/errors';
import type { KeyboardInjector } from '../src/input-keyboard';
import { openX11Desktop, type X11Desktop } from '../src/x11-desktop';
import { typeIntoXterm } from './support/xterm-line';

describe('XTEST keyboard into a real xterm', () => {
  let xvfb: Xvfb;
  let desktop: X11Desktop;
  let keyboard: KeyboardInjector;
  let dir: string;
  beforeAll(async () => {
    xvfb = await startXvfb();
    desktop = await openX11Desktop({ display: xvfb.display });
    if (desktop.keyboard === undefined) throw new Error('XTEST missing on Xvfb');
    keyboard = desktop.keyboard;
    dir = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-kbd-'));
  });
  afterAll(async () => {
    await desktop?.close();
    await xvfb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const typeLine = (name: string, steps: ViewerKeyStep[]) => typeIntoXterm(xvfb, desktop, dir, name, steps);

  it('types "echo Hallo-Welt_42!" + Return as a browser sends it (Shift held around capitals)', async () => {
    const result = await typeLine('with-shift', typeOnUsKeyboard('echo Hallo-Welt_42!'));
    expect(result.typed).toBe('echo Hallo-Welt_42!');
    expect(result.output).toBe('Hallo-Welt_42!\n');
    expect(keyboard.pressedKeycodes).toEqual([]);
  });

  it('adds Shift by itself when only the character says it is shifted', async () => {
    const result = await typeLine('auto-shift', typeOnUsKeyboard('echo Hallo-Welt_42!', false));
    expect(result.typed).toBe('echo Hallo-Welt_42!');
  });

  it('edits with BackSpace, arrows, Home/End and Delete', async () => {
    const left = { code: 'ArrowLeft', key: 'ArrowLeft' };
    const steps: ViewerKeyStep[] = [
      ...typeOnUsKeyboard('echo abcX'),
      { type: 'down', event: { code: 'Backspace', key: 'Backspace' } },
      { type: 'up', event: { code: 'Backspace', key: 'Backspace' } },
      { type: 'down', event: left },
      { type: 'up', event: left },
      { type: 'down', event: left },
      { type: 'up', event: left },
      { type: 'down', event: { code: 'Delete', key: 'Delete' } },
      { type: 'up', event: { code: 'Delete', key: 'Delete' } },
      { type: 'down', event: { code: 'End', key: 'End' } },
      { type: 'up', event: { code: 'End', key: 'End' } },
      ...typeOnUsKeyboard('Z'),
      { type: 'down', event: { code: 'Home', key: 'Home' } },
      { type: 'up', event: { code: 'Home', key: 'Home' } },
      ...typeOnUsKeyboard(' '),
    ];
    const result = await typeLine('editing', steps);
    // "echo abcX" → BackSpace "echo abc" → ←← then Delete removes "b" → "echo ac" → End "Z" → Home " "
    expect(result.typed).toBe(' echo acZ');
    expect(result.output).toBe('acZ\n');
  });

  it('keeps held modifiers for named keys and shortcuts (Shift+Tab, Ctrl+C), and repeats held keys', async () => {
    const recorder = await connectDisplay({ display: xvfb.display });
    const window = recorder.client.AllocID();
    const KeyPressMask = 1;
    recorder.client.CreateWindow(window, recorder.root, 600, 400, 200, 200, 0, 0, 0, 0, { eventMask: KeyPressMask });
    recorder.client.MapWindow(window);
    await recorder.sync();
    const presses: Array<{ keycode: number; state: number }> = [];
    recorder.onEvent((event) => {
      if (event.name === 'KeyPress') presses.push({ keycode: event.keycode as number, state: event.buttons as number });
    });
    desktop.pointer?.move(700, 500);
    await desktop.sync();
    const ShiftMask = 1;
    const ControlMask = 4;
    keyboard.keyDown({ code: 'ShiftLeft', key: 'Shift', shiftKey: true });
    keyboard.keyDown({ code: 'Tab', key: 'Tab', shiftKey: true });
    keyboard.keyUp({ code: 'Tab' });
    keyboard.keyUp({ code: 'ShiftLeft' });
    keyboard.keyDown({ code: 'ControlLeft', key: 'Control', ctrlKey: true });
    keyboard.keyDown({ code: 'KeyC', key: 'c', ctrlKey: true });
    keyboard.keyUp({ code: 'KeyC' });
    keyboard.keyUp({ code: 'ControlLeft' });
    keyboard.keyDown({ code: 'KeyX', key: 'x' });
    keyboard.keyDown({ code: 'KeyX', key: 'x' });
    keyboard.keyUp({ code: 'KeyX' });
    await desktop.sync();
    await waitFor('key presses', async () => (presses.length >= 6 ? true : undefined));
    const [shift, tab, control, c, x1, x2] = presses;
    expect(tab?.state).toBe(ShiftMask);
    expect(shift?.state).toBe(0);
    expect(control?.state).toBe(0);
    expect(c?.state).toBe(ControlMask);
    expect(x1?.keycode).toBe(x2?.keycode);
    expect(x2?.state).toBe(0);
    expect(countPressed(await queryKeymap(desktop))).toBe(0);
    await recorder.close();
  });

  it('releaseAll leaves no key pressed on the server (QueryKeymap)', async () => {
    keyboard.keyDown({ code: 'ShiftLeft', key: 'Shift', shiftKey: true });
    keyboard.keyDown({ code: 'ControlRight', key: 'Control', ctrlKey: true, shiftKey: true });
    keyboard.keyDown({ code: 'AltLeft', key: 'Alt', altKey: true, ctrlKey: true, shiftKey: true });
    keyboard.keyDown({ code: 'KeyQ', key: 'Q', shiftKey: true, ctrlKey: true, altKey: true });
    keyboard.keyDown({ code: 'F5', key: 'F5', shiftKey: true, ctrlKey: true, altKey: true });
    await desktop.sync();
    expect(countPressed(await queryKeymap(desktop))).toBe(5);
    expect(keyboard.pressedKeycodes.length).toBe(5);
    desktop.releaseAll();
    await desktop.sync();
    expect(countPressed(await queryKeymap(desktop))).toBe(0);
    expect(keyboard.pressedKeycodes).toEqual([]);
  });

  it('releases a modifier the viewer no longer reports as held', async () => {
    keyboard.keyDown({ code: 'ControlLeft', key: 'Control', ctrlKey: true });
    keyboard.keyDown({ code: 'KeyA', key: 'a', ctrlKey: false });
    keyboard.keyUp({ code: 'KeyA' });
    await desktop.sync();
    expect(countPressed(await queryKeymap(desktop))).toBe(0);
  });

  it('ignores key-ups of keys it does not hold', async () => {
    keyboard.keyUp({ code: 'KeyZ' });
    await desktop.sync();
    expect(countPressed(await queryKeymap(desktop))).toBe(0);
  });

  it('binds a keysym the layout lacks to a spare keycode', async () => {
    keyboard.keyDown({ code: 'KeyE', key: '€' });
    keyboard.keyUp({ code: 'KeyE' });
    await desktop.sync();
    const rows = await desktop.connection.request<number[][]>('GetKeyboardMapping', (cb) =>
      desktop.connection.client.GetKeyboardMapping(
        desktop.connection.display.min_keycode,
        desktop.connection.display.max_keycode - desktop.connection.display.min_keycode + 1,
        cb,
      ),
    );
    expect(rows.some((row) => row[0] === 0x20ac || row[0] === 0x10020ac)).toBe(true);
    expect(countPressed(await queryKeymap(desktop))).toBe(0);
  });

  it('rejects malformed events and unknown keys with typed errors', () => {
    const codeOf = (fn: () => void) => {
      try {
        fn();
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(X11Error);
        return (error as X11Error).code;
      }
    };
    expect(codeOf(() => keyboard.keyDown({ code: 'Nope', key: 'Unidentified' }))).toBe(X11ErrorCode.KEY_UNMAPPED);
    expect(codeOf(() => keyboard.keyDown({ code: 1, key: 'a' } as never))).toBe(X11ErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => keyboard.keyDown(null as never))).toBe(X11ErrorCode.INVALID_ARGUMENT);
    expect(codeOf(() => keyboard.keyUp({} as never))).toBe(X11ErrorCode.INVALID_ARGUMENT);
  });
});

async function queryKeymap(desktop: X11Desktop): Promise<Buffer> {
  return desktop.connection.request<Buffer>('QueryKeymap', (cb) => desktop.connection.client.QueryKeymap(cb));
}

function countPressed(keymap: Buffer): number {
  let count = 0;
  for (const byte of keymap) for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) count++;
  return count;
}
