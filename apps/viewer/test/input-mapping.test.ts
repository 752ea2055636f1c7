import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_COMBO_IDS, keyComboSequence } from '../src/input/key-combos';
import { createPressedKeys, keyboardEventToRemote } from '../src/input/key-mapping';
import {
  clientToRemote,
  createWheelAccumulator,
  domButtonsToRemote,
  WheelDeltaMode,
} from '../src/input/pointer-mapping';
import { RemoteButton } from '../src/input/remote-input';

describe('clientToRemote', () => {
  const box = { left: 100, top: 50, width: 800, height: 500 };

  it('maps through the scaling', () => {
    expect(clientToRemote(100, 50, box, 1600, 1000)).toEqual({ x: 0, y: 0 });
    expect(clientToRemote(500, 300, box, 1600, 1000)).toEqual({ x: 800, y: 500 });
    expect(clientToRemote(100.4, 50.9, box, 1600, 1000)).toEqual({ x: 0, y: 1 });
    expect(clientToRemote(150, 60, { ...box, width: 1600, height: 1000 }, 1600, 1000)).toEqual({ x: 50, y: 10 });
  });

  it('clamps to the screen', () => {
    expect(clientToRemote(0, 0, box, 1600, 1000)).toEqual({ x: 0, y: 0 });
    expect(clientToRemote(5000, 5000, box, 1600, 1000)).toEqual({ x: 1599, y: 999 });
    expect(clientToRemote(900, 550, box, 1600, 1000)).toEqual({ x: 1599, y: 999 });
  });

  it('always lands on a remote pixel', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        (cx, cy, rw, rh, dw, dh) => {
          const { x, y } = clientToRemote(cx, cy, { left: 0, top: 0, width: dw, height: dh }, rw, rh);
          return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && x < rw && y >= 0 && y < rh;
        },
      ),
    );
  });
});

describe('domButtonsToRemote', () => {
  it('swaps middle and right into X11 order', () => {
    expect(domButtonsToRemote(0)).toBe(0);
    expect(domButtonsToRemote(1)).toBe(RemoteButton.left);
    expect(domButtonsToRemote(2)).toBe(RemoteButton.right);
    expect(domButtonsToRemote(4)).toBe(RemoteButton.middle);
    expect(domButtonsToRemote(1 | 2 | 4 | 8 | 16)).toBe(31);
    expect(domButtonsToRemote(8)).toBe(RemoteButton.back);
  });
});

describe('wheel accumulator', () => {
  it('turns pixel, line and page deltas into notches', () => {
    const wheel = createWheelAccumulator();
    expect(wheel.add(0, 100, WheelDeltaMode.pixel)).toEqual({ wheelX: 0, wheelY: 1 });
    expect(wheel.add(0, -300, WheelDeltaMode.pixel)).toEqual({ wheelX: 0, wheelY: -3 });
    expect(wheel.add(6, 3, WheelDeltaMode.line)).toEqual({ wheelX: 2, wheelY: 1 });
    expect(wheel.add(0, 1, WheelDeltaMode.page)).toEqual({ wheelX: 0, wheelY: 1 });
  });

  it('carries touchpad remainders until they make a notch', () => {
    const wheel = createWheelAccumulator();
    expect(wheel.add(0, 40, WheelDeltaMode.pixel).wheelY).toBe(0);
    expect(wheel.add(0, 40, WheelDeltaMode.pixel).wheelY).toBe(0);
    expect(wheel.add(0, 40, WheelDeltaMode.pixel).wheelY).toBe(1);
    wheel.reset();
    expect(wheel.add(0, 80, WheelDeltaMode.pixel).wheelY).toBe(0);
  });
});

describe('keyboardEventToRemote', () => {
  const base = {
    code: 'KeyA',
    key: 'a',
    repeat: false,
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
  };

  it('keeps code, key, direction and modifiers', () => {
    expect(keyboardEventToRemote({ ...base, type: 'keydown', shiftKey: true, key: 'A' })).toEqual({
      code: 'KeyA',
      key: 'A',
      down: true,
      repeat: false,
      modifiers: { ctrl: false, alt: false, shift: true, meta: false },
    });
    expect(keyboardEventToRemote({ ...base, type: 'keyup', repeat: true })).toMatchObject({
      down: false,
      repeat: false,
    });
    expect(keyboardEventToRemote({ ...base, type: 'keydown', repeat: true })?.repeat).toBe(true);
    expect(keyboardEventToRemote({ ...base, type: 'keydown', code: 'Quote', key: 'Ä' })?.key).toBe('Ä');
  });

  it('drops other events and keys without a code', () => {
    expect(keyboardEventToRemote({ ...base, type: 'keypress' })).toBeUndefined();
    expect(keyboardEventToRemote({ ...base, type: 'keydown', code: '' })).toBeUndefined();
    expect(keyboardEventToRemote({ ...base, type: 'keydown', code: 'Unidentified' })).toBeUndefined();
  });
});

describe('pressed keys', () => {
  it('releases what is still down, latest first', () => {
    const pressed = createPressedKeys();
    const key = (code: string, down: boolean) => ({
      code,
      key: code,
      down,
      repeat: false,
      modifiers: { ctrl: false, alt: false, shift: false, meta: false },
    });
    pressed.track(key('ShiftLeft', true));
    pressed.track(key('KeyA', true));
    pressed.track(key('KeyB', true));
    pressed.track(key('KeyA', false));
    expect(pressed.releaseAll().map((input) => [input.code, input.down])).toEqual([
      ['KeyB', false],
      ['ShiftLeft', false],
    ]);
    expect(pressed.releaseAll()).toEqual([]);
  });
});

describe('key combinations', () => {
  it('types Ctrl+Alt+Del as downs in order and ups in reverse with modifier state', () => {
    const sequence = keyComboSequence('ctrl-alt-del');
    expect(sequence.map((input) => `${input.down ? '+' : '-'}${input.code}`)).toEqual([
      '+ControlLeft',
      '+AltLeft',
      '+Delete',
      '-Delete',
      '-AltLeft',
      '-ControlLeft',
    ]);
    expect(sequence[2]?.modifiers).toEqual({ ctrl: true, alt: true, shift: false, meta: false });
    expect(sequence[5]?.modifiers).toEqual({ ctrl: false, alt: false, shift: false, meta: false });
  });

  it('leaves no key down for any combination', () => {
    for (const id of KEY_COMBO_IDS) {
      const sequence = keyComboSequence(id);
      const pressed = createPressedKeys();
      for (const input of sequence) pressed.track(input);
      expect(pressed.releaseAll()).toEqual([]);
      expect(sequence.at(-1)?.modifiers).toEqual({ ctrl: false, alt: false, shift: false, meta: false });
    }
  });

  it('presses the Super key alone', () => {
    expect(keyComboSequence('super').map((input) => input.code)).toEqual(['MetaLeft', 'MetaLeft']);
  });
});
